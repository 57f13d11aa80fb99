package dev.tenancy.credentials;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.TenantKeyTemplate;

import org.springframework.util.Assert;

/**
 * Token vending machine: one STS session per tenant, obtained with {@code AssumeRole} of a single role with the
 * tenant's inline session policy, the session tag {@code tenant=<id>} and the role session name
 * {@code tenant-<id>}.
 * <p>
 * Each tenant's session is an SDK {@link StsAssumeRoleCredentialsProvider} with asynchronous refresh: credentials are
 * fetched on the tenant's first request and from then on refreshed in the background once they are within
 * {@link Builder#refreshAhead(Duration) refreshAhead} of expiry, so the request path does not wait on STS again. The
 * sessions are held in a Caffeine cache bounded by {@link Builder#maximumTenants(long) maximumTenants}; a session
 * that is evicted is closed, which stops its background refresh. All sessions share one {@link StsClient} (one HTTP
 * connection pool, one base credentials provider) and the SDK's shared refresh threads.
 * <p>
 * Guarantees, most of them the SDK's own behaviour (checked against AWS SDK 2.41.0):
 * <ul>
 * <li>Concurrent first requests of one tenant make one {@code AssumeRole} call: Caffeine creates the session
 * atomically per tenant, and the SDK's {@code CachedSupplier} lets one thread fetch while the others wait for its
 * result (it waits at most 5 seconds before letting a waiting thread try itself).</li>
 * <li>Throttling ({@code Throttling}, HTTP 400) and other retryable STS errors are retried with backoff by the
 * {@link StsClient}'s own retry strategy; the SDK classifies {@code Throttling} as a throttling error. Configure
 * retries and timeouts on the {@code StsClient}; this class adds no second retry layer.</li>
 * <li>While a cached session is still valid (before expiry minus {@link Builder#staleTime(Duration) staleTime}) a
 * failing refresh does not affect requests: they keep using the cached credentials and the refresh is tried again
 * later.</li>
 * <li>When no valid session exists and STS fails, {@code resolveCredentials()} throws
 * {@link TenantCredentialsUnavailableException} naming the tenant, the role, the AWS error code and a remedy. There
 * is no fallback to other credentials.</li>
 * </ul>
 * A cached session keeps being refreshed in the background until it is evicted, also while its tenant is idle: with
 * the defaults, at most 10,000 sessions, each renewed about once an hour. Size {@link Builder#maximumTenants(long)}
 * with STS's request quota in mind. Every {@code AssumeRole} call is reported to the optional
 * {@link TenantCredentialsListener}.
 * <p>
 * {@link #close()} closes every cached session (stopping its background refresh) and, if configured with
 * {@link Builder#ownsStsClient(boolean)}, the STS client; afterwards {@link #forTenant(TenantId)} fails. A provider
 * obtained from {@link #forTenant(TenantId)} before its session was evicted or closed still resolves credentials
 * (refreshing them on the calling thread when needed), so a request racing an eviction does not fail; callers should
 * nevertheless ask {@link #forTenant(TenantId)} per request rather than hold on to it, as
 * {@link TenantRoutingCredentialsProvider} does.
 *
 * <pre>{@code
 * StsTenantCredentialsProvider sessions = StsTenantCredentialsProvider.builder()
 *         .stsClient(stsClient)
 *         .roleArn("arn:aws:iam::123456789012:role/tenant-data")
 *         .sessionPolicy(tenant -> policies.sessionPolicy(tenant).toJson())
 *         .build();
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 */
public final class StsTenantCredentialsProvider implements TenantCredentialsProvider {

	/** Default session duration: 1 hour, also the cap when the application itself runs as a role session. */
	public static final Duration DEFAULT_SESSION_DURATION = Duration.ofHours(1);

	/** Default time before expiry at which a session is refreshed in the background. */
	public static final Duration DEFAULT_REFRESH_AHEAD = Duration.ofMinutes(5);

	/** Default time before expiry after which a session is no longer used and requests wait for a new one. */
	public static final Duration DEFAULT_STALE_TIME = Duration.ofMinutes(1);

	/** Default cap on the number of tenants with a cached session. */
	public static final long DEFAULT_MAXIMUM_TENANTS = 10_000;

	private static final Log logger = LogFactory.getLog(StsTenantCredentialsProvider.class);

	private final StsClient stsClient;

	private final boolean ownsStsClient;

	private final String roleArn;

	private final Function<TenantId, String> sessionPolicy;

	private final int durationSeconds;

	private final Duration refreshAhead;

	private final Duration staleTime;

	private final String tenantTagKey;

	private final @Nullable String externalId;

	private final @Nullable TenantCredentialsListener listener;

	private final AccessVariant accessVariant;

