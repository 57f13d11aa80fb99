package dev.tenancy.test.sts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * An identity known to {@link LocalSts}: either a session it issued with AssumeRole (temporary credentials with a
 * role, a session name, an optional session policy, session tags and an expiry), or a registered long-term base
 * identity (an IAM user's access key; no role, no token, no expiry).
 * <p>
 * Tests read these records to check what a token vending machine asked STS for; the IAM-enforcing gateway uses them to
 * authenticate requests and hands them to its {@code GatewayAuthorizer}.
 *
 * @param accessKeyId the access key id ({@code ASIA…} for issued sessions)
 * @param secretAccessKey the secret access key
 * @param sessionToken the session token, {@literal null} for a base identity
 * @param account the 12-digit account id of the principal
 * @param principalArn the principal ARN, {@code arn:aws:sts::<account>:assumed-role/<role>/<session>} for a session
 * @param userId the unique id ({@code AROA…:<session>} for a session, {@code AIDA…} for a user)
 * @param roleArn the assumed role's ARN, {@literal null} for a base identity
 * @param roleSessionName the role session name, {@literal null} for a base identity
 * @param sessionPolicy the inline session policy text as sent, if any
 * @param tags the session tags in the order sent
 * @param transitiveTagKeys the transitive tag keys as sent
 * @param externalId the external id as sent, if any
 * @param callerArn the principal that called AssumeRole, {@literal null} for a base identity
 * @param issuedAt when the credentials were issued (or registered)
 * @param expiration when the credentials expire, {@literal null} for a base identity
 * @author tenancy
 * @since 0.1
 */
public record IssuedSession(String accessKeyId, String secretAccessKey, @Nullable String sessionToken, String account,
		String principalArn, String userId, @Nullable String roleArn, @Nullable String roleSessionName,
		@Nullable String sessionPolicy, Map<String, String> tags, List<String> transitiveTagKeys,
		@Nullable String externalId, @Nullable String callerArn, Instant issuedAt, @Nullable Instant expiration) {

	public IssuedSession {
		tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
		transitiveTagKeys = List.copyOf(transitiveTagKeys);
	}

	/**
	 * Describe a long-term base identity (an IAM user's access key).
	 * @param accessKeyId the access key id, conventionally {@code AKIA…}
	 * @param secretAccessKey the secret
	 * @param principalArn the user ARN, {@code arn:aws:iam::<account>:user/<name>}
	 * @param issuedAt when it was registered
	 * @return the identity
	 */
	public static IssuedSession baseIdentity(String accessKeyId, String secretAccessKey, String principalArn,
			Instant issuedAt) {
		String[] parts = principalArn.split(":", 6);
		if (parts.length != 6 || !"iam".equals(parts[2]) || !parts[4].matches("\\d{12}")
				|| !parts[5].startsWith("user/")) {
			throw new IllegalArgumentException(String.format("Base identity ARN '%s' is not an IAM user ARN "
					+ "(arn:aws:iam::<12-digit account>:user/<name>).", principalArn));
		}
		String userId = "AIDA" + Credentials.suffixFor(principalArn, 17);
		return new IssuedSession(accessKeyId, secretAccessKey, null, parts[4], principalArn, userId, null, null, null,
				Map.of(), List.of(), null, null, issuedAt, null);
	}

	/**
	 * @return whether this is an assumed-role session (as opposed to a base identity)
	 */
	public boolean assumedRole() {
		return this.roleArn != null;
	}

	/**
	 * @return the role name (the last path segment of the role ARN), {@literal null} for a base identity
	 */
	public @Nullable String roleName() {
		String arn = this.roleArn;
		return (arn != null) ? arn.substring(arn.lastIndexOf('/') + 1) : null;
	}

	/**
	 * @param now the current time
	 * @return whether the credentials have expired at {@code now}
	 */
	public boolean isExpiredAt(Instant now) {
		Instant expiry = this.expiration;
		return expiry != null && !now.isBefore(expiry);
	}

	/**
	 * @return the credentials as the AWS SDK's type ({@link AwsSessionCredentials} for a session)
	 */
	public AwsCredentials credentials() {
		String token = this.sessionToken;
		if (token == null) {
			return AwsBasicCredentials.create(this.accessKeyId, this.secretAccessKey);
		}
		AwsSessionCredentials.Builder builder = AwsSessionCredentials.builder()
			.accessKeyId(this.accessKeyId)
			.secretAccessKey(this.secretAccessKey)
			.sessionToken(token)
			.accountId(this.account);
		if (this.expiration != null) {
			builder.expirationTime(this.expiration);
		}
		return builder.build();
	}

	/**
	 * @param newExpiration the new expiry
	 * @return a copy of this session that expires at {@code newExpiration}
	 */
	public IssuedSession withExpiration(Instant newExpiration) {
		return new IssuedSession(this.accessKeyId, this.secretAccessKey, this.sessionToken, this.account,
				this.principalArn, this.userId, this.roleArn, this.roleSessionName, this.sessionPolicy, this.tags,
				this.transitiveTagKeys, this.externalId, this.callerArn, this.issuedAt, newExpiration);
	}

	@Override
	public String toString() {
		return "IssuedSession[" + this.accessKeyId + " " + this.principalArn
				+ ((this.expiration != null) ? " expires " + this.expiration : "") + "]";
	}

}
