package dev.tenancy.sample.security;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Turns group names of the identity provider and configured role names into Spring Security authorities, by exact
 * comparison only. Names are ASCII: a group is lower-case ({@code admin}, {@code billing_team}) and a configured role
 * upper-case ({@code ADMIN}); the authority is {@code ROLE_} and the upper-case name. There is no case folding of
 * anything else, so a name that merely looks like a role (a dotless {@code ı}, a Cyrillic {@code а}, full-width
 * letters, {@code ADMIN} as a group, surrounding spaces or invisible characters) never becomes that role, whatever the
 * JVM's default locale.
 *
 * @author tenancy
 * @since 0.1
 */
final class RoleNames {

	private static final String PREFIX = "ROLE_";

	private RoleNames() {
	}

	/**
	 * @param group a group name from a token
	 * @return the authority of the group, or {@literal null} if the name is not a lower-case ASCII role name
	 */
	static @Nullable String authorityOfGroup(String group) {
		return isName(group, 'a', 'z') ? PREFIX + group.toUpperCase(Locale.ROOT) : null;
	}

	/**
	 * @param role a configured role name, for example {@code ADMIN}
	 * @param user the user it is configured for, for the message
	 * @return the authority, for example {@code ROLE_ADMIN}
	 * @throws IllegalArgumentException if the name is not an upper-case ASCII role name
	 */
	static String authorityOfRole(String role, String user) {
		if (!isName(role, 'A', 'Z') || role.startsWith(PREFIX)) {
			throw new IllegalArgumentException(String.format("The role '%s' of the local user '%s' is not a role "
					+ "name: write it in upper-case ASCII letters, digits and '_', starting with a letter and without "
					+ "the 'ROLE_' prefix, for example 'ADMIN'.", role, user));
		}
		return PREFIX + role;
	}

	/** Whether a name is a letter of {@code [first, last]} followed by such letters, digits and '_'. */
	private static boolean isName(String name, char first, char last) {
		if (name.isEmpty() || name.length() > 64) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean letter = c >= first && c <= last;
			if (!(letter || (i > 0 && ((c >= '0' && c <= '9') || c == '_')))) {
				return false;
			}
		}
		return true;
	}

}
