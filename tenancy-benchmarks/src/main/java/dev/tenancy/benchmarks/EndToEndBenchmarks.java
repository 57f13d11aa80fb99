package dev.tenancy.benchmarks;

import java.util.List;
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

import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * End to end against the test kit ({@link TenancyTestKit}): real HTTP on loopback, SigV4 verified by the kit's
 * IAM-enforcing gateway, DynamoDB Local behind it, all in the benchmark's JVM. The same reads of one project by
 * id and of the ten projects whose id starts with {@code 001}, per isolation mode:
 * <ul>
 * <li>{@code none}: an enhanced-client {@link DynamoDbTable} over a plain {@link DynamoDbClient} with the application's
 * base credentials (no tenancy);</li>
 * <li>{@code application}: the {@code @TenantScoped} repository over the tenant-scoped client in
 * {@link IsolationMode#APPLICATION} (base credentials, guard);</li>
 * <li>{@code iam}: the same repository over the tenant-scoped client in {@link IsolationMode#IAM} (the tenant's STS
 * session from the kit's STS, guard; the gateway also evaluates role ceiling ∩ session policy, as IAM would).</li>
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

	private static final String ID = "0042";

	private static final String ID_PREFIX = "001";

	/** The isolation mode: {@code none}, {@code application} or {@code iam}. */
	@Param({ "none", "application", "iam" })
	public String mode = "none";

	private @Nullable TenancyTestKit kit;

	private @Nullable StsTenantCredentialsProvider credentials;

	private @Nullable TenantScopedDynamoDbClientFactory factory;

	private @Nullable DynamoDbTable<BenchmarkProject> table;

	private RepositoryBenchmarks.@Nullable ProjectRepository repository;

	private final Key key = Key.builder()
		.partitionValue(Workload.partitionKey(Workload.TENANT))
		.sortValue("PROJECT#" + ID)
		.build();

	private final QueryEnhancedRequest query = QueryEnhancedRequest.builder()
		.queryConditional(QueryConditional.sortBeginsWith(Key.builder()
			.partitionValue(Workload.partitionKey(Workload.TENANT))
			.sortValue("PROJECT#" + ID_PREFIX)
			.build()))
		.build();

	/**
	 * Start the kit, create and fill the table, and build the table or repository of the mode.
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
			case "none" -> this.table = DynamoDbEnhancedClient.builder()
				.dynamoDbClient(kit.dynamoDbClient())
				.build()
				.table(Workload.TABLE, TableSchema.fromBean(BenchmarkProject.class));
			case "application" -> {
				this.factory = TenantScopedDynamoDbClientFactory.builder()
					.mode(IsolationMode.APPLICATION)
					.httpClient(kit.httpClient())
					.region(kit.region())
					.endpointOverride(kit.dynamoDbEndpoint())
					.baseCredentials(kit.baseCredentialsProvider())
					.guard(Workload.guard())
					.build();
				this.repository = RepositoryBenchmarks.repository(this.factory);
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
				this.repository = RepositoryBenchmarks.repository(this.factory);
			}
			default -> throw new IllegalArgumentException("Unknown isolation mode '" + this.mode
					+ "'; use none, application or iam.");
		}
		BenchmarkProject project = findById();
		if (project == null || !String.valueOf(project.getId()).endsWith(ID) || query().size() != 10) {
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
	 * @return one project by id
	 */
	@Benchmark
	public @Nullable BenchmarkProject findById() {
		RepositoryBenchmarks.ProjectRepository repository = this.repository;
		if (repository != null) {
			return repository.findById(ID).orElse(null);
		}
		return table().getItem(this.key);
	}

	/**
	 * @return the ten projects whose id starts with {@code 001}
	 */
	@Benchmark
	public List<BenchmarkProject> query() {
		RepositoryBenchmarks.ProjectRepository repository = this.repository;
		if (repository != null) {
			return repository.findByIdStartingWith(ID_PREFIX);
		}
		return table().query(this.query).items().stream().toList();
	}

	private DynamoDbTable<BenchmarkProject> table() {
		DynamoDbTable<BenchmarkProject> table = this.table;
		if (table == null) {
			throw new IllegalStateException("The benchmark state was not set up.");
		}
		return table;
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