	private final LoadingCache<TenantId, TenantSession> sessions;

	private final AtomicBoolean closed = new AtomicBoolean();

	private StsTenantCredentialsProvider(Builder builder, StsClient stsClient, String roleArn,
			Function<TenantId, String> sessionPolicy) {
		this.stsClient = stsClient;
		this.ownsStsClient = builder.ownsStsClient;
		this.roleArn = roleArn;
		this.sessionPolicy = sessionPolicy;
		this.durationSeconds = (int) builder.sessionDuration.getSeconds();
		this.refreshAhead = builder.refreshAhead;
		this.staleTime = builder.staleTime;
		this.tenantTagKey = builder.tenantTagKey;
		this.externalId = builder.externalId;
		this.listener = builder.listener;
		this.accessVariant = builder.accessVariant;
		Caffeine<Object, Object> caffeine = Caffeine.newBuilder().maximumSize(builder.maximumTenants);
		if (builder.executor != null) {
			caffeine.executor(builder.executor);
		}
		this.sessions = caffeine.<TenantId, TenantSession>removalListener(StsTenantCredentialsProvider::onRemoval)
			.build(this::openSession);
	}

	/**
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public AwsCredentialsProvider forTenant(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		assertOpen();
		TenantSession session = this.sessions.get(tenant);
		if (this.closed.get()) {
			session.close();
			assertOpen();
		}
		return session;
	}

	/**
	 * Drop and close the tenant's cached session, stopping its background refresh.
	 * @param tenant the tenant, must not be {@literal null}
	 */
	@Override
	public void evict(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		TenantSession session = this.sessions.asMap().remove(tenant);
		if (session != null) {
			session.close();
		}
	}

	@Override
	public long cachedTenants() {
		return this.sessions.estimatedSize();
	}

	/**
	 * @return the ARN of the role assumed for every tenant
	 */
	@Override
	public String roleArn() {
		return this.roleArn;
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		List<TenantSession> open = new ArrayList<>(this.sessions.asMap().values());
		this.sessions.invalidateAll();
		this.sessions.cleanUp();
		open.forEach(TenantSession::close);
		if (this.ownsStsClient) {
			this.stsClient.close();
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closed " + open.size() + " tenant STS session(s) of role '" + this.roleArn + "'");
		}
	}

	@Override
	public String toString() {
		return "StsTenantCredentialsProvider[roleArn=" + this.roleArn + ", variant=" + this.accessVariant
				+ ", cachedTenants=" + cachedTenants() + "]";
	}

	private void assertOpen() {
		if (this.closed.get()) {
			throw new IllegalStateException(String.format("The tenant credentials provider of role '%s' is closed; "
					+ "no STS session can be obtained through it. Use a provider that is not closed.", this.roleArn));
		}
	}

	private TenantSession openSession(TenantId tenant) {
		String policy = sessionPolicyFor(tenant);
		AssumeRoleRequest request = AssumeRoleRequest.builder()
			.roleArn(this.roleArn)
			.roleSessionName(this.accessVariant.roleSessionName(tenant))
			.policy(policy)
			.tags(Tag.builder().key(this.tenantTagKey).value(tenant.value()).build())
			.durationSeconds(this.durationSeconds)
			.externalId(this.externalId)
			.build();
		StsAssumeRoleCredentialsProvider credentials = StsAssumeRoleCredentialsProvider.builder()
			.stsClient(new ReportingStsClient(this.stsClient, tenant, this.roleArn, this.listener))
			.refreshRequest(request)
			.asyncCredentialUpdateEnabled(true)
			.prefetchTime(this.refreshAhead)
			.staleTime(this.staleTime)
			.build();
		if (logger.isDebugEnabled()) {
			logger.debug("Opened STS session for tenant '" + tenant + "' (role '" + this.roleArn + "', "
					+ policy.length() + " policy characters)");
		}
		return new TenantSession(tenant, this.roleArn, credentials);
	}

	private String sessionPolicyFor(TenantId tenant) {
		String policy;
		try {
			policy = this.sessionPolicy.apply(tenant);
		}
		catch (RuntimeException ex) {
			throw new TenantCredentialsUnavailableException(tenant, this.roleArn, null, String.format(
					"No AWS credentials for tenant '%s': the session policy function for role '%s' threw %s. "
							+ "Fix the session policy function; no STS call was made.",
					tenant, this.roleArn, StsFailures.describe(ex)), ex);
		}
		String problem = RoleSessionRules.sessionPolicyProblem(policy);
		if (problem != null) {
			throw new TenantCredentialsUnavailableException(tenant, this.roleArn, null,
					String.format("No AWS credentials for tenant '%s': the session policy for role '%s' %s. Fix the "
							+ "session policy function; no STS call was made.", tenant, this.roleArn, problem),
					null);
		}
		return policy;
	}

