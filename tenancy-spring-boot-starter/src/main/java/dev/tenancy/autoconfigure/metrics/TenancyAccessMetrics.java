package dev.tenancy.autoconfigure.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import org.springframework.dao.DataAccessException;
import org.springframework.util.Assert;

import dev.tenancy.autoconfigure.TenantScopedDynamoDbClientCustomizer;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenantReadCheckListener;
import dev.tenancy.dynamodb.DynamoDbExceptionTranslator;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.iam.evaluation.Decision;

/**
 * Micrometer metrics of tenant-scoped DynamoDB requests:
 * <ul>
 * <li>{@value #DENIALS} (counter): requests denied, tagged {@code layer} ({@code guard}: the client-side guard's
 * policy evaluation, reported through {@link TenantGuardListener}; {@code iam}: an {@code AccessDeniedException} from
 * AWS IAM; {@code read_check}: a returned item of another tenant withheld by the repository layer, reported through
 * {@link TenantReadCheckListener}), {@code tenant} (bounded by {@link TenantTags}) and {@code action};</li>
 * <li>{@value #REQUESTS} (timer): the latency of each tenant-scoped request that was sent, tagged {@code operation}
 * and {@code outcome} ({@code success}, {@code denied} by IAM, or {@code error}), measured by an execution interceptor
 * that runs before the guard.</li>
 * </ul>
 * The SDK reports to interceptors only failures that happen once a request is being sent, so a request the guard
 * denies is counted in {@value #DENIALS} but not timed. Requests the guard refuses before evaluating any policy (Scan
 * and PartiQL) and requests without a tenant fail before any interceptor sees them, so they are in neither meter.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyAccessMetrics
		implements TenantGuardListener, TenantReadCheckListener, TenantScopedDynamoDbClientCustomizer {

	/** Name of the denial counter. */
	public static final String DENIALS = "tenancy.access.denials";

	/** Name of the request timer. */
	public static final String REQUESTS = "tenancy.dynamodb.requests";

	private static final ExecutionAttribute<Long> START = new ExecutionAttribute<>("TenancyAccessMetrics.Start");

	private static final ExecutionAttribute<String> TENANT = new ExecutionAttribute<>("TenancyAccessMetrics.Tenant");

	private final TenantTags tenantTags;

	private final Meter.MeterProvider<Counter> denials;

	private final Meter.MeterProvider<Timer> requests;

	private final Map<String, Timer> successfulRequests = new ConcurrentHashMap<>();

	private final DynamoDbExceptionTranslator translator = new DynamoDbExceptionTranslator();

	private final ExecutionInterceptor interceptor = new MetricsInterceptor();

	/**
	 * @param registry the registry, must not be {@literal null}
	 * @param tenantTags the bound on tenant tag values, must not be {@literal null}
	 */
	public TenancyAccessMetrics(MeterRegistry registry, TenantTags tenantTags) {
		Assert.notNull(registry, "MeterRegistry must not be null");
		Assert.notNull(tenantTags, "TenantTags must not be null");
		this.tenantTags = tenantTags;
		this.denials = Counter.builder(DENIALS)
			.description("Tenant-scoped DynamoDB requests denied by the client-side guard or by IAM")
			.withRegistry(registry);
		this.requests = Timer.builder(REQUESTS)
			.description("Latency of tenant-scoped DynamoDB requests")
			.withRegistry(registry);
	}

	@Override
	public void onDenied(TenantId tenant, String operation, Decision decision) {
		denied(EnforcementLayer.GUARD, tenant.value(), decision.request().action());
	}

	@Override
	public void onForeignItem(TenantId tenant, String operation, String table, @Nullable String index) {
		denied(EnforcementLayer.READ_CHECK, tenant.value(), "dynamodb:" + operation);
	}

	/**
	 * Adds the metrics interceptor in front of the client's other interceptors, keeping them (the guard among them).
	 */
	@Override
	public void customize(DynamoDbClientBuilder builder) {
		ClientOverrideConfiguration configuration = builder.overrideConfiguration();
		List<ExecutionInterceptor> interceptors = new ArrayList<>();
		interceptors.add(this.interceptor);
		interceptors.addAll(configuration.executionInterceptors());
		builder.overrideConfiguration(configuration.toBuilder().executionInterceptors(interceptors).build());
	}

	private void denied(EnforcementLayer layer, @Nullable String tenant, String action) {
		this.denials
			.withTags("layer", layer.name().toLowerCase(Locale.ROOT), TenantTags.KEY,
					this.tenantTags.valueOf(tenant), "action", action)
			.increment();
	}

	private final class MetricsInterceptor implements ExecutionInterceptor {

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			executionAttributes.putAttribute(START, System.nanoTime());
			TenantId tenant = TenantContext.currentOrNull();
			if (tenant != null) {
				executionAttributes.putAttribute(TENANT, tenant.value());
			}
		}

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes executionAttributes) {
			Long start = executionAttributes.getAttribute(START);
			if (start != null) {
				String operation = operation(executionAttributes);
				successfulRequests.computeIfAbsent(operation,
						(name) -> requests.withTags("operation", name, "outcome", "success"))
					.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes executionAttributes) {
			String outcome = "error";
			Throwable failure = context.exception();
			RuntimeException tenancy = DynamoDbExceptionTranslator.tenancyCause(failure);
			if (tenancy instanceof TenantAccessDeniedException) {
				outcome = "denied";
			}
			else if (tenancy == null && failure instanceof RuntimeException runtime) {
				DataAccessException translated = translator.translateExceptionIfPossible(runtime);
				if (translated instanceof TenantAccessDeniedException denied
						&& denied.getLayer() == EnforcementLayer.IAM) {
					outcome = "denied";
					denied(EnforcementLayer.IAM, executionAttributes.getAttribute(TENANT), denied.getAction());
				}
			}
			Long start = executionAttributes.getAttribute(START);
			if (start != null) {
				requests.withTags("operation", operation(executionAttributes), "outcome", outcome)
					.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
		}

		private static String operation(ExecutionAttributes executionAttributes) {
			String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
			return (operation != null) ? operation : "unknown";
		}

	}

}
