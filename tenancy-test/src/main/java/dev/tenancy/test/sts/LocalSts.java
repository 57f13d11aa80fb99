package dev.tenancy.test.sts;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.test.support.DaemonThreadFactory;
import dev.tenancy.test.support.LoopbackHttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A local AWS Security Token Service on a loopback port, speaking the STS Query API (form-encoded POST,
 * {@code Version=2011-06-15}, XML responses) so that the AWS SDK's {@code StsClient} and
 * {@code StsAssumeRoleCredentialsProvider} work against it unchanged (set {@code endpointOverride} to
 * {@link #endpoint()}).
 * <p>
 * Supported actions: {@code AssumeRole} (parameters {@code RoleArn}, {@code RoleSessionName},
 * {@code DurationSeconds}, {@code Policy}, {@code Tags.member.N.Key/Value}, {@code TransitiveTagKeys.member.N},
 * {@code ExternalId}) and {@code GetCallerIdentity}. Every request is authenticated by its SigV4 signature against the
 * registered base identities and the sessions issued here. AssumeRole validates its parameters like STS, checks the
 * role's trust policy ({@link TrustPolicyEvaluator}) and, for a base identity, the identity policies of its user with
 * the project's {@link PolicyEvaluator} (both must allow {@code sts:AssumeRole}, and {@code sts:TagSession} when tags
 * are passed), and issues distinct temporary credentials ({@code ASIA…}) that expire {@code DurationSeconds} after
 * issue on this server's {@link Clock}. Each session is recorded as an {@link IssuedSession}, queryable with
 * {@link #sessions()} and {@link #lookup(String)}; {@link #principal(IssuedSession)} gives IAM's view of any identity
 * known here, which the IAM-enforcing gateway evaluates DynamoDB requests against.
 * <p>
 * Errors use STS's XML {@code ErrorResponse} with STS's codes: {@code ValidationError},
 * {@code MalformedPolicyDocument}, {@code PackedPolicyTooLarge} (400), {@code AccessDenied} (403),
 * {@code Throttling} (400, "Rate exceeded"), plus the authentication errors {@code MissingAuthenticationToken},
 * {@code IncompleteSignature}, {@code InvalidClientTokenId}, {@code SignatureDoesNotMatch} and {@code ExpiredToken}.
 * {@link #faults()} injects latency, throttling, outages and malformed responses.
 * <p>
 * The packed-policy size is a model, not AWS's real packing: the minified session policy and the session tags are
 * compressed with DEFLATE and compared with a budget ({@link Builder#packedPolicyBudget(int)}).
 *
 * @author tenancy
 * @since 0.1
 */
public final class LocalSts implements AutoCloseable {

	/** The STS API version the server speaks. */
	public static final String API_VERSION = "2011-06-15";

	/** The default budget, in compressed bytes, that makes {@code PackedPolicySize} 100%. */
	public static final int DEFAULT_PACKED_POLICY_BUDGET = 1024;

	private final String accountId;

	private final Clock clock;

	private final StsSessionRegistry registry;

	private final StsFaults faults;

	private final StsQueryHandler handler;

	private final LoopbackHttpServer server;

	private LocalSts(Builder builder) {
		this.accountId = builder.accountId;
		this.clock = builder.clock;
		this.registry = new StsSessionRegistry(builder.clock);
		builder.roles.forEach(this::registerRole);
		builder.baseIdentities.forEach((identity, policies) -> registerBaseIdentity(identity,
				policies.toArray(String[]::new)));
		this.faults = new StsFaults(this::onOutageChange);
		this.handler = new StsQueryHandler(this.registry,
				new AssumeRoleAuthorizer(this.registry, builder.trustPolicyEvaluator, builder.packedPolicyBudget),
				this.faults, builder.clock);
		this.server = LoopbackHttpServer.start(DaemonThreadFactory.named(builder.threadName), builder.port,
				this.handler::handle);
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the endpoint to use as the STS client's {@code endpointOverride}
	 */
	public URI endpoint() {
		return this.server.uri();
	}

	/**
	 * @return the bound port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * @return the account id of the server's principals
	 */
	public String accountId() {
		return this.accountId;
	}

	/**
	 * @return the clock that decides issue and expiry times
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * @return the fault injection controls
	 */
	public StsFaults faults() {
		return this.faults;
	}

	/**
	 * Register (or replace) a role that callers may assume.
	 * @param role the role
	 */
	public void registerRole(RoleDefinition role) {
		this.registry.registerRole(role);
	}

	/**
	 * @param roleArn a role ARN
	 * @return the registered role, if any
	 */
	public Optional<RoleDefinition> role(String roleArn) {
		return Optional.ofNullable(this.registry.role(roleArn));
	}

	/**
	 * Register a long-term base identity (an IAM user's access key) and set the user's identity policies, which
	 * replace any the user had. A user without policies may do nothing: every DynamoDB request and every AssumeRole
	 * it signs is denied, as IAM denies them.
	 * @param identity the identity, see {@link IssuedSession#baseIdentity}
	 * @param identityPolicies the user's identity (permission) policies as JSON, OR-ed together
	 * @throws IllegalArgumentException if the identity is a role session or a policy is not a valid identity policy
	 */
	public void registerBaseIdentity(IssuedSession identity, String... identityPolicies) {
		this.registry.registerBaseIdentity(identity, List.of(identityPolicies));
	}

	/**
	 * Register a base identity with newly generated long-term credentials ({@code AKIA…}) and set the user's identity
	 * policies, see {@link #registerBaseIdentity(IssuedSession, String...)}.
	 * @param userArn the user ARN, {@code arn:aws:iam::<account>:user/<name>}
	 * @param identityPolicies the user's identity (permission) policies as JSON
	 * @return the identity with its credentials
	 */
	public IssuedSession registerBaseIdentity(String userArn, String... identityPolicies) {
		IssuedSession identity = IssuedSession.baseIdentity(Credentials.longTermAccessKeyId(),
				Credentials.secretAccessKey(), userArn, this.clock.instant());
		registerBaseIdentity(identity, identityPolicies);
		return identity;
	}

	/**
	 * @param userArn the ARN of a registered base identity's user
	 * @return the user's identity policies as registered, empty if it has none or is unknown
	 */
	public List<String> identityPolicies(String userArn) {
		return this.registry.identityPolicies(userArn);
	}

	/**
	 * IAM's view of an identity known here, for the project's {@link PolicyEvaluator}: for a base identity the IAM
	 * user with its identity policies (compiled once per registration); for an issued session the assumed-role
	 * session with the role's identity policy, the session policy it was issued with and its session tags (built on
	 * each call; cache it per access key).
	 * @param identity a base identity or an issued session of this STS
	 * @return the principal
	 * @throws IllegalStateException if the session's role or the base identity's user is no longer registered
	 */
	public PrincipalSession principal(IssuedSession identity) {
		return this.registry.principal(identity);
	}

	/**
	 * Find the identity behind an access key id: a base identity or an issued session (also an expired one).
	 * @param accessKeyId the access key id
	 * @return the identity, if known
	 */
	public Optional<IssuedSession> lookup(String accessKeyId) {
		return Optional.ofNullable(this.registry.lookup(accessKeyId));
	}

	/**
	 * @return every session issued so far, in the order of issue (with their current expiry)
	 */
	public List<IssuedSession> sessions() {
		return this.registry.sessions();
	}

	/**
	 * @param roleSessionName a role session name
	 * @return the sessions issued with that name, in the order of issue
	 */
	public List<IssuedSession> sessions(String roleSessionName) {
		return sessions().stream().filter((session) -> roleSessionName.equals(session.roleSessionName())).toList();
	}

	/**
	 * @return the most recently issued session, if any
	 */
	public Optional<IssuedSession> lastSession() {
		List<IssuedSession> all = sessions();
		return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
	}

	/**
	 * Make an issued session expire now (on this server's clock), so that its next use fails with
	 * {@code ExpiredToken}/{@code ExpiredTokenException}. Affects only that session, so it is safe in parallel tests.
	 * @param accessKeyId the session's access key id
	 * @return the expired session
	 * @throws IllegalArgumentException if no session with that key was issued here
	 */
	public IssuedSession expire(String accessKeyId) {
		return this.registry.expire(accessKeyId);
	}

	/**
	 * @return how many HTTP requests reached the server (including failed, throttled and faulty ones)
	 */
	public long requestCount() {
		return this.handler.requestCount();
	}

	/**
	 * @param action an action name, for example {@code AssumeRole}
	 * @return how many requests for that action reached the server (including failed ones)
	 */
	public long requestCount(String action) {
		return this.handler.requestCount(action);
	}

	private void onOutageChange(@Nullable StsOutage outage) {
		if (outage == StsOutage.CONNECTION_REFUSED) {
			this.server.suspend();
		}
		else {
			this.server.resume();
		}
	}

	/**
	 * Stop the server and its threads. Idempotent.
	 */
	@Override
	public void close() {
		this.server.close();
	}

	@Override
	public String toString() {
		return "LocalSts[" + endpoint() + "]";
	}

	/**
	 * Builder for {@link LocalSts}.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private String accountId = "123456789012";

		private Clock clock = Clock.systemUTC();

		private int port;

		private String threadName = "sts";

		private TrustPolicyEvaluator trustPolicyEvaluator = TrustPolicyEvaluator.simple();

		private int packedPolicyBudget = DEFAULT_PACKED_POLICY_BUDGET;

		private final List<RoleDefinition> roles = new ArrayList<>();

		private final Map<IssuedSession, List<String>> baseIdentities = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * @param accountId the 12-digit account id (default {@code 123456789012})
		 * @return this builder
		 */
		public Builder accountId(String accountId) {
			if (!accountId.matches("\\d{12}")) {
				throw new IllegalArgumentException(String.format("Account id '%s' must be 12 digits.", accountId));
			}
			this.accountId = accountId;
			return this;
		}

		/**
		 * @param clock the clock for issue and expiry times (default the system UTC clock)
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * @param port the loopback port, or {@code 0} (default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException(String.format("Port %d is out of range.", port));
			}
			this.port = port;
			return this;
		}

		/**
		 * @param threadName the middle part of the server's thread names, {@code tenancy-test-<threadName>-<n>}
		 * (default {@code sts})
		 * @return this builder
		 */
		public Builder threadName(String threadName) {
			this.threadName = threadName;
			return this;
		}

		/**
		 * @param trustPolicyEvaluator how trust policies are evaluated (default {@link TrustPolicyEvaluator#simple()})
		 * @return this builder
		 */
		public Builder trustPolicyEvaluator(TrustPolicyEvaluator trustPolicyEvaluator) {
			this.trustPolicyEvaluator = trustPolicyEvaluator;
			return this;
		}

		/**
		 * @param budget the compressed size, in bytes, of session policy plus tags that makes
		 * {@code PackedPolicySize} 100% (default {@value LocalSts#DEFAULT_PACKED_POLICY_BUDGET})
		 * @return this builder
		 */
		public Builder packedPolicyBudget(int budget) {
			if (budget <= 0) {
				throw new IllegalArgumentException(
						String.format("Packed policy budget must be positive; got %d.", budget));
			}
			this.packedPolicyBudget = budget;
			return this;
		}

		/**
		 * @param role a role callers may assume
		 * @return this builder
		 */
		public Builder role(RoleDefinition role) {
			this.roles.add(role);
			return this;
		}

		/**
		 * @param identity a base identity whose access key may call STS (and the gateway)
		 * @param identityPolicies the user's identity (permission) policies as JSON; without any, the user may do
		 * nothing, see {@link LocalSts#registerBaseIdentity(IssuedSession, String...)}
		 * @return this builder
		 */
		public Builder baseIdentity(IssuedSession identity, String... identityPolicies) {
			this.baseIdentities.put(identity, List.of(identityPolicies));
			return this;
		}

		/**
		 * @return the started server
		 */
		public LocalSts start() {
			return new LocalSts(this);
		}

	}

}