	private static void onRemoval(@Nullable TenantId tenant, @Nullable TenantSession session, RemovalCause cause) {
		if (session != null) {
			session.close();
			if (logger.isDebugEnabled()) {
				logger.debug("Closed STS session for tenant '" + tenant + "' (removed from cache: " + cause + ")");
			}
		}
	}

	/**
	 * Builder for {@link StsTenantCredentialsProvider}. {@link #stsClient(StsClient)}, {@link #roleArn(String)} and
	 * {@link #sessionPolicy(Function)} are required; every setter validates its argument.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private @Nullable StsClient stsClient;

		private boolean ownsStsClient;

		private @Nullable String roleArn;

		private @Nullable Function<TenantId, String> sessionPolicy;

		private Duration sessionDuration = DEFAULT_SESSION_DURATION;

		private Duration refreshAhead = DEFAULT_REFRESH_AHEAD;

		private Duration staleTime = DEFAULT_STALE_TIME;

		private long maximumTenants = DEFAULT_MAXIMUM_TENANTS;

		private String tenantTagKey = TenancyPolicies.DEFAULT_TENANT_TAG_KEY;

		private @Nullable String externalId;

		private @Nullable TenantCredentialsListener listener;

		private @Nullable Executor executor;

		private AccessVariant accessVariant = AccessVariant.UNRESTRICTED;

		private Builder() {
		}

		/**
		 * The STS client used for every tenant's {@code AssumeRole} calls: one client, one connection pool, one set
		 * of base credentials. Its retry strategy and timeouts apply to every call. Not closed by the provider
		 * unless {@link #ownsStsClient(boolean)} is set.
		 * @param stsClient the client, must not be {@literal null}
		 * @return this builder
		 */
		public Builder stsClient(StsClient stsClient) {
			Assert.notNull(stsClient, "StsClient must not be null");
			this.stsClient = stsClient;
			return this;
		}

		/**
		 * Whether {@link StsTenantCredentialsProvider#close()} also closes the STS client. Default {@code false}.
		 * @param ownsStsClient {@code true} to close the client with the provider
		 * @return this builder
		 */
		public Builder ownsStsClient(boolean ownsStsClient) {
			this.ownsStsClient = ownsStsClient;
			return this;
		}

		/**
		 * The IAM role assumed for every tenant, for example {@code arn:aws:iam::123456789012:role/tenant-data}.
		 * @param roleArn the role ARN, must be an IAM role ARN
		 * @return this builder
		 */
		public Builder roleArn(String roleArn) {
			if (!RoleSessionRules.isRoleArn(roleArn)) {
				throw new IllegalArgumentException(String.format("Role ARN '%s' is not an IAM role ARN; expected "
						+ "'arn:<partition>:iam::<12-digit account id>:role/<optional path/><role name>'.", roleArn));
			}
			this.roleArn = roleArn;
			return this;
		}

		/**
		 * The inline session policy (JSON) of each tenant's session. Called once per tenant when its session is
		 * opened; the result must be at most {@value TenancyPolicies#SESSION_POLICY_MAX_LENGTH} characters of U+0020 to
		 * U+00FF, tab, line feed or carriage return.
		 * @param sessionPolicy the function from tenant to session policy JSON, must not be {@literal null}
		 * @return this builder
		 */
		public Builder sessionPolicy(Function<TenantId, String> sessionPolicy) {
			Assert.notNull(sessionPolicy, "Session policy function must not be null");
			this.sessionPolicy = sessionPolicy;
			return this;
		}

		/**
		 * The requested session duration ({@code DurationSeconds}). Default 1 hour. STS accepts 900 to 43,200
		 * seconds, but no more than the role's MaxSessionDuration, and no more than 1 hour when the application
		 * itself runs as a role session (role chaining, for example on ECS, EKS or Lambda).
		 * @param sessionDuration the duration, whole seconds from 900 to 43,200
		 * @return this builder
		 */
		public Builder sessionDuration(Duration sessionDuration) {
			this.sessionDuration = RoleSessionRules.requireSessionDuration(sessionDuration);
			return this;
		}

		/**
		 * How long before expiry a session is refreshed in the background (the SDK's prefetch time). Default 5
		 * minutes. Must not be shorter than {@link #staleTime(Duration)} and must be shorter than the session
		 * duration.
		 * @param prefetchTime the refresh-ahead time, must not be negative
		 * @return this builder
		 */
		public Builder refreshAhead(Duration prefetchTime) {
			this.refreshAhead = RoleSessionRules.nonNegative(prefetchTime, "Refresh-ahead time");
			return this;
		}

