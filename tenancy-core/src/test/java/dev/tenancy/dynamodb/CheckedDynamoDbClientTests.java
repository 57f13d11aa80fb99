package dev.tenancy.dynamodb;

import java.lang.reflect.Method;
import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import static dev.tenancy.dynamodb.ScopedClientFixture.TABLE;
import static dev.tenancy.dynamodb.ScopedClientFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The typed wrapper itself: complete for the SDK version on the classpath, and the SDK's own helpers (paginators,
 * the enhanced client, waiters) still work through it.
 */
class CheckedDynamoDbClientTests {

	private final ScopedClientFixture fixture = new ScopedClientFixture();

	private final TenantScopedDynamoDbClientFactory factory = this.fixture.factory(IsolationMode.APPLICATION);

	@AfterEach
	void tearDown() {
		this.factory.close();
	}

	@Test
	void overridesEveryOperationOfTheSdkClient() {
		// An SDK upgrade that adds an operation fails here until the wrapper checks it too (until then the
		// operation fails closed with the interface default's UnsupportedOperationException).
		Method[] operations = Arrays.stream(DynamoDbClient.class.getMethods())
			.filter(Method::isDefault)
			.filter((method) -> method.getParameterCount() == 1
					&& DynamoDbRequest.class.isAssignableFrom(method.getParameterTypes()[0])
					&& DynamoDbResponse.class.isAssignableFrom(method.getReturnType()))
			.toArray(Method[]::new);
		assertThat(operations).hasSizeGreaterThanOrEqualTo(57);
		assertThat(operations).allSatisfy((operation) -> assertThat(CheckedDynamoDbClient.class
			.getDeclaredMethod(operation.getName(), operation.getParameterTypes())).isNotNull());
	}

	@Test
	void scanAndPartiQlAreNeverPassedOnEvenIfACheckLetThemThrough() {
		try (DynamoDbClient sdk = DynamoDbClient.builder()
			.httpClient(this.fixture.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.credentialsProvider(ScopedClientFixture.BASE)
			.build()) {
			CheckedDynamoDbClient permissive = CheckedDynamoDbClient.wrap(sdk, (operation, request) -> {
			}, "a client whose check allows everything");

			assertThatIllegalStateException().isThrownBy(() -> permissive.scan((r) -> r.tableName(TABLE)))
				.withMessageContaining("Scan reached the tenant-scoped client without being refused");
			assertThatIllegalStateException()
				.isThrownBy(() -> permissive.executeStatement((r) -> r.statement("SELECT * FROM app")));
			assertThatIllegalStateException().isThrownBy(() -> permissive
				.batchExecuteStatement((r) -> r.statements((s) -> s.statement("SELECT * FROM app"))));
			assertThatIllegalStateException().isThrownBy(() -> permissive
				.executeTransaction((r) -> r.transactStatements((s) -> s.statement("SELECT * FROM app"))));
			assertThat(this.fixture.http.requests).isEmpty();
		}
	}

	@Test
	void overridesEveryWaitOfTheSdkWaiter() {
		Method[] waits = Arrays.stream(DynamoDbWaiter.class.getMethods())
			.filter(Method::isDefault)
			.filter((method) -> Arrays.stream(method.getParameterTypes()).noneMatch(Consumer.class::equals))
			.toArray(Method[]::new);
		assertThat(waits).isNotEmpty();
		assertThat(waits).allSatisfy((wait) -> assertThat(CheckedDynamoDbWaiter.class
			.getDeclaredMethod(wait.getName(), wait.getParameterTypes())).isNotNull());
	}

	@Test
	void paginatorsAndTheEnhancedClientWorkForTheTenantsOwnItems() {
		TenantContext.runAs(TenantId.of("acme"), () -> {
			this.factory.client()
				.queryPaginator((r) -> r.tableName(TABLE)
					.keyConditionExpression("pk = :pk")
					.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#acme"))))
				.stream()
				.count();
			TableSchema<EnhancedDocument> schema = TableSchema.documentSchemaBuilder()
				.addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
				.addIndexSortKey(TableMetadata.primaryIndexName(), "sk", AttributeValueType.S)
				.attributeConverterProviders(AttributeConverterProvider.defaultProvider())
				.build();
			this.factory.enhancedClient()
				.table(TABLE, schema)
				.getItem(Key.builder().partitionValue("TENANT#acme").sortValue("PROJECT#1").build());
		});
		assertThat(this.fixture.http.requests).hasSize(2);
	}

	@Test
	void theEnhancedClientCannotReachAnotherTenant() {
		TableSchema<EnhancedDocument> schema = TableSchema.documentSchemaBuilder()
			.addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
			.addIndexSortKey(TableMetadata.primaryIndexName(), "sk", AttributeValueType.S)
			.attributeConverterProviders(AttributeConverterProvider.defaultProvider())
			.build();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> TenantContext.runAs(TenantId.of("acme"), () -> this.factory.enhancedClient()
				.table(TABLE, schema)
				.getItem(Key.builder().partitionValue("TENANT#globex").sortValue("PROJECT#1").build())));
		assertThat(this.fixture.http.requests).isEmpty();
	}

	@Test
	void closingTheWrapperDoesNotCloseTheSharedClient() {
		this.factory.client().close();
		TenantContext.runAs(TenantId.of("acme"),
				() -> this.factory.client().getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))));
		assertThat(this.fixture.http.requests).hasSize(1);
	}

}
