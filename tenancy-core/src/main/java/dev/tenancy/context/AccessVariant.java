package dev.tenancy.context;

import java.util.regex.Pattern;

import org.springframework.util.Assert;

/**
 * What a tenant's caller may see of the tenant's items: {@link #UNRESTRICTED} (every attribute) or a named, column-
 * restricted variant such as {@code restricted}. Each tenant has one STS session, one session policy and one compiled
 * guard policy per variant, so "{@code acme} as {@code restricted}" is signed with credentials whose policy allows only
 * the variant's attributes.
 * <p>
 * A variant's name is 1 to {@value #MAX_LENGTH} lower-case ASCII letters and digits, starting with a letter, and not
 * {@code tenant}: it becomes the prefix of the variant's role session names ({@code restricted-acme}, next to the
 * unrestricted {@code tenant-acme}), which must stay within STS's 64 characters for the longest tenant id and must
 * never be mistaken for the unrestricted session of a tenant.
 *
 * @param name the variant's name
 * @author tenancy
 * @since 0.1
 */
public record AccessVariant(String name) {

	/** The longest variant name: {@value}, so that {@code <variant>-<tenant id>} fits a role session name. */
	public static final int MAX_LENGTH = 64 - 1 - TenantId.MAX_LENGTH;

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0," + (MAX_LENGTH - 1) + "}");

	private static final String UNRESTRICTED_SESSION_PREFIX = "tenant";

	/** Every attribute of the tenant's items; its role sessions are named {@code tenant-<id>}. */
	public static final AccessVariant UNRESTRICTED = new AccessVariant("unrestricted");

	/**
	 * @param name the variant's name, see the class documentation
	 * @throws IllegalArgumentException if the name is not a valid variant name
	 */
	public AccessVariant {
		Assert.isTrue(name != null && NAME.matcher(name).matches() && !UNRESTRICTED_SESSION_PREFIX.equals(name),
				() -> "Access variant '" + name + "' is not valid: a variant name is 1 to " + MAX_LENGTH
						+ " lower-case ASCII letters and digits, starting with a letter, and not '"
						+ UNRESTRICTED_SESSION_PREFIX + "'. Rename the variant, for example 'restricted'.");
	}

	/**
	 * @param name the variant's name
	 * @return the variant; {@code unrestricted} is {@link #UNRESTRICTED}
	 * @throws IllegalArgumentException if the name is not a valid variant name
	 */
	public static AccessVariant of(String name) {
		return new AccessVariant(name);
	}

	/**
	 * @return whether this variant is column-restricted (every variant but {@link #UNRESTRICTED})
	 */
	public boolean restricted() {
		return !equals(UNRESTRICTED);
	}

	/**
	 * @param tenant the tenant
	 * @return the role session name of the tenant's session in this variant: {@code tenant-<id>} for
	 * {@link #UNRESTRICTED}, {@code <variant>-<id>} otherwise
	 */
	public String roleSessionName(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		return (restricted() ? this.name : UNRESTRICTED_SESSION_PREFIX) + "-" + tenant.value();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
