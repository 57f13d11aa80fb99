package dev.tenancy.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantScope;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * End to end against the test kit ({@link TenancyTestKit}): real HTTP on loopback, SigV4 verified by the kit's
 * IAM-enforcing gateway, DynamoDB Local behind it, all in the benchmark's JVM. The same GetItem and Query, per
 * isolation mode:
 * <ul>
 * <li>{@code none}: a plain {@link DynamoDbClient} with the application's base credentials (no tenancy);</li>
 * <li>{@code application}: the tenant-scoped client in {@link IsolationMode#APPLICATION} (base credentials, guard);</li>
 * <li>{@code iam}: the tenant-scoped client in {@link IsolationMode#IAM} (the tenant's STS session from the kit's
 * STS, guard; the gateway also evaluates role ceiling ∩ session policy, as IAM would).</li>
 * </ul>
 * Throughput in operations per second; one JMH thread, because client, gateway and DynamoDB Local share the machine.
 *
 * @author tenancy
 * @since 0.1
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmarks {

	/** The isolation mode: {@code none}, {@code application} or {@code iam}. */
	@Param({ "none", "application", "iam" })
	public String mode = "none";

	private @Nullable TenancyTestKit kit;

	private @Nullable StsTenantCredentialsProvider credentials;

	private @Nullable TenantScopedDynamoDbClientFactory factory;

	private @Nullable DynamoDbClient client;

	private boolean scoped;

	private final GetItemRequest getItem = Workload.getItem(Workload.TENANT);

	private final QueryRequest queryTable = Workload.queryTable(Workload.TENANT);

	/**
	 * Start the kit, create and fill the table, and build the client of the mode.
	 */
	@Setup
	public void setUp() {
		TenancyTestKit kit = TenancyTestKit.builder().start();
		this.kit = kit;
		createTable(kit.dynamoDbLocalClient());
		for (int i = 0; i <= 42; i++) {
			Map<String, AttributeValue> item = Workload.projectItem(Workload.TENANT, i);
			kit.dynamoDbLocalClient().putItem((request) -> request.tableName(Workload.TABLE).item(item));
		}
		switch (this.mode) {
			case "none" -> this.client = kit.dynamoDbClient();
			case "application" -> {
				this.factory = TenantScopedDynamoDbClientFactory.builder()
					.mode(IsolationMode.APPLICATION)
					.httpClient(kit.httpClient())
					.region(kit.region())
					.endpointOverride(kit.dynamoDbEndpoint())
					.baseCredentials(kit.baseCredentialsProvider())
					.guard(Workload.guard())
					.build();
				this.client = this.factory.client();
				this.scoped = true;
			}
			case "iam" -> {
				this.credentials = StsCallsHarness.credentials(kit.stsClient(),
						StsTenantCredentialsProvider.DEFAULT_REFRESH_AHEAD, StsTenantCredentialsProvider.DEFAULT_STALE_TIME);
				this.factory = TenantScopedDynamoDbClientFactory.builder()
					.mode(IsolationMode.IAM)
					.httpClient(kit.httpClient())
					.region(kit.region())
					.endpointOverride(kit.dynamoDbEndpoint())
					.tenantCredentials(this.credentials)
					.guard(Workload.guard())
					.build();
				this.client = this.factory.client();
				this.scoped = true;
			}
			default -> throw new IllegalArgumentException("Unknown isolation mode '" + this.mode
					+ "'; use none, application or iam.");
		}
		if (!getItem().hasItem() || query().count() != 25) {
			throw new IllegalStateException("The end-to-end workload did not read the items it wrote (mode '"
					+ this.mode + "').");
		}
	}

	/**
	 * Close the clients and stop the kit.
	 */
	@TearDown
	public void tearDown() {
		if (this.factory != null) {
			this.factory.close();
		}
		if (this.credentials != null) {
			this.credentials.close();
		}
		if (this.kit != null) {
			this.kit.close();
		}
	}

	/**
	 * @return GetItem of one project
	 */
	@Benchmark
	public GetItemResponse getItem() {
		DynamoDbClient client = client();
		if (!this.scoped) {
			return client.getItem(this.getItem);
		}
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return client.getItem(this.getItem);
		}
	}

	/**
	 * @return the first page (25 items) of the tenant's projects
	 */
	@Benchmark
	public QueryResponse query() {
		DynamoDbClient client = client();
		if (!this.scoped) {
			return client.query(this.queryTable);
		}
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return client.query(this.queryTable);
		}
	}

	private DynamoDbClient client() {
		DynamoDbClient client = this.client;
		if (client == null) {
			throw new IllegalStateException("The benchmark state was not set up.");
		}
		return client;
	}

	private static void createTable(DynamoDbClient dynamoDb) {
		dynamoDb.createTable((table) -> table.tableName(Workload.TABLE)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("pk"), attribute("sk"), attribute("gsi1pk"), attribute("gsi1sk"))
			.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
			.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
				.indexName(Workload.INDEX)
				.keySchema(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE))
				.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
				.build()));
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
