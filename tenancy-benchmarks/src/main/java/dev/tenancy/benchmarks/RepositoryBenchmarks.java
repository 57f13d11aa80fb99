package dev.tenancy.benchmarks;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantScope;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.support.TenancyRepositoryFactory;
import dev.tenancy.repository.support.TenantScopedRepositoryProxyPostProcessor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The repository layer against the plain enhanced client, both over one stub HTTP client with canned answers:
 * <ul>
 * <li>{@code plainTable*}: a {@link DynamoDbTable} of the enhanced client over a plain {@link DynamoDbClient} (no
 * tenancy, the baseline of the 1.15× target);</li>
 * <li>{@code guardedTable*}: the same table over the tenant-scoped client (isolation mode APPLICATION, guard), inside
 * a tenant scope: what the guard alone adds;</li>
 * <li>{@code repository*}: a {@code @TenantScoped} {@link TenantScopedRepository} made by
 * {@link TenancyRepositoryFactory} on a {@link TenancyTemplate} over the same tenant-scoped client, the tenant coming
 * from a resolver as it would from the principal: the whole stack.</li>
 * </ul>
 * The calls: {@code findById} (GetItem of one project) and a sort-key query ({@code findByIdStartingWith}, a Query with
 * {@code begins_with} on the sort key, answered with a page of {@value Workload#QUERY_PAGE} projects). Each benchmark
 * method measures one pair, single-threaded, alternating between its variants from iteration to iteration
 * ({@link Alternation}): the plain table against the repository, and the plain table against the guarded table.
 *
 * @author tenancy
 * @since 0.1
 */
@State(Scope.Benchmark)
@Fork(2)
@Threads(1)
@Warmup(iterations = 32, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 100, time = 100, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RepositoryBenchmarks {

	private static final String ID = "0042";

	private static final String ID_PREFIX = "00";

	private final StubDynamoDbHttpClient http = new StubDynamoDbHttpClient(Workload.TENANT);

	private final DynamoDbClient plainClient = Workload.plainClient(this.http);

	private final TenantScopedDynamoDbClientFactory factory = Workload.applicationModeFactory(this.http);

	private final TableSchema<BenchmarkProject> schema = TableSchema.fromBean(BenchmarkProject.class);

	private final DynamoDbTable<BenchmarkProject> plainTable = DynamoDbEnhancedClient.builder()
		.dynamoDbClient(this.plainClient)
		.build()
		.table(Workload.TABLE, this.schema);

	private final DynamoDbTable<BenchmarkProject> guardedTable = this.factory.enhancedClient()
		.table(Workload.TABLE, this.schema);

	private final ProjectRepository repository = repository(this.factory);

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
	 * The repository of the benchmark: every call runs in the tenant the resolver names.
	 */
	@TenantScoped
	public interface ProjectRepository extends TenantScopedRepository<BenchmarkProject, String> {

		/**
		 * @param prefix the start of the identities
		 * @return the projects whose identity starts with the prefix
		 */
		List<BenchmarkProject> findByIdStartingWith(String prefix);

	}

	static ProjectRepository repository(TenantScopedDynamoDbClientFactory factory) {
		TenancyTemplate template = TenancyTemplate.builder()
			.client(factory.client())
			.keyTemplate(TenantKeyTemplate.defaultTemplate())
			.build();
		TenancyRepositoryFactory repositories = new TenancyRepositoryFactory(template);
		repositories.addRepositoryProxyPostProcessor(
				new TenantScopedRepositoryProxyPostProcessor(() -> Optional.of(Workload.TENANT)));
		return repositories.getRepository(ProjectRepository.class);
	}

	/**
	 * Check that all three paths read what the stub answers.
	 */
	@Setup
	public void setUp() {
		BenchmarkProject project = repositoryFindById().orElseThrow();
		if (!ID.equals(project.getId()) || repositoryQuery().size() != Workload.QUERY_PAGE
				|| plainTableGetItem() == null || plainTableQuery().size() != Workload.QUERY_PAGE
				|| guardedTableGetItem() == null || guardedTableQuery().size() != Workload.QUERY_PAGE) {
			throw new IllegalStateException("The repository benchmark workload did not read the canned items.");
		}
	}

	/**
	 * Close the clients.
	 */
	@TearDown
	public void tearDown() {
		this.factory.close();
		this.plainClient.close();
	}

	/**
	 * @return one project by key, through the plain enhanced-client table
	 */
	public BenchmarkProject plainTableGetItem() {
		return this.plainTable.getItem(this.key);
	}

	/**
	 * @return one project by key, through the enhanced-client table over the tenant-scoped client
	 */
	public BenchmarkProject guardedTableGetItem() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.guardedTable.getItem(this.key);
		}
	}

	/**
	 * @return one project by id, through the repository
	 */
	public Optional<BenchmarkProject> repositoryFindById() {
		return this.repository.findById(ID);
	}

	/**
	 * @return the projects whose sort key starts with a prefix, through the plain enhanced-client table
	 */
	public List<BenchmarkProject> plainTableQuery() {
		return this.plainTable.query(this.query).items().stream().toList();
	}

	/**
	 * @return the same projects through the enhanced-client table over the tenant-scoped client
	 */
	public List<BenchmarkProject> guardedTableQuery() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.guardedTable.query(this.query).items().stream().toList();
		}
	}

	/**
	 * @return the same projects through the repository's derived query
	 */
	public List<BenchmarkProject> repositoryQuery() {
		return this.repository.findByIdStartingWith(ID_PREFIX);
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return one project, through the plain table or the repository
	 */
	@Benchmark
	public Object findById(Alternation alternation) {
		return alternation.candidate() ? repositoryFindById() : plainTableGetItem();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return a page of projects, through the plain table or the repository
	 */
	@Benchmark
	public List<BenchmarkProject> query(Alternation alternation) {
		return alternation.candidate() ? repositoryQuery() : plainTableQuery();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return one project, through the plain table or the same table over the tenant-scoped client
	 */
	@Benchmark
	public BenchmarkProject guardedFindById(Alternation alternation) {
		return alternation.candidate() ? guardedTableGetItem() : plainTableGetItem();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return a page of projects, through the plain table or the same table over the tenant-scoped client
	 */
	@Benchmark
	public List<BenchmarkProject> guardedQuery(Alternation alternation) {
		return alternation.candidate() ? guardedTableQuery() : plainTableQuery();
	}

}
