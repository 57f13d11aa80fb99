package dev.tenancy.sample.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Security settings of the sample, bound from {@code sample.security.*}.
 *
 * @param users local users who sign in with HTTP basic authentication (the embedded default only; with a JWT issuer
 * configured they are not used)
 * @param jwt how JWTs of the identity provider are read
 * @author tenancy
 * @since 0.1
 */
@ConfigurationProperties(prefix = "sample.security")
public record SampleSecurityProperties(@DefaultValue List<LocalUser> users, @DefaultValue Jwt jwt) {

	/**
	 * A local user.
	 *
	 * @param name the user name
	 * @param password the password with its encoding id, for example <code>{noop}alice</code> or
	 * <code>{bcrypt}$2a$10$...</code>
	 * @param organization the organization (tenant) of the user
	 * @param roles the roles in upper-case ASCII, for example {@code USER} and {@code ADMIN} (anything else fails the
	 * startup)
	 */
	public record LocalUser(String name, String password, String organization, @DefaultValue("USER") List<String> roles) {
	}

	/**
	 * How JWTs are read. The tenant claim itself is {@code tenancy.tenant-claim}.
	 *
	 * @param principalClaim the claim that holds the user name
	 * @param rolesClaim the claim that lists the user's groups; each group written in lower-case ASCII becomes the role
	 * of the same name in upper case, other group names grant no role (Cognito: {@code cognito:groups})
	 */
	public record Jwt(@DefaultValue("username") String principalClaim, @DefaultValue("cognito:groups") String rolesClaim) {
	}

}
