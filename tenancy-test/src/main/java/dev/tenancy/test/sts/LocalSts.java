package dev.tenancy.test.sts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

import com.sun.net.httpserver.HttpExchange;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.test.auth.SigV4Authorization;
import dev.tenancy.test.auth.SigV4Verifier;
import dev.tenancy.test.support.DaemonThreadFactory;
import dev.tenancy.test.support.LoopbackHttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

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

	private static final Log logger = LogFactory.getLog(LocalSts.class);

	private static final String ASSUME_ROLE = "AssumeRole";

	private static final String GET_CALLER_IDENTITY = "GetCallerIdentity";

	private static final String PARTITION = "aws";

	private final String accountId;

	private final Clock clock;

	private final TrustPolicyEvaluator trustPolicyEvaluator;

	private final int packedPolicyBudget;

	private final Map<String, RoleDefinition> roles = new ConcurrentHashMap<>();

	private final Map<String, IssuedSession> identities = new ConcurrentHashMap<>();

	private final Map<String, UserPrincipal> users = new ConcurrentHashMap<>();

	private final List<String> issuedKeys = new CopyOnWriteArrayList<>();

	private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();

	private final AtomicLong totalRequests = new AtomicLong();

	private final StsFaults faults;

	private final LoopbackHttpServer server;

	private LocalSts(Builder builder) {
		this.accountId = builder.accountId;
		this.clock = builder.clock;
		this.trustPolicyEvaluator = builder.trustPolicyEvaluator;
		this.packedPolicyBudget = builder.packedPolicyBudget;
		builder.roles.forEach(this::registerRole);
		builder.baseIdentities.forEach((identity, policies) -> registerBaseIdentity(identity,
				policies.toArray(String[]::new)));
		this.faults = new StsFaults(this::onOutageChange);
		this.server = LoopbackHttpServer.start(DaemonThreadFactory.named(builder.threadName), builder.port,
				this::handle);
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
		this.roles.put(role.arn(), role);
	}

	/**
	 * @param roleArn a role ARN
	 * @return the registered role, if any
	 */
	public Optional<RoleDefinition> role(String roleArn) {
		return Optional.ofNullable(this.roles.get(roleArn));
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
		if (identity.assumedRole()) {
			throw new IllegalArgumentException(String.format("'%s' is a role session, not a base identity.",
					identity.principalArn()));
		}
		this.users.put(identity.principalArn(), userPrincipal(identity, List.of(identityPolicies)));
		this.identities.put(identity.accessKeyId(), identity);
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
		UserPrincipal user = this.users.get(userArn);
		return (user != null) ? user.policies() : List.of();
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
		if (!identity.assumedRole()) {
			UserPrincipal user = this.users.get(identity.principalArn());
			if (user == null) {
				throw new IllegalStateException("Unknown base identity " + identity.principalArn());
			}
			return user.principal();
		}
		String roleArn = Objects.requireNonNull(identity.roleArn());
		RoleDefinition role = role(roleArn).orElseThrow(() -> new IllegalStateException("Unknown role " + roleArn));
		PrincipalSession.Builder builder = PrincipalSession
			.assumedRole(PARTITION, identity.account(), role.roleName(), role.roleId(),
					String.valueOf(identity.roleSessionName()))
			.identityPolicyJson(role.identityPolicy())
			.sessionPolicyJson(identity.sessionPolicy());
		identity.tags().forEach(builder::tag);
		return builder.build();
	}

	/**
	 * Find the identity behind an access key id: a base identity or an issued session (also an expired one).
	 * @param accessKeyId the access key id
	 * @return the identity, if known
	 */
	public Optional<IssuedSession> lookup(String accessKeyId) {
		return Optional.ofNullable(this.identities.get(accessKeyId));
	}

	/**
	 * @return every session issued so far, in the order of issue (with their current expiry)
	 */
	public List<IssuedSession> sessions() {
		List<IssuedSession> result = new ArrayList<>(this.issuedKeys.size());
		for (String key : this.issuedKeys) {
			result.add(this.identities.get(key));
		}
		return Collections.unmodifiableList(result);
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
		IssuedSession updated = this.identities.computeIfPresent(accessKeyId,
				(key, session) -> session.assumedRole() ? session.withExpiration(this.clock.instant()) : session);
		if (updated == null || !updated.assumedRole()) {
			throw new IllegalArgumentException(String.format("No session with access key '%s' was issued by this "
					+ "STS.", accessKeyId));
		}
		return updated;
	}

	/**
	 * @return how many HTTP requests reached the server (including failed, throttled and faulty ones)
	 */
	public long requestCount() {
		return this.totalRequests.get();
	}

	/**
	 * @param action an action name, for example {@code AssumeRole}
	 * @return how many requests for that action reached the server (including failed ones)
	 */
	public long requestCount(String action) {
		AtomicLong count = this.requestCounts.get(action);
		return (count != null) ? count.get() : 0;
	}

	private void onOutageChange(@Nullable StsOutage outage) {
		if (outage == StsOutage.CONNECTION_REFUSED) {
			this.server.suspend();
		}
		else {
			this.server.resume();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		String requestId = UUID.randomUUID().toString();
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.totalRequests.incrementAndGet();
			Map<String, String> form = parseForm(exchange.getRequestURI().getRawQuery(), body);
			String action = form.getOrDefault("Action", "");
			this.requestCounts.computeIfAbsent(action, (key) -> new AtomicLong()).incrementAndGet();
			try {
				if (this.faults.outage() != null) {
					throw StsError.receiver("ServiceUnavailable", 503, "Service unavailable.");
				}
				sleep(this.faults.latency());
				if (this.faults.consumeThrottle(this.clock.instant().getEpochSecond())) {
					throw StsError.sender("Throttling", 400, "Rate exceeded");
				}
				if (this.faults.consumeMalformed()) {
					send(exchange, 200, StsXml.malformed(requestId), requestId);
					return;
				}
				send(exchange, 200, dispatch(exchange, body, form, action, requestId), requestId);
			}
			catch (StsError error) {
				if (logger.isDebugEnabled()) {
					logger.debug(String.format("STS %s failed with %s: %s", action, error.code(), error.getMessage()));
				}
				send(exchange, error.status(), StsXml.error(error, requestId), requestId);
			}
		}
	}

	private String dispatch(HttpExchange exchange, byte[] body, Map<String, String> form, String action,
			String requestId) {
		if (!action.equals(ASSUME_ROLE) && !action.equals(GET_CALLER_IDENTITY)) {
			throw StsError.sender("InvalidAction", 400,
					String.format("Could not find operation %s for version %s", action, form.get("Version")));
		}
		if (!API_VERSION.equals(form.get("Version"))) {
			throw StsError.sender("InvalidAction", 400,
					String.format("Could not find operation %s for version %s", action, form.get("Version")));
		}
		IssuedSession caller = authenticate(exchange, body);
		if (action.equals(GET_CALLER_IDENTITY)) {
			return StsXml.callerIdentity(caller, requestId);
		}
		return assumeRole(caller, AssumeRoleParameters.parse(form), requestId);
	}

	private IssuedSession authenticate(HttpExchange exchange, byte[] body) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null) {
			throw StsError.sender("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
		}
		SigV4Authorization authorization;
		try {
			authorization = SigV4Authorization.parse(header);
		}
		catch (SigV4Authorization.MalformedAuthorizationException ex) {
			throw StsError.sender("IncompleteSignature", 400, ex.getMessage());
		}
		IssuedSession caller = this.identities.get(authorization.accessKeyId());
		String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
		if (caller == null || !Objects.equals(caller.sessionToken(), token)) {
			throw StsError.sender("InvalidClientTokenId", 403,
					"The security token included in the request is invalid.");
		}
		if (caller.isExpiredAt(this.clock.instant())) {
			throw StsError.sender("ExpiredToken", 403, "The security token included in the request is expired");
		}
		if (!"sts".equals(authorization.service())) {
			throw StsError.sender("SignatureDoesNotMatch", 403,
					"Credential should be scoped to correct service: 'sts'. ");
		}
		boolean valid;
		try {
			valid = SigV4Verifier.verify(authorization, exchange.getRequestMethod(), exchange.getRequestURI(),
					exchange.getRequestHeaders(), body, caller.secretAccessKey(), caller.sessionToken());
		}
		catch (SigV4Authorization.MalformedAuthorizationException ex) {
			throw StsError.sender("IncompleteSignature", 400, ex.getMessage());
		}
		if (!valid) {
			throw StsError.sender("SignatureDoesNotMatch", 403, "The request signature we calculated does not match "
					+ "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
					+ "service documentation for details.");
		}
		return caller;
	}

	private String assumeRole(IssuedSession caller, AssumeRoleParameters parameters, String requestId) {
		JsonNode policy = null;
		if (parameters.policy() != null) {
			policy = PolicyDocuments.parseOrNull(parameters.policy());
			if (policy == null) {
				throw StsError.sender("MalformedPolicyDocument", 400, "The policy is not in the valid JSON format.");
			}
			if (!policy.isObject() || !policy.has("Statement")) {
				throw StsError.sender("MalformedPolicyDocument", 400, "Syntax errors in policy.");
			}
		}
		RoleDefinition role = this.roles.get(parameters.roleArn());
		Map<String, List<String>> context = trustContext(caller, parameters);
		if (role == null || !this.trustPolicyEvaluator.allows(role, caller, "sts:AssumeRole", context)) {
			throw StsError.accessDenied(caller.principalArn(), "sts:AssumeRole", parameters.roleArn());
		}
		requireIdentityPolicyAllows(caller, "sts:AssumeRole", role, context);
		if (!parameters.tags().isEmpty()) {
			if (!this.trustPolicyEvaluator.allows(role, caller, "sts:TagSession", context)) {
				throw StsError.accessDenied(caller.principalArn(), "sts:TagSession", parameters.roleArn());
			}
			requireIdentityPolicyAllows(caller, "sts:TagSession", role, context);
		}
		if (parameters.durationSeconds() > role.maxSessionDuration().toSeconds()) {
			throw StsError
				.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
		}
		if (caller.assumedRole() && parameters.durationSeconds() > 3600) {
			throw StsError.validation("The requested DurationSeconds exceeds the 1 hour session limit for roles "
					+ "assumed by role chaining.");
		}
		Integer packedPolicySize = null;
		if (policy != null || !parameters.tags().isEmpty()) {
			packedPolicySize = packedPolicySize(policy, parameters.tags());
			if (packedPolicySize > 100) {
				throw StsError.sender("PackedPolicyTooLarge", 400,
						String.format("Packed policy consumes %d%% of allotted space, please use smaller policy.",
								packedPolicySize));
			}
		}
		IssuedSession session = issue(caller, role, parameters);
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("Issued %s to '%s' for role '%s' until %s", session.accessKeyId(),
					caller.principalArn(), role.arn(), session.expiration()));
		}
		return StsXml.assumeRole(session, packedPolicySize, requestId);
	}

	/**
	 * A base identity's own policies must allow the STS action too. This is stricter than IAM in one case: within one
	 * account, a trust policy that names the caller's own ARN is enough on AWS, without an identity policy. Requiring
	 * both makes the kit check the identity policy the application will run with. Role sessions (role chaining) are
	 * checked against the trust policy only.
	 */
	private void requireIdentityPolicyAllows(IssuedSession caller, String action, RoleDefinition role,
			Map<String, List<String>> context) {
		if (caller.assumedRole()) {
			return;
		}
		Decision decision = PolicyEvaluator.create()
			.evaluate(principal(caller), new AuthorizationRequest(action, role.arn(), context, ASSUME_ROLE));
		if (!decision.allowed()) {
			throw StsError.sender("AccessDenied", 403, decision.message());
		}
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

	private IssuedSession issue(IssuedSession caller, RoleDefinition role, AssumeRoleParameters parameters) {
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

	private static Map<String, List<String>> trustContext(IssuedSession caller, AssumeRoleParameters parameters) {
		Map<String, List<String>> context = new HashMap<>();
		context.put("aws:PrincipalArn", List.of((caller.roleArn() != null) ? caller.roleArn() : caller.principalArn()));
		context.put("aws:PrincipalAccount", List.of(caller.account()));
		context.put("sts:RoleSessionName", List.of(parameters.roleSessionName()));
		if (parameters.externalId() != null) {
			context.put("sts:ExternalId", List.of(parameters.externalId()));
		}
		if (!parameters.tags().isEmpty()) {
			parameters.tags().forEach((key, value) -> context.put("aws:RequestTag/" + key, List.of(value)));
			context.put("aws:TagKeys", List.copyOf(parameters.tags().keySet()));
		}
		if (!parameters.transitiveTagKeys().isEmpty()) {
			context.put("sts:TransitiveTagKeys", parameters.transitiveTagKeys());
		}
		return context;
	}

	private int packedPolicySize(@Nullable JsonNode policy, Map<String, String> tags) {
		StringBuilder packed = new StringBuilder();
		if (policy != null) {
			packed.append(PolicyDocuments.minify(policy));
		}
		tags.forEach((key, value) -> packed.append('\u0000').append(key).append('\u0001').append(value));
		byte[] input = packed.toString().getBytes(StandardCharsets.UTF_8);
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
		try {
			deflater.setInput(input);
			deflater.finish();
			byte[] buffer = new byte[input.length + 64];
			int compressed = 0;
			while (!deflater.finished()) {
				compressed += deflater.deflate(buffer);
			}
			return (int) Math.ceil(compressed * 100.0 / this.packedPolicyBudget);
		}
		finally {
			deflater.end();
		}
	}

	private static Map<String, String> parseForm(@Nullable String rawQuery, byte[] body) {
		Map<String, String> form = new LinkedHashMap<>();
		parsePairs(rawQuery, form);
		parsePairs(new String(body, StandardCharsets.UTF_8), form);
		return form;
	}

	private static void parsePairs(@Nullable String encoded, Map<String, String> into) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			into.put(name, value);
		}
	}

	private static void send(HttpExchange exchange, int status, String xml, String requestId) throws IOException {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", StsXml.CONTENT_TYPE);
		exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw StsError.receiver("ServiceUnavailable", 503, "Service unavailable.");
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

	/** A registered user: its policies as sent and as compiled for the evaluator. */
	private record UserPrincipal(List<String> policies, PrincipalSession principal) {
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
