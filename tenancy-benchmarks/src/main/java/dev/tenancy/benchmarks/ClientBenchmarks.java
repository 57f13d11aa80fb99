package dev.tenancy.benchmarks;

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

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantScope;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The guard on the real SDK path: the same calls through the tenant-scoped client of
 * {@link TenantScopedDynamoDbClientFactory} (isolation mode APPLICATION: static base credentials, the guard as an
 * execution interceptor checking each request after marshalling and again before transmission, the typed checking
 * client wrapping the SDK client) and through a plain {@link DynamoDbClient}, both over one stub
 * HTTP client that answers with canned responses. Both sides marshal, sign with SigV4 and unmarshal; the difference
 * is what tenancy adds per call. The {@code tenant*} methods also open and close the tenant scope around the call, as
 * a {@code @TenantScoped} repository method does.
 * <p>
 * Each benchmark method measures one pair, single-threaded: its iterations alternate between the plain and the
 * tenant-scoped call ({@link Alternation}), so both see the same machine conditions and {@link PairedResult} gives
 * their ratio with a confidence interval. {@link #wrapperGetItem} compares the tenant-scoped client with an SDK client
 * that has the same guard and credentials but not the wrapper in front of it, so it shows what the wrapper alone
 * costs.
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
public class ClientBenchmarks {

	private final StubDynamoDbHttpClient http = new StubDynamoDbHttpClient(Workload.TENANT);

	private final TenantScopedDynamoDbClientFactory factory = Workload.applicationModeFactory(this.http);

	private final DynamoDbClient tenantClient = this.factory.client();

	private final DynamoDbClient plainClient = Workload.plainClient(this.http);

	private final DynamoDbClient guardedSdkClient = Workload.guardedSdkClient(this.http);

	private final GetItemRequest getItem = Workload.getItem(Workload.TENANT);

	private final QueryRequest queryTable = Workload.queryTable(Workload.TENANT);

	private final QueryRequest queryIndex = Workload.queryIndex(Workload.TENANT);

	private final BatchWriteItemRequest batchWrite = Workload.batchWrite(Workload.TENANT);

	/**
	 * Check that both clients answer every call of the workload.
	 */
	@Setup
	public void setUp() {
		tenantGetItem();
		tenantQuery();
		tenantQueryIndex();
		tenantBatchWriteItem25();
		if (!guardedSdkGetItem().hasItem()) {
			throw new IllegalStateException("The SDK client with the guard did not answer as scripted.");
		}
		if (!plainGetItem().hasItem() || plainQuery().count() != Workload.QUERY_PAGE) {
			throw new IllegalStateException("The stub HTTP client did not answer as scripted.");
		}
	}

	/**
	 * Close the clients.
	 */
	@TearDown
	public void tearDown() {
		this.factory.close();
		this.plainClient.close();
		this.guardedSdkClient.close();
	}

	/**
	 * @return GetItem through the plain client
	 */
	public GetItemResponse plainGetItem() {
		return this.plainClient.getItem(this.getItem);
	}

	/**
	 * @return GetItem through the tenant-scoped client
	 */
	public GetItemResponse tenantGetItem() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.tenantClient.getItem(this.getItem);
		}
	}

	/**
	 * @return GetItem through an SDK client built like the factory's (same credentials and guard) but without the
	 * wrapper in front of it
	 */
	public GetItemResponse guardedSdkGetItem() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.guardedSdkClient.getItem(this.getItem);
		}
	}

	/**
	 * @return Query on the table through the plain client
	 */
	public QueryResponse plainQuery() {
		return this.plainClient.query(this.queryTable);
	}

	/**
	 * @return Query on the table through the tenant-scoped client
	 */
	public QueryResponse tenantQuery() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.tenantClient.query(this.queryTable);
		}
	}

	/**
	 * @return Query on the index through the plain client
	 */
	public QueryResponse plainQueryIndex() {
		return this.plainClient.query(this.queryIndex);
	}

	/**
	 * @return Query on the index through the tenant-scoped client
	 */
	public QueryResponse tenantQueryIndex() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.tenantClient.query(this.queryIndex);
		}
	}

	/**
	 * @return BatchWriteItem of 25 puts through the plain client
	 */
	public BatchWriteItemResponse plainBatchWriteItem25() {
		return this.plainClient.batchWriteItem(this.batchWrite);
	}

	/**
	 * @return BatchWriteItem of 25 puts through the tenant-scoped client
	 */
	public BatchWriteItemResponse tenantBatchWriteItem25() {
		try (TenantScope scope = TenantContext.open(Workload.TENANT)) {
			return this.tenantClient.batchWriteItem(this.batchWrite);
		}
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return GetItem through the plain or the tenant-scoped client
	 */
	@Benchmark
	public GetItemResponse getItem(Alternation alternation) {
		return alternation.candidate() ? tenantGetItem() : plainGetItem();
	}

	/**
	 * What the wrapper in front of the SDK client adds: the tenant-scoped client against an SDK client with the same
	 * guard and credentials but without the wrapper.
	 * @param alternation which variant this iteration measures
	 * @return GetItem through the SDK client with the guard or the tenant-scoped client
	 */
	@Benchmark
	public GetItemResponse wrapperGetItem(Alternation alternation) {
		return alternation.candidate() ? tenantGetItem() : guardedSdkGetItem();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return Query on the table through the plain or the tenant-scoped client
	 */
	@Benchmark
	public QueryResponse query(Alternation alternation) {
		return alternation.candidate() ? tenantQuery() : plainQuery();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return Query on the index through the plain or the tenant-scoped client
	 */
	@Benchmark
	public QueryResponse queryIndex(Alternation alternation) {
		return alternation.candidate() ? tenantQueryIndex() : plainQueryIndex();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return BatchWriteItem of 25 puts through the plain or the tenant-scoped client
	 */
	@Benchmark
	public BatchWriteItemResponse batchWriteItem25(Alternation alternation) {
		return alternation.candidate() ? tenantBatchWriteItem25() : plainBatchWriteItem25();
	}

}