		/**
		 * How long before expiry a session stops being used; from then on requests wait for a new session and fail
		 * if none can be obtained. Default 1 minute.
		 * @param staleTime the stale time, must not be negative
		 * @return this builder
		 */
		public Builder staleTime(Duration staleTime) {
			this.staleTime = RoleSessionRules.nonNegative(staleTime, "Stale time");
			return this;
		}

		/**
		 * The most tenants with a cached session; beyond it, sessions are evicted (and closed). Default 10,000.
		 * @param maximumTenants the cap, at least 1
		 * @return this builder
		 */
		public Builder maximumTenants(long maximumTenants) {
			if (maximumTenants < 1) {
				throw new IllegalArgumentException(
						String.format("Maximum tenants must be at least 1, not '%d'.", maximumTenants));
			}
			this.maximumTenants = maximumTenants;
			return this;
		}

		/**
		 * The key of the session tag carrying the tenant id. Default {@code tenant}; the role ceiling policy refers
		 * to it as {@code ${aws:PrincipalTag/<key>}}.
		 * @param tenantTagKey the tag key: 1 to 128 ASCII letters, digits or {@code _.:/=+-@}, not starting with
		 * {@code aws:} ({@link TenantKeyTemplate#requireTagKey(String)})
		 * @return this builder
		 */
		public Builder tenantTagKey(String tenantTagKey) {
			this.tenantTagKey = TenantKeyTemplate.requireTagKey(tenantTagKey);
			return this;
		}

		/**
		 * The external id required by the role's trust policy, if any. Default none.
		 * @param externalId the external id (2 to 1,224 characters of {@code [\w+=,.@:/-]}), or {@literal null}
		 * @return this builder
		 */
		public Builder externalId(@Nullable String externalId) {
			this.externalId = (externalId != null) ? RoleSessionRules.requireExternalId(externalId) : null;
			return this;
		}

		/**
		 * The access variant whose sessions this provider opens; it names each role session ({@code tenant-<id>}
		 * for {@link AccessVariant#UNRESTRICTED}, {@code <variant>-<id>} otherwise) so that CloudTrail shows which
		 * variant a request was signed as. The session policy must be the variant's. Default
		 * {@link AccessVariant#UNRESTRICTED}.
		 * @param accessVariant the variant, must not be {@literal null}
		 * @return this builder
		 */
		public Builder accessVariant(AccessVariant accessVariant) {
			Assert.notNull(accessVariant, "Access variant must not be null");
			this.accessVariant = accessVariant;
			return this;
		}

		/**
		 * A listener told about every {@code AssumeRole} call, for metrics. Default none.
		 * @param listener the listener, or {@literal null} for none
		 * @return this builder
		 */
		public Builder listener(@Nullable TenantCredentialsListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * The executor for the session cache's maintenance and removal notifications (closing evicted sessions).
		 * Default {@code ForkJoinPool.commonPool()}. Tests use {@code Runnable::run} for determinism.
		 * @param executor the executor, must not be {@literal null}
		 * @return this builder
		 */
		Builder executor(Executor executor) {
			Assert.notNull(executor, "Executor must not be null");
			this.executor = executor;
			return this;
		}

		/**
		 * Build the provider. No STS call is made until a tenant's credentials are first resolved.
		 * @return the provider
		 * @throws IllegalStateException if a required setting is missing or the times are inconsistent
		 */
		public StsTenantCredentialsProvider build() {
			StsClient stsClient = this.stsClient;
			String roleArn = this.roleArn;
			Function<TenantId, String> sessionPolicy = this.sessionPolicy;
			if (stsClient == null) {
				throw new IllegalStateException("An StsClient is required; set it with stsClient(...).");
			}
			if (roleArn == null) {
				throw new IllegalStateException("A role ARN is required; set it with roleArn(...).");
			}
			if (sessionPolicy == null) {
				throw new IllegalStateException("A session policy function is required; set it with "
						+ "sessionPolicy(...). Tenant sessions are never issued without a session policy.");
			}
			if (this.staleTime.compareTo(this.refreshAhead) > 0) {
				throw new IllegalStateException(String.format("Stale time '%s' must not be longer than the "
						+ "refresh-ahead time '%s'; sessions are refreshed before they go stale.", this.staleTime,
						this.refreshAhead));
			}
			if (this.refreshAhead.compareTo(this.sessionDuration) >= 0) {
				throw new IllegalStateException(String.format("Refresh-ahead time '%s' must be shorter than the "
						+ "session duration '%s'; otherwise every session would be refreshed continuously.",
						this.refreshAhead, this.sessionDuration));
			}
			return new StsTenantCredentialsProvider(this, stsClient, roleArn, sessionPolicy);
		}

	}

}
