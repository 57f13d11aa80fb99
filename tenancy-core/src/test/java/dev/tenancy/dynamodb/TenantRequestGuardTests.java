package dev.tenancy.dynamodb;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The client-side guard alone (each wall denies on its own: with the gateway permissive the guard still denies): a real
 * {@link DynamoDbClient} whose HTTP client records what reaches the wire and allows everything.
 */
class TenantRequestGuardTests {

	private static final String TABLE = "app";

	private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/app";

	private final RecordingHttpClient http = new RecordingHttpClient();

	private final List<String> denials = new CopyOnWriteArrayList<>();

	private TenantScopedDynamoDbClientFactory factory;

	private DynamoDbClient client;

	@BeforeEach
	void setUp() {
		ResourceArns arns = ResourceArns.of("aws", "us-east-1", "123456789012");
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table(TABLE, "pk", "sk")
			.index(TABLE, "byStatus", "gsi1pk", "gsi1sk")
			.build();
		TenancyPolicies policies = TenancyPolicies.builder().arns(arns).keySchema(schema).build();
		TenantRequestGuard guard = new TenantRequestGuard(new DynamoDbRequestContextExtractor(arns, schema),
				PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, "arn:aws:iam::123456789012:role/TenantRole", "tenant", 100),
				(tenant, operation, decision) -> this.denials.add(tenant + ":" + operation + ":" + decision.outcome()));
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

	private static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	private void asAcme(Runnable work) {
		try (TenantScope ignored = TenantContext.open(TenantId.of("acme"))) {
			work.run();
		}
	}

