package dev.tenancy.dynamodb;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.TenantKeyTemplate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * TH-23 at the guard: a write that passes the policy evaluation (its table partition key is the tenant's) but gives an
 * index partition key a value outside the tenant's namespace is denied before it leaves the JVM, reported to the
 * {@link TenantGuardListener}, and nothing reaches the wire.
 */
class TenantRequestGuardIndexKeyTests {

	private static final String TABLE = "app";

	private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/app";

	private static final String GLOBEX_OPEN = "TENANT#globex#STATUS#OPEN";

	private final RecordingHttpClient http = new RecordingHttpClient();

	private final List<Decision> denials = new CopyOnWriteArrayList<>();

	private TenantScopedDynamoDbClientFactory factory;

	@AfterEach
	void tearDown() {
		if (this.factory != null) {
			this.factory.close();
		}
	}

	private DynamoDbClient client(TenantKeyTemplate template) {
		ResourceArns arns = ResourceArns.of("aws", "us-east-1", "123456789012");
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table(TABLE, "pk", "sk")
			.index(TABLE, "byStatus", "gsi1pk", "gsi1sk")
			.build();
		TenancyPolicies policies = TenancyPolicies.builder().arns(arns).keySchema(schema).keyTemplate(template).build();
		TenantRequestGuard guard = new TenantRequestGuard(new DynamoDbRequestContextExtractor(arns, schema),
				PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, "arn:aws:iam::123456789012:role/TenantRole", "tenant", 100),
				(tenant, operation, decision) -> this.denials.add(decision), template);
		this.factory = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(this.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.baseCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "secret")))
			.guard(guard)
			.build();
		return this.factory.client();
	}

	private static Map<String, AttributeValue> key() {
		return Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#1"));
	}

	private static Map<String, AttributeValue> item(String indexKey) {
		return Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#1"), "gsi1pk",
				AttributeValue.fromS(indexKey));
	}

	private void assertDenied(String action, Runnable call) {
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("acme"), call))
			.satisfies((denied) -> {
				assertThat(denied.getTenant()).isEqualTo("acme");
				assertThat(denied.getAction()).isEqualTo(action);
				assertThat(denied.getResource()).isEqualTo(TABLE_ARN);
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
				assertThat(denied.getMessage())
					.startsWith("Tenant 'acme' was denied " + action + " on " + TABLE_ARN
							+ " by the client-side guard (the request never left the JVM): ")
					.contains("'gsi1pk', the partition key of index 'byStatus' of table 'app'")
					.contains("outside the tenant's key namespace ('TENANT#acme' or 'TENANT#acme#...')");
			});
		assertThat(this.http.requests).as("nothing reaches the wire").isEmpty();
		assertThat(this.denials).singleElement().satisfies((decision) -> {
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.request().action()).isEqualTo(action);
			assertThat(decision.message()).contains("'gsi1pk'");
		});
	}

	@Test
	@DisplayName("TH-23 UpdateItem of the tenant's own item setting globex's index key is denied by the guard")
	void th23UpdateItemSettingAForeignIndexKeyIsDenied() {
		DynamoDbClient client = client(TenantKeyTemplate.defaultTemplate());
		assertDenied("dynamodb:UpdateItem", () -> client.updateItem((r) -> r.tableName(TABLE).key(key())
			.updateExpression("SET gsi1pk = :v")
			.expressionAttributeValues(Map.of(":v", AttributeValue.fromS(GLOBEX_OPEN)))));
	}

	@Test
	@DisplayName("TH-23 PutItem of the tenant's own item with a prefix look-alike index key is denied by the guard")
	void th23PutItemWithALookAlikeIndexKeyIsDenied() {
		DynamoDbClient client = client(TenantKeyTemplate.defaultTemplate());
		assertDenied("dynamodb:PutItem",
				() -> client.putItem((r) -> r.tableName(TABLE).item(item("TENANT#acme2#STATUS#OPEN"))));
	}

	@Test
	@DisplayName("TH-23 legacy AttributeUpdates PUT of globex's index key is denied by the guard")
	void th23LegacyAttributeUpdatesAreDenied() {
		DynamoDbClient client = client(TenantKeyTemplate.defaultTemplate());
		assertDenied("dynamodb:UpdateItem", () -> client.updateItem((r) -> r.tableName(TABLE).key(key())
			.attributeUpdates(Map.of("gsi1pk", AttributeValueUpdate.builder().action(AttributeAction.PUT)
				.value(AttributeValue.fromS(GLOBEX_OPEN)).build()))));
	}

	@Test
	@DisplayName("TH-23 a batch with one foreign index key among own items is denied whole")
	void th23BatchIsDeniedWhole() {
		DynamoDbClient client = client(TenantKeyTemplate.defaultTemplate());
		assertDenied("dynamodb:BatchWriteItem", () -> client.batchWriteItem((r) -> r.requestItems(Map.of(TABLE,
				List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(item("TENANT#acme#A")).build())
					.build(), WriteRequest.builder().putRequest(PutRequest.builder().item(item(GLOBEX_OPEN)).build())
					.build())))));
	}

	@Test
	@DisplayName("TH-23 a transaction with a foreign index key in an Update is denied whole")
	void th23TransactionIsDeniedWhole() {
		DynamoDbClient client = client(TenantKeyTemplate.defaultTemplate());
		assertDenied("dynamodb:UpdateItem", () -> client.transactWriteItems((r) -> r.transactItems(
				TransactWriteItem.builder().put((p) -> p.tableName(TABLE).item(item("TENANT#acme#A"))).build(),
				TransactWriteItem.builder().update((u) -> u.tableName(TABLE).key(key())
					.updateExpression("SET #g = if_not_exists(#g, :v)")
					.expressionAttributeNames(Map.of("#g", "gsi1pk"))
					.expressionAttributeValues(Map.of(":v", AttributeValue.fromS(GLOBEX_OPEN)))).build())));
	}

	@Test
	@DisplayName("TH-23 control: own index keys, REMOVE and non-index attributes pass the guard")
	void th23OwnIndexKeysPass() {
		DynamoDbClient client = client(TenantKeyTemplate.defaultTemplate());
		TenantContext.runAs(TenantId.of("acme"), () -> {
			client.putItem((r) -> r.tableName(TABLE).item(item("TENANT#acme#STATUS#OPEN")));
			client.updateItem((r) -> r.tableName(TABLE).key(key())
				.updateExpression("SET gsi1pk = :v, payload = :p")
				.expressionAttributeValues(
						Map.of(":v", AttributeValue.fromS("TENANT#acme"), ":p", AttributeValue.fromS(GLOBEX_OPEN))));
			client.updateItem((r) -> r.tableName(TABLE).key(key()).updateExpression("REMOVE gsi1pk"));
		});
		assertThat(this.http.requests).hasSize(3);
		assertThat(this.denials).isEmpty();
	}

	@Test
	@DisplayName("TH-23 the guard confines index keys to the configured tenant key template")
	void th23GuardFollowsTheConfiguredTemplate() {
		DynamoDbClient client = client(TenantKeyTemplate.of("ORG|{tenant}"));
		TenantContext.runAs(TenantId.of("acme"), () -> client.putItem((r) -> r.tableName(TABLE)
			.item(Map.of("pk", AttributeValue.fromS("ORG|acme"), "sk", AttributeValue.fromS("PROJECT#1"), "gsi1pk",
					AttributeValue.fromS("ORG|acme#STATUS#OPEN")))));
		assertThat(this.http.requests).hasSize(1);
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("acme"), () -> client.putItem((r) -> r.tableName(TABLE)
				.item(Map.of("pk", AttributeValue.fromS("ORG|acme"), "sk", AttributeValue.fromS("PROJECT#1"), "gsi1pk",
						AttributeValue.fromS("ORG|globex#STATUS#OPEN"))))))
			.withMessageContaining("('ORG|acme' or 'ORG|acme#...')");
		assertThat(this.http.requests).hasSize(1);
	}

}
