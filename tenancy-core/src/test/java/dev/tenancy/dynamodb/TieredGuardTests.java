package dev.tenancy.dynamodb;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client-side guard alone between the tiers (the HTTP client allows everything): pooled tenant {@code initech} and
 * silo tenants {@code acme} ({@code app-acme}) and {@code globex} ({@code app-globex}).
 */
class TieredGuardTests {

	private final RecordingHttpClient http = new RecordingHttpClient();

	private TenantScopedDynamoDbClientFactory factory;

	private DynamoDbClient client;

	@BeforeEach
	void setUp() {
		ResourceArns arns = ResourceArns.of("aws", "us-east-1", "123456789012");
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table("app", "pk", "sk")
			.index("app", "byStatus", "gsi1pk", "gsi1sk")
			.build();
		TenancyPolicies policies = TenancyPolicies.builder()
			.arns(arns)
			.keySchema(schema)
			.tenantTables(TenantTables.tiered(
					TenantTierResolver.silo(List.of(TenantId.of("acme"), TenantId.of("globex"))),
					SiloTableTemplate.defaultTemplate()))
			.build();
		TenantRequestGuard guard = new TenantRequestGuard(
				new DynamoDbRequestContextExtractor(policies.arns(), policies.keySchema()), PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, "arn:aws:iam::123456789012:role/TenantRole", "tenant", 100),
				TenantGuardListener.NONE);
		this.factory = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(this.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.baseCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "secret")))
			.guard(guard)
			.build();
		this.client = this.factory.client();
	}

	@AfterEach
	void tearDown() {
		this.factory.close();
	}

	@Test
	void aSiloTenantReadsWritesAndQueriesItsOwnSiloTableAndIndex() {
		as("acme", () -> {
			this.client.putItem((r) -> r.tableName("app-acme")
				.item(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#1"), "gsi1pk", s("TENANT#acme#STATUS#OPEN"))));
			this.client.getItem((r) -> r.tableName("app-acme").key(key("TENANT#acme")));
			this.client.query((r) -> r.tableName("app-acme")
				.indexName("byStatus")
				.keyConditionExpression("gsi1pk = :v")
				.expressionAttributeValues(Map.of(":v", s("TENANT#acme#STATUS#OPEN"))));
		});
		assertThat(this.http.requests).hasSize(3);
	}

	@Test
	void aPooledTenantCannotReachASiloTable() {
		assertDenied("initech", "app-acme", "TENANT#initech");
	}

	@Test
	void aSiloTenantCannotReachThePooledTable() {
		assertDenied("acme", "app", "TENANT#acme");
	}

	@Test
	void aSiloTenantCannotReachAnotherSiloTenantsTable() {
		assertDenied("acme", "app-globex", "TENANT#acme");
		assertDenied("acme", "app-globex", "TENANT#globex");
	}

	@Test
	void aMisKeyedItemInASiloTenantsOwnTableIsRefusedByLeadingKeys() {
		assertDenied("acme", "app-acme", "TENANT#globex");
	}

	@Test
	void aSiloTenantCannotWriteAnotherTenantsIndexKeyIntoItsSiloTable() {
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> as("acme",
				() -> this.client.putItem((r) -> r.tableName("app-acme")
					.item(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#1"), "gsi1pk",
							s("TENANT#globex#STATUS#OPEN"))))))
			.withMessageContaining("index partition key");
		assertThat(this.http.requests).isEmpty();
	}

	private void assertDenied(String tenant, String table, String partitionKey) {
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> as(tenant,
					() -> this.client.getItem((r) -> r.tableName(table).key(key(partitionKey)))))
			.satisfies((denied) -> {
				assertThat(denied.getTenant()).isEqualTo(tenant);
				assertThat(denied.getAction()).isEqualTo("dynamodb:GetItem");
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
				assertThat(denied.getMessage()).contains("table/" + table);
			});
		assertThat(this.http.requests).as("nothing reaches the wire").isEmpty();
	}

	private static void as(String tenant, Runnable work) {
		try (TenantScope ignored = TenantContext.open(TenantId.of(tenant))) {
			work.run();
		}
	}

	private static Map<String, AttributeValue> key(String partitionKey) {
		return Map.of("pk", s(partitionKey), "sk", s("PROJECT#1"));
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

}