	private void assertDeniedByGuard(String action, Executable call) {
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> {
			try (TenantScope ignored = TenantContext.open(TenantId.of("acme"))) {
				call.execute();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new AssertionError(ex);
			}
		}).satisfies((denied) -> {
			assertThat(denied.getTenant()).isEqualTo("acme");
			assertThat(denied.getAction()).isEqualTo(action);
			assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
			assertThat(denied.getMessage()).startsWith("Tenant 'acme' was denied " + action);
		});
		assertThat(this.http.requests).as("nothing reaches the wire").isEmpty();
	}

	@Test
	void allowsTheTenantsOwnItems() {
		asAcme(() -> {
			this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1")));
			this.client.putItem((r) -> r.tableName(TABLE).item(key("TENANT#acme", "PROJECT#2")));
			this.client.query((r) -> r.tableName(TABLE)
				.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
				.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme"), ":prefix",
						AttributeValue.fromS("PROJECT#"))));
			this.client.query((r) -> r.tableName(TABLE)
				.indexName("byStatus")
				.keyConditionExpression("gsi1pk = :v")
				.expressionAttributeValues(Map.of(":v", AttributeValue.fromS("TENANT#acme#STATUS#OPEN"))));
		});
		assertThat(this.http.requests).hasSize(4);
		assertThat(this.denials).isEmpty();
	}

	@Test
	@DisplayName("TH-7 no tenant: fails closed before anything is sent")
	void noTenantFailsClosed() {
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))))
			.withMessageContaining("DynamoDB getItem");
		assertThat(this.http.requests).isEmpty();
	}

	@Test
	@DisplayName("TH-1 GetItem on another tenant's key is denied by the guard")
	void getItemOfAnotherTenant() {
		assertDeniedByGuard("dynamodb:GetItem",
				() -> this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#globex", "PROJECT#1"))));
		assertThat(this.denials).containsExactly("acme:GetItem:IMPLICIT_DENY");
	}

	@Test
	@DisplayName("TH-1 PutItem, UpdateItem, DeleteItem on another tenant's key are denied by the guard")
	void writesToAnotherTenant() {
		assertDeniedByGuard("dynamodb:PutItem",
				() -> this.client.putItem((r) -> r.tableName(TABLE).item(key("TENANT#globex", "PROJECT#1"))));
		assertDeniedByGuard("dynamodb:UpdateItem", () -> this.client.updateItem((r) -> r.tableName(TABLE)
			.key(key("TENANT#globex", "PROJECT#1"))
			.updateExpression("SET #n = :n")
			.expressionAttributeNames(Map.of("#n", "name"))
			.expressionAttributeValues(Map.of(":n", AttributeValue.fromS("x")))));
		assertDeniedByGuard("dynamodb:DeleteItem",
				() -> this.client.deleteItem((r) -> r.tableName(TABLE).key(key("TENANT#globex", "PROJECT#1"))));
	}

	@Test
	@DisplayName("TH-1 Query on another tenant's partition is denied by the guard")
	void queryOfAnotherTenant() {
		assertDeniedByGuard("dynamodb:Query", () -> this.client.query((r) -> r.tableName(TABLE)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#globex")))));
	}

	@Test
	@DisplayName("TH-2 BatchWriteItem mixing the tenant's keys with one of another tenant is denied whole")
	void mixedBatchWrite() {
		assertDeniedByGuard("dynamodb:BatchWriteItem", () -> this.client.batchWriteItem((r) -> r.requestItems(
				Map.of(TABLE, List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(key("TENANT#acme", "PROJECT#1")).build()).build(),
						WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key("TENANT#globex", "PROJECT#9")).build()).build())))));
	}

	@Test
	@DisplayName("TH-2 BatchGetItem mixing tenants is denied whole")
	void mixedBatchGet() {
		assertDeniedByGuard("dynamodb:BatchGetItem", () -> this.client.batchGetItem((r) -> r.requestItems(Map.of(TABLE,
				KeysAndAttributes.builder().keys(key("TENANT#acme", "PROJECT#1"), key("TENANT#globex", "PROJECT#1")).build()))));
	}

	@Test
	@DisplayName("TH-1/TH-2 TransactWriteItems with a ConditionCheck on another tenant is denied whole")
	void mixedTransaction() {
		assertDeniedByGuard("dynamodb:ConditionCheckItem", () -> this.client.transactWriteItems((r) -> r.transactItems(
				TransactWriteItem.builder().put(Put.builder().tableName(TABLE).item(key("TENANT#acme", "PROJECT#1")).build()).build(),
				TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(TABLE)
					.key(key("TENANT#globex", "PROJECT#1")).conditionExpression("attribute_exists(pk)").build()).build())));
	}

	@Test
	@DisplayName("TH-1 TransactGetItems reading another tenant is denied")
	void transactGetOfAnotherTenant() {
		assertDeniedByGuard("dynamodb:GetItem", () -> this.client.transactGetItems((r) -> r.transactItems((t) -> t
			.get((g) -> g.tableName(TABLE).key(key("TENANT#globex", "PROJECT#1"))))));
	}

	@Test
	@DisplayName("TH-3 Query on a GSI with another tenant's prefixed index key is denied")
	void gsiQueryOfAnotherTenant() {
		assertDeniedByGuard("dynamodb:Query", () -> this.client.query((r) -> r.tableName(TABLE)
			.indexName("byStatus")
			.keyConditionExpression("gsi1pk = :v")
			.expressionAttributeValues(Map.of(":v", AttributeValue.fromS("TENANT#globex#STATUS#OPEN")))));
	}

	@Test
	@DisplayName("TH-4 Scan, parallel Scan, Scan on an index and PartiQL are always refused")
	void scanAndPartiQl() {
		assertDeniedByGuard("dynamodb:Scan", () -> this.client.scan((r) -> r.tableName(TABLE)));
		assertDeniedByGuard("dynamodb:Scan", () -> this.client.scan((r) -> r.tableName(TABLE).segment(0).totalSegments(4)));
		assertDeniedByGuard("dynamodb:Scan", () -> this.client.scan((r) -> r.tableName(TABLE).indexName("byStatus")));
		assertDeniedByGuard("dynamodb:PartiQL*",
				() -> this.client.executeStatement((r) -> r.statement("SELECT * FROM app WHERE pk = 'TENANT#acme'")));
		assertDeniedByGuard("dynamodb:PartiQL*", () -> this.client.batchExecuteStatement(
				(r) -> r.statements((s) -> s.statement("DELETE FROM app WHERE pk = 'TENANT#globex' AND sk = 'x'"))));
		assertDeniedByGuard("dynamodb:PartiQL*", () -> this.client.executeTransaction(
				(r) -> r.transactStatements((s) -> s.statement("SELECT * FROM app"))));
		assertThat(this.denials).as("every refusal reaches the listener (metrics)")
			.containsExactly("acme:Scan:EXPLICIT_DENY", "acme:Scan:EXPLICIT_DENY", "acme:Scan:EXPLICIT_DENY",
					"acme:ExecuteStatement:EXPLICIT_DENY", "acme:BatchExecuteStatement:EXPLICIT_DENY",
					"acme:ExecuteTransaction:EXPLICIT_DENY");
	}

	@Test
	@DisplayName("TH-5 prefix confusion: acme cannot reach acme2, acme#x is acme's own composite key")
	void prefixConfusion() {
		assertDeniedByGuard("dynamodb:GetItem",
				() -> this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme2", "PROJECT#1"))));
		assertDeniedByGuard("dynamodb:GetItem",
				() -> this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acm", "PROJECT#1"))));
		asAcme(() -> this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme#x", "PROJECT#1"))));
		assertThat(this.http.requests).hasSize(1);
	}

	@Test
	@DisplayName("TH-5 prefix confusion: tenant 1 cannot reach tenant 12")
	void tenantOneVersusTwelve() {
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> {
			try (TenantScope ignored = TenantContext.open(TenantId.of("1"))) {
				this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#12", "PROJECT#1")));
			}
		}).withMessageContaining("Tenant '1' was denied dynamodb:GetItem");
		assertThat(this.http.requests).isEmpty();
	}

	@Test
	void requestsToUndeclaredTablesAreDenied() {
		assertDeniedByGuard("dynamodb:GetItem",
				() -> this.client.getItem((r) -> r.tableName("other").key(key("TENANT#acme", "PROJECT#1"))));
	}

	@Test
	void aCustomizerCannotDropTheGuardOrTheCredentials() {
		TenantScopedDynamoDbClientFactory customized = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(this.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.baseCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "secret")))
			.guard(new TenantRequestGuard(
					new DynamoDbRequestContextExtractor(ResourceArns.of("aws", "us-east-1", "123456789012"),
							DynamoDbKeySchema.builder().table(TABLE, "pk", "sk").build()),
					PolicyEvaluator.create(),
					new TenantSessionPolicies(TenancyPolicies.builder()
						.arns(ResourceArns.of("aws", "us-east-1", "123456789012"))
						.keySchema(DynamoDbKeySchema.builder().table(TABLE, "pk", "sk").build())
						.build(), "arn:aws:iam::123456789012:role/TenantRole", "tenant", 10),
					TenantGuardListener.NONE))
			.customizer((builder) -> builder
				.overrideConfiguration(software.amazon.awssdk.core.client.config.ClientOverrideConfiguration.builder()
					.apiCallTimeout(java.time.Duration.ofSeconds(5))
					.build())
				.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDOTHER", "x"))))
			.build();
		try {
			DynamoDbClient guarded = customized.client();
			assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> asAcme(
					() -> guarded.getItem((r) -> r.tableName(TABLE).key(key("TENANT#globex", "PROJECT#1")))));
			asAcme(() -> guarded.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))));
			assertThat(this.http.requests).singleElement()
				.satisfies((request) -> assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(
						(authorization) -> assertThat(authorization).contains("Credential=AKIDBASE/")));
		}
		finally {
			customized.close();
		}
	}

	@Test
	void closingTheScopedClientDoesNotCloseTheSharedOne() {
		this.client.close();
		asAcme(() -> this.client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))));
		assertThat(this.http.requests).hasSize(1);
	}

}
