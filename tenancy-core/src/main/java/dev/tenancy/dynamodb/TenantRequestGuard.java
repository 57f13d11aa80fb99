package dev.tenancy.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.AuthorizationRequest;
import dev.tenancy.iam.Decision;
import dev.tenancy.iam.DynamoDbRequestContextExtractor;
import dev.tenancy.iam.IndexKeyConfinement;
import dev.tenancy.iam.Outcome;
import dev.tenancy.iam.PolicyEvaluator;
import dev.tenancy.iam.PrincipalSession;
import dev.tenancy.iam.TenantKeyTemplate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.sync.RequestBody;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

/**
 * The client-side guard: an SDK {@link ExecutionInterceptor} that evaluates every outgoing DynamoDB request against
 * the current tenant's session policy before it leaves the JVM.
 * <p>
 * Hook order: in {@code beforeExecution}, which runs on the calling thread, the tenant bound to that thread is
 * captured into the {@link ExecutionAttributes} (no tenant fails closed with
 * {@link dev.tenancy.context.MissingTenantException}) and Scan and PartiQL operations are refused outright. In
 * {@code afterMarshalling} the marshalled JSON body is turned into IAM's request context by the
 * {@link DynamoDbRequestContextExtractor} and evaluated by the {@link PolicyEvaluator} against the tenant's
 * {@link PrincipalSession} (role ceiling policy ∩ tenant session policy); the call is denied whole if any part of it
 * (a batch table, a transaction element) is denied, with {@link TenantAccessDeniedException}. An allowed write must
 * also keep the partition keys of declared indexes in the tenant's key namespace ({@link IndexKeyConfinement}), which
 * IAM cannot express. Because this happens before signing and transmission, a denied request is never sent.
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

	/** Operations that can run without partition keys or bypass key conditions: never allowed (THREATS TH-4). */
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

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		String operation = operationName(context.request(), executionAttributes);
		TenantId tenant = TenantContext.require("DynamoDB " + operation);
		executionAttributes.putAttribute(TENANT, tenant);
		if (FORBIDDEN_OPERATIONS.contains(operation)) {
			String action = operation.equals("Scan") ? "dynamodb:Scan" : "dynamodb:PartiQL*";
			String reason = operation + " is never allowed for tenant-scoped clients: it is not confined to the "
					+ "tenant's partition keys. Use a Query on the tenant partition or a key lookup instead.";
			this.listener.onDenied(tenant, operation, new Decision(Outcome.EXPLICIT_DENY,
					new AuthorizationRequest(action, "*", Map.of(), operation), null, null, reason));
			throw new TenantAccessDeniedException(tenant.value(), action, "*", EnforcementLayer.GUARD, reason, null);
		}
	}

	@Override
	public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes executionAttributes) {
		TenantId tenant = executionAttributes.getAttribute(TENANT);
		String operation = operationName(context.request(), executionAttributes);
		if (tenant == null) {
			tenant = TenantContext.require("DynamoDB " + operation);
		}
		byte[] body = body(context.requestBody());
		JsonNode parsed;
		List<AuthorizationRequest> requests;
		try {
			parsed = this.extractor.parse(operation, body);
			requests = this.extractor.extract(operation, parsed);
		}
		catch (IllegalArgumentException ex) {
			throw new TenantAccessDeniedException(tenant.value(), "dynamodb:" + operation, "unknown",
					EnforcementLayer.GUARD, "The request could not be analysed, so it is denied: " + ex.getMessage(),
					ex);
		}
		Decision decision = this.evaluator.evaluateAll(this.sessions.apply(tenant), requests);
		Decision indexKeyDenial = decision.allowed() ? this.indexKeys.check(tenant, operation, parsed) : null;
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
	}

	private static String operationName(SdkRequest request, ExecutionAttributes attributes) {
		String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		if (name != null) {
			return name;
		}
		String simple = request.getClass().getSimpleName();
		return simple.endsWith("Request") ? simple.substring(0, simple.length() - "Request".length()) : simple;
	}

	private static byte[] body(Optional<RequestBody> requestBody) {
		if (requestBody.isEmpty()) {
			return new byte[0];
		}
		try (InputStream in = requestBody.get().contentStreamProvider().newStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the marshalled DynamoDB request", ex);
		}
	}

}
