package dev.tenancy.test.sts;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tenancy.iam.evaluation.PrincipalSession;
import org.jspecify.annotations.Nullable;

/**
 * The state of a {@link LocalSts}: registered roles and base identities, and the sessions issued so far, with IAM's
 * view of each identity.
 *
 * @author tenancy
 * @since 0.1
 */
final class StsSessionRegistry {

	private static final String PARTITION = "aws";

	private final Clock clock;

	private final Map<String, RoleDefinition> roles = new ConcurrentHashMap<>();

	private final Map<String, IssuedSession> identities = new ConcurrentHashMap<>();

	private final Map<String, UserPrincipal> users = new ConcurrentHashMap<>();

	private final List<String> issuedKeys = new CopyOnWriteArrayList<>();

	StsSessionRegistry(Clock clock) {
		this.clock = clock;
	}

	void registerRole(RoleDefinition role) {
		this.roles.put(role.arn(), role);
	}

	@Nullable RoleDefinition role(String roleArn) {
		return this.roles.get(roleArn);
	}

	void registerBaseIdentity(IssuedSession identity, List<String> identityPolicies) {
		if (identity.assumedRole()) {
			throw new IllegalArgumentException(String.format("'%s' is a role session, not a base identity.",
					identity.principalArn()));
		}
		this.users.put(identity.principalArn(), userPrincipal(identity, identityPolicies));
		this.identities.put(identity.accessKeyId(), identity);
	}

	List<String> identityPolicies(String userArn) {
		UserPrincipal user = this.users.get(userArn);
		return (user != null) ? user.policies() : List.of();
	}

	PrincipalSession principal(IssuedSession identity) {
		if (!identity.assumedRole()) {
			UserPrincipal user = this.users.get(identity.principalArn());
			if (user == null) {
				throw new IllegalStateException("Unknown base identity " + identity.principalArn());
			}
			return user.principal();
		}
		String roleArn = Objects.requireNonNull(identity.roleArn());
		RoleDefinition role = this.roles.get(roleArn);
		if (role == null) {
			throw new IllegalStateException("Unknown role " + roleArn);
		}
		PrincipalSession.Builder builder = PrincipalSession
			.assumedRole(PARTITION, identity.account(), role.roleName(), role.roleId(),
					String.valueOf(identity.roleSessionName()))
			.identityPolicyJson(role.identityPolicy())
			.sessionPolicyJson(identity.sessionPolicy());
		identity.tags().forEach(builder::tag);
		return builder.build();
	}

	@Nullable IssuedSession lookup(String accessKeyId) {
		return this.identities.get(accessKeyId);
	}

	List<IssuedSession> sessions() {
		List<IssuedSession> result = new ArrayList<>(this.issuedKeys.size());
		for (String key : this.issuedKeys) {
			result.add(this.identities.get(key));
		}
		return Collections.unmodifiableList(result);
	}

	IssuedSession expire(String accessKeyId) {
		IssuedSession updated = this.identities.computeIfPresent(accessKeyId,
				(key, session) -> session.assumedRole() ? session.withExpiration(this.clock.instant()) : session);
		if (updated == null || !updated.assumedRole()) {
			throw new IllegalArgumentException(String.format("No session with access key '%s' was issued by this "
					+ "STS.", accessKeyId));
		}
		return updated;
	}

	IssuedSession issue(IssuedSession caller, RoleDefinition role, AssumeRoleParameters parameters) {
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		String sessionName = parameters.roleSessionName();
		IssuedSession session = new IssuedSession(Credentials.temporaryAccessKeyId(), Credentials.secretAccessKey(),
				Credentials.sessionToken(), role.account(),
				"arn:aws:sts::" + role.account() + ":assumed-role/" + role.roleName() + "/" + sessionName,
				role.roleId() + ":" + sessionName, role.arn(), sessionName, parameters.policy(), parameters.tags(),
				parameters.transitiveTagKeys(), parameters.externalId(), caller.principalArn(), now,
				now.plusSeconds(parameters.durationSeconds()));
		this.identities.put(session.accessKeyId(), session);
		this.issuedKeys.add(session.accessKeyId());
		return session;
	}

	private static UserPrincipal userPrincipal(IssuedSession identity, List<String> policies) {
		String arn = identity.principalArn();
		PrincipalSession.Builder builder = PrincipalSession.builder()
			.principalArn(arn)
			.contextKey("aws:username", arn.substring(arn.lastIndexOf('/') + 1))
			.contextKey("aws:userid", identity.userId())
			.contextKey("aws:PrincipalType", "User")
			.contextKey("aws:PrincipalAccount", identity.account())
			.contextKey("aws:PrincipalArn", arn);
		policies.forEach(builder::identityPolicyJson);
		return new UserPrincipal(List.copyOf(policies), builder.build());
	}

	/** A registered user: its policies as sent and as compiled for the evaluator. */
	private record UserPrincipal(List<String> policies, PrincipalSession principal) {
	}

}
