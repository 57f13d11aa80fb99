package dev.tenancy.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.iam.request.IndexKeyConfinement;
import dev.tenancy.iam.request.IndexKeyUpdates;
import dev.tenancy.keys.TenantKeyTemplate;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * The client-side guard: an SDK {@link ExecutionInterceptor} that evaluates every outgoing DynamoDB request against
 * the current tenant's session policy before it leaves the JVM.
 * <p>
 * Where it decides:
 * <ol>
 * <li>{@link #beforeRequest(String)}, called by {@link CheckedDynamoDbClient} on the calling thread before the
 * SDK resolves any credentials: no tenant fails closed with {@link dev.tenancy.context.MissingTenantException}, and
 * Scan and PartiQL operations are refused outright. {@code beforeExecution} repeats these checks (and refuses unsafe
 * request overrides) for clients that register the guard without the wrapper.</li>
 * <li>{@code afterMarshalling}: the marshalled JSON body is turned into IAM's request context by the
 * {@link DynamoDbRequestContextExtractor} and evaluated by the {@link PolicyEvaluator} against the tenant's
 * {@link PrincipalSession} (role ceiling policy ∩ tenant session policy); the call is denied whole if any part of it
 * (a batch table, a transaction element) is denied, with {@link TenantAccessDeniedException}. An allowed write must
 * also keep the partition keys of declared indexes in the tenant's key namespace ({@link IndexKeyConfinement}), a
 * rule IAM cannot express. The checked body and operation header are recorded.</li>
 * <li>{@code beforeTransmission}, the last hook before the bytes are sent (after every interceptor's
 * {@code modifyHttpRequest} and {@code modifyHttpContent}, after the SDK merged custom headers and signed): the body
 * and the {@code X-Amz-Target} header about to be sent must be exactly the ones checked; an interceptor that changed
 * them gets the request denied.</li>
 * </ol>
 * A denied request is never sent.
 * <p>
 * Register it on a client with {@code ClientOverrideConfiguration.Builder#addExecutionInterceptor}. It is
 * thread-safe and keeps no per-call state in fields.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantRequestGuard implements ExecutionInterceptor {

	private static final Log logger = LogFactory.getLog(TenantRequestGuard.class);

	private static final ExecutionAttribute<TenantId> TENANT = new ExecutionAttribute<>("TenantRequestGuard.Tenant");

	private static final ExecutionAttribute<CheckedRequest> CHECKED = new ExecutionAttribute<>(
			"TenantRequestGuard.Checked");

	private static final String TARGET_HEADER = "X-Amz-Target";

	/** Operations that can run without partition keys or bypass key conditions: never allowed. */
	private static final Set<String> FORBIDDEN_OPERATIONS = Set.of("Scan", "ExecuteStatement",
			"BatchExecuteStatement", "ExecuteTransaction");

	private final DynamoDbRequestContextExtractor extractor;

	private final PolicyEvaluator evaluator;

	private final Function<TenantId, PrincipalSession> sessions;

	private final TenantGuardListener listener;

	private final IndexKeyConfinement indexKeys;

	/**
	 * A guard for tenant keys of the default template {@code TENANT#{tenant}}.
	 * @param extractor turns requests into IAM's view, must not be {@literal null}
	 * @param evaluator evaluates them, must not be {@literal null}
	 * @param sessions the policies of each tenant (typically a cache), must not be {@literal null}
	 * @param listener notified of denials, must not be {@literal null}
	 */
	public TenantRequestGuard(DynamoDbRequestContextExtractor extractor, PolicyEvaluator evaluator,
			Function<TenantId, PrincipalSession> sessions, TenantGuardListener listener) {
		this(extractor, evaluator, sessions, listener, TenantKeyTemplate.defaultTemplate());
	}

	/**
	 * @param extractor turns requests into IAM's view, must not be {@literal null}
	 * @param evaluator evaluates them, must not be {@literal null}
	 * @param sessions the policies of each tenant (typically a cache), must not be {@literal null}
	 * @param listener notified of denials, must not be {@literal null}
	 * @param keyTemplate the tenant key convention, which index partition keys must follow; must not be
	 * {@literal null}
	 */
	public TenantRequestGuard(DynamoDbRequestContextExtractor extractor, PolicyEvaluator evaluator,
			Function<TenantId, PrincipalSession> sessions, TenantGuardListener listener,
			TenantKeyTemplate keyTemplate) {
		Assert.notNull(extractor, "Extractor must not be null");
		Assert.notNull(evaluator, "Evaluator must not be null");
		Assert.notNull(sessions, "Sessions must not be null");
		Assert.notNull(listener, "Listener must not be null");
		Assert.notNull(keyTemplate, "TenantKeyTemplate must not be null");
		this.indexKeys = new IndexKeyConfinement(extractor.schema(), extractor.arns(), keyTemplate);
		this.extractor = extractor;
		this.evaluator = evaluator;
		this.sessions = sessions;
		this.listener = listener;
	}

	/**
	 * Drop the tenant's compiled session policy, so that the guard judges its next request by the policy of that
	 * moment (for example after the tenant changed tier). Works when the guard's sessions are a
	 * {@link TenantSessionPolicies} or {@link VariantSessionPolicies}; a sessions function of the application's own
	 * that caches must be refreshed by the application (until it is, the guard denies what the old policy does not
	 * allow: it fails closed).
	 * @param tenant the tenant, must not be {@literal null}
	 */
	public void evict(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		if (this.sessions instanceof TenantSessionPolicies policies) {
			policies.evict(tenant);
		}
		else if (this.sessions instanceof VariantSessionPolicies policies) {
			policies.evict(tenant);
		}
	}

	/**
	 * The checks that need no request content, run by {@link CheckedDynamoDbClient} on the calling thread before
	 * the SDK resolves credentials: a tenant must be bound, and Scan and PartiQL are refused.
	 * @param operation the DynamoDB operation, for example {@code GetItem}
	 * @return the tenant bound to the calling thread
	 * @throws dev.tenancy.context.MissingTenantException if no tenant is bound
	 * @throws TenantAccessDeniedException if the operation is never allowed
	 */
	public TenantId beforeRequest(String operation) {
		TenantId tenant = TenantContext.currentOrNull();
		if (tenant == null) {
			tenant = TenantContext.require("DynamoDB " + methodName(operation));
		}
		refuseForbiddenOperation(tenant, operation);
		return tenant;
	}

	/** The client method a developer called for an operation, {@code getItem} for {@code GetItem}. */
	private static String methodName(String operation) {
		return operation.isEmpty() ? operation : Character.toLowerCase(operation.charAt(0)) + operation.substring(1);
	}

	/**
	 * Refuse a request whose override configuration could change its identity, signing or checked content (see
	 * {@link RequestOverrides}); the denial is reported to the listener like every other guard denial.
	 * @param tenant the tenant the request is made for
	 * @param operation the DynamoDB operation, for example {@code GetItem}
	 * @param override the request's override configuration
	 * @throws TenantAccessDeniedException if the override carries anything but timeouts, API names and metric
	 * publishers
	 */
	public void refuseUnsafeOverrides(TenantId tenant, String operation, RequestOverrideConfiguration override) {
		String reason = RequestOverrides.refusal(override);
		if (reason != null) {
			throw deny(tenant, operation, "dynamodb:" + operation, reason, null);
		}
	}

	/** Report a denial that has no policy decision to the listener, and make its exception. */
	private TenantAccessDeniedException deny(TenantId tenant, String operation, String action, String reason,
			@Nullable Throwable cause) {
		this.listener.onDenied(tenant, operation, new Decision(Outcome.EXPLICIT_DENY,
				new AuthorizationRequest(action, "*", Map.of(), operation), null, null, reason));
		return new TenantAccessDeniedException(tenant.value(), action, "*", EnforcementLayer.GUARD, reason, cause);
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		String operation = operationName(context.request(), executionAttributes);
		TenantId tenant = beforeRequest(operation);
		executionAttributes.putAttribute(TENANT, tenant);
		if (context.request().overrideConfiguration().isPresent()) {
			refuseUnsafeOverrides(tenant, operation, context.request().overrideConfiguration().get());
		}
	}

	private void refuseForbiddenOperation(TenantId tenant, String operation) {
		if (FORBIDDEN_OPERATIONS.contains(operation)) {
			String action = operation.equals("Scan") ? "dynamodb:Scan" : "dynamodb:PartiQL*";
			String reason = operation + " is never allowed for tenant-scoped clients: it is not confined to the "
					+ "tenant's partition keys. Use a Query on the tenant partition or a key lookup instead.";
			throw deny(tenant, operation, action, reason, null);
		}
	}

	@Override
	public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes executionAttributes) {
		TenantId tenant = executionAttributes.getAttribute(TENANT);
		String operation = operationName(context.request(), executionAttributes);
		if (tenant == null) {
			tenant = TenantContext.require("DynamoDB " + methodName(operation));
		}
		byte[] body = body(context.requestBody());
		JsonNode parsed;
		List<AuthorizationRequest> requests;
		IndexKeyUpdates indexKeyUpdates = new IndexKeyUpdates();
		try {
			parsed = this.extractor.parse(operation, body);
			requests = this.extractor.extract(operation, parsed, indexKeyUpdates);
		}
		catch (IllegalArgumentException ex) {
			throw deny(tenant, operation, "dynamodb:" + operation,
					"The request could not be analysed, so it is denied: " + ex.getMessage(), ex);
		}
		Decision decision = this.evaluator.evaluateAll(this.sessions.apply(tenant), requests);
		Decision indexKeyDenial = decision.allowed() ? this.indexKeys.check(tenant, operation, parsed, indexKeyUpdates)
				: null;
		if (indexKeyDenial != null) {
			decision = indexKeyDenial;
		}
		if (!decision.allowed()) {
			this.listener.onDenied(tenant, operation, decision);
			if (logger.isDebugEnabled()) {
				logger.debug("Guard denied " + operation + " for tenant '" + tenant + "': " + decision.message());
			}
			throw new TenantAccessDeniedException(tenant.value(), decision.request().action(),
					decision.request().resource(), EnforcementLayer.GUARD, decision.message(), null);
		}
		executionAttributes.putAttribute(CHECKED,
				new CheckedRequest(tenant, operation, body, context.httpRequest().firstMatchingHeader(TARGET_HEADER)));
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		CheckedRequest checked = executionAttributes.getAttribute(CHECKED);
		if (checked == null) {
			TenantId tenant = executionAttributes.getAttribute(TENANT);
			throw new TenantAccessDeniedException((tenant != null) ? tenant.value() : null,
					"dynamodb:" + operationName(context.request(), executionAttributes), "*", EnforcementLayer.GUARD,
					"The request reached transmission without having been checked by the guard, so it is denied.",
					null);
		}
		String changed = null;
		if (!checked.target().equals(context.httpRequest().firstMatchingHeader(TARGET_HEADER))) {
			changed = "its " + TARGET_HEADER + " header (the operation)";
		}
		else if (!sendsExactly(context, checked.body())) {
			changed = "its body";
		}
		if (changed != null) {
			throw deny(checked.tenant(), checked.operation(), "dynamodb:" + checked.operation(),
					"The request was changed after the guard checked it (" + changed
							+ " was rewritten, for example by an execution interceptor's modifyHttpRequest or "
							+ "modifyHttpContent), so it is denied. Interceptors on a tenant-scoped client must not "
							+ "change the request body or operation.",
					null);
		}
	}

	private static String operationName(SdkRequest request, ExecutionAttributes attributes) {
		String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		if (name != null) {
			return name;
		}
		String simple = request.getClass().getSimpleName();
		return simple.endsWith("Request") ? simple.substring(0, simple.length() - "Request".length()) : simple;
	}

	/** Whether the body about to be sent is exactly the checked one; reads no more than one byte past its length. */
	private static boolean sendsExactly(Context.BeforeTransmission context, byte[] checked) {
		ContentStreamProvider content = (context.httpRequest() instanceof SdkHttpFullRequest full)
				? full.contentStreamProvider().orElse(null) : null;
		if (content == null) {
			content = context.requestBody().map(RequestBody::contentStreamProvider).orElse(null);
		}
		if (content == null) {
			return checked.length == 0;
		}
		try (InputStream in = content.newStream()) {
			byte[] sent = new byte[checked.length + 1];
			return in.readNBytes(sent, 0, sent.length) == checked.length
					&& Arrays.equals(sent, 0, checked.length, checked, 0, checked.length);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the DynamoDB request about to be sent", ex);
		}
	}

	/** The marshalled body; read into an array of its declared length when the SDK knows it. */
	private static byte[] body(Optional<RequestBody> requestBody) {
		if (requestBody.isEmpty()) {
			return new byte[0];
		}
		Optional<Long> length = requestBody.get().optionalContentLength();
		try (InputStream in = requestBody.get().contentStreamProvider().newStream()) {
			if (length.isPresent() && length.get() < Integer.MAX_VALUE) {
				byte[] body = new byte[length.get().intValue()];
				if (in.readNBytes(body, 0, body.length) == body.length && in.read() == -1) {
					return body;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the marshalled DynamoDB request", ex);
		}
		return read(requestBody.get().contentStreamProvider());
	}

	private static byte[] read(ContentStreamProvider content) {
		try (InputStream in = content.newStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the marshalled DynamoDB request", ex);
		}
	}

	/**
	 * What the guard checked and allowed: sent unchanged or not at all.
	 */
	private record CheckedRequest(TenantId tenant, String operation, byte[] body, Optional<String> target) {
	}

}
