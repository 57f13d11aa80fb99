package dev.tenancy.dynamodb;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A tenant-scoped client factory over a {@link RecordingHttpClient}, in either isolation mode: the base credentials
 * sign with access key {@code AKIDBASE}, tenant {@code t}'s session with {@code AKIDTENANT-t}.
 */
final class ScopedClientFixture {

	static final String TABLE = "app";

	static final AwsCredentialsProvider BASE = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDBASE", "secret"));

	final RecordingHttpClient http = new RecordingHttpClient();

	final List<String> denials = new CopyOnWriteArrayList<>();

	final CountingTenantCredentials tenantCredentials = new CountingTenantCredentials();

	final TenantRequestGuard guard;

	ScopedClientFixture() {
		ResourceArns arns = ResourceArns.of("aws", "us-east-1", "123456789012");
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder().table(TABLE, "pk", "sk").build();
		TenancyPolicies policies = TenancyPolicies.builder().arns(arns).keySchema(schema).build();
		this.guard = new TenantRequestGuard(new DynamoDbRequestContextExtractor(arns, schema), PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, "arn:aws:iam::123456789012:role/TenantRole", "tenant", 100),
				(tenant, operation, decision) -> this.denials.add(tenant + ":" + operation + ":" + decision.outcome()));
	}

	TenantScopedDynamoDbClientFactory.Builder factoryBuilder(IsolationMode mode) {
		return TenantScopedDynamoDbClientFactory.builder()
			.mode(mode)
			.httpClient(this.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.baseCredentials(BASE)
			.tenantCredentials(this.tenantCredentials)
			.guard(this.guard);
	}

	TenantScopedDynamoDbClientFactory factory(IsolationMode mode) {
		return factoryBuilder(mode).build();
	}

	TenantScopedDynamoDbClientFactory factory(IsolationMode mode, Consumer<DynamoDbClientBuilder> customizer) {
		return factoryBuilder(mode).customizer(customizer).build();
	}

	static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	/**
	 * Static per-tenant credentials that count how often they are resolved (an STS call in production).
	 */
	static final class CountingTenantCredentials implements TenantCredentialsProvider {

		final AtomicInteger resolved = new AtomicInteger();

		@Override
		public AwsCredentialsProvider forTenant(TenantId tenant) {
			return () -> {
				this.resolved.incrementAndGet();
				return AwsBasicCredentials.create("AKIDTENANT-" + tenant.value(), "secret");
			};
		}

		@Override
		public void evict(TenantId tenant) {
		}

		@Override
		public void close() {
		}

	}

}
