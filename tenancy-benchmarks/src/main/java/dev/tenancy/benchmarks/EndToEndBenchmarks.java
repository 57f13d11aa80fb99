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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantFences;
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
 * IAM-enforcing gateway, DynamoDB Local behind it, all in the benchmark's JVM. The same reads of one project by id and
 * of the ten projects whose id starts with {@code 001}, per isolation mode:
 * <ul>
 * <li>{@code none*}: an enhanced-client {@link DynamoDbTable} over a plain {@link DynamoDbClient} with the
 * application's base credentials (no tenancy);</li>
 * <li>{@code application*}: the {@code @TenantScoped} repository over the tenant-scoped client in
 * {@link IsolationMode#APPLICATION} (base credentials, guard);</li>
 * <li>{@code iam*}: the same repository over the tenant-scoped client in {@link IsolationMode#IAM} (the tenant's STS
 * session from the kit's STS, guard; the gateway also evaluates role ceiling ∩ session policy, as IAM would).</li>
 * </ul>
 * Each benchmark method compares one mode with no tenancy, single-threaded, alternating from iteration to iteration
 * ({@link Alternation}) against one kit, so both see the same load of the machine, the gateway and DynamoDB Local.
 *
 * @author tenancy
 * @since 0.1
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 16, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class EndToEndBenchmarks {

	private static final String ID = "0042";

	private static final String ID_PREFIX = "001";

	private @Nullable TenancyTestKit kit;

	private @Nullable StsTenantCredentialsProvider credentials;

	private @Nullable TenantScopedDynamoDbClientFactory applicationFactory;

	private @Nullable TenantScopedDynamoDbClientFactory iamFactory;

	private @Nullable DynamoDbTable<BenchmarkProject> table;

	private RepositoryBenchmarks.@Nullable ProjectRepository applicationRepository;

	private RepositoryBenchmarks.@Nullable ProjectRepository iamRepository;

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
	 * Start the kit, create and fill the table, and build the table and the repositories of the three modes.
	 */
	@Setup
	public void setUp() {
		// The application signs with its own identity in the none and application modes and assumes tenant
		// sessions in the iam mode: its identity needs both grants.
		TenancyTestKit kit = TenancyTestKit.builder()
			.baseIdentityPolicy(TenancyTestKit.BASE_IDENTITY_POLICY,
					TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY)
			.start();
		this.kit = kit;
		createTable(kit.adminDynamoDbClient());
		for (int i = 0; i <= 42; i++) {
			Map<String, AttributeValue> item = Workload.projectItem(Workload.TENANT, i);
			kit.adminDynamoDbClient().putItem((request) -> request.tableName(Workload.TABLE).item(item));
		}
		this.table = DynamoDbEnhancedClient.builder()
			.dynamoDbClient(kit.baseIdentityDynamoDbClient())
			.build()
			.table(Workload.TABLE, TableSchema.fromBean(BenchmarkProject.class));
		TenantScopedDynamoDbClientFactory application = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(kit.httpClient())
			.region(kit.region())
			.endpointOverride(kit.dynamoDbEndpoint())
			.baseCredentials(kit.baseCredentialsProvider())
			.guard(Workload.guard())
			.fences(TenantFences.create())
			.build();
		this.applicationFactory = application;
		this.applicationRepository = RepositoryBenchmarks.repository(application);
		StsTenantCredentialsProvider credentials = StsCallsHarness.credentials(kit.stsClient(),
				StsTenantCredentialsProvider.DEFAULT_REFRESH_AHEAD, StsTenantCredentialsProvider.DEFAULT_STALE_TIME);
		this.credentials = credentials;
		TenantScopedDynamoDbClientFactory iam = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(kit.httpClient())
			.region(kit.region())
			.endpointOverride(kit.dynamoDbEndpoint())
			.tenantCredentials(credentials)
			.guard(Workload.guard())
			.fences(TenantFences.create())
			.build();
		this.iamFactory = iam;
		this.iamRepository = RepositoryBenchmarks.repository(iam);
		for (BenchmarkProject project : List.of(noneFindById(), applicationFindById(), iamFindById())) {
			if (!ID.equals(project.getId()) && !("PROJECT#" + ID).equals(project.getId())) {
				throw new IllegalStateException("The end-to-end workload read project '" + project.getId()
						+ "' instead of '" + ID + "'.");
			}
		}
		if (noneQuery().size() != 10 || applicationQuery().size() != 10 || iamQuery().size() != 10) {
			throw new IllegalStateException("The end-to-end workload did not read the ten projects it wrote.");
		}
	}

	/**
	 * Close the clients and stop the kit.
	 */
	@TearDown
	public void tearDown() {
		for (TenantScopedDynamoDbClientFactory factory : new TenantScopedDynamoDbClientFactory[] {
				this.applicationFactory, this.iamFactory }) {
			if (factory != null) {
				factory.close();
			}
		}
		if (this.credentials != null) {
			this.credentials.close();
		}
		if (this.kit != null) {
			this.kit.close();
		}
	}

	/**
	 * @return one project by key, without tenancy
	 */
	public BenchmarkProject noneFindById() {
		return required(this.table).getItem(this.key);
	}

	/**
	 * @return one project by id, through the repository in isolation mode APPLICATION
	 */
	public BenchmarkProject applicationFindById() {
		return required(this.applicationRepository).findById(ID).orElseThrow();
	}

	/**
	 * @return one project by id, through the repository in isolation mode IAM
	 */
	public BenchmarkProject iamFindById() {
		return required(this.iamRepository).findById(ID).orElseThrow();
	}

	/**
	 * @return the ten projects whose id starts with {@code 001}, without tenancy
	 */
	public List<BenchmarkProject> noneQuery() {
		return required(this.table).query(this.query).items().stream().toList();
	}

	/**
	 * @return the same projects through the repository in isolation mode APPLICATION
	 */
	public List<BenchmarkProject> applicationQuery() {
		return required(this.applicationRepository).findByIdStartingWith(ID_PREFIX);
	}

	/**
	 * @return the same projects through the repository in isolation mode IAM
	 */
	public List<BenchmarkProject> iamQuery() {
		return required(this.iamRepository).findByIdStartingWith(ID_PREFIX);
	}

	private static <T> T required(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("The benchmark state was not set up.");
		}
		return value;
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

	/**
	 * @param alternation which variant this iteration measures
	 * @return one project, with no tenancy or through the repository in application mode
	 */
	@Benchmark
	public Object findByIdApplication(Alternation alternation) {
		return alternation.candidate() ? applicationFindById() : noneFindById();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return one project, with no tenancy or through the repository in iam mode
	 */
	@Benchmark
	public Object findByIdIam(Alternation alternation) {
		return alternation.candidate() ? iamFindById() : noneFindById();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return ten projects, with no tenancy or through the repository in application mode
	 */
	@Benchmark
	public List<BenchmarkProject> queryApplication(Alternation alternation) {
		return alternation.candidate() ? applicationQuery() : noneQuery();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return ten projects, with no tenancy or through the repository in iam mode
	 */
	@Benchmark
	public List<BenchmarkProject> queryIam(Alternation alternation) {
		return alternation.candidate() ? iamQuery() : noneQuery();
	}

}
