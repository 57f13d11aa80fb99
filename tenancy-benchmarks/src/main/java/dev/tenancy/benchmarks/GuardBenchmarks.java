package dev.tenancy.benchmarks;

import java.util.List;
import java.util.Map;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;

/**
 * The guard's work per request, as {@code TenantRequestGuard.afterMarshalling} does it: extract IAM's request context
 * from the marshalled JSON body ({@code extract*}), look up the tenant's compiled session and evaluate the tenant's
 * session policy ({@code evaluate*}), and both together ({@code guard*}, the number the ≤ 3 µs target applies to).
 * The bodies are the ones the AWS SDK marshals for the workload's requests ({@link Workload#marshalledBodies}); every
 * request is allowed, which {@link #setUp()} checks.
 *
 * @author tenancy
 * @since 0.1
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 10, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GuardBenchmarks {

	private static final TenantId TENANT = Workload.TENANT;

	private final DynamoDbRequestContextExtractor extractor = Workload.extractor();

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	private final TenantSessionPolicies sessions = Workload.sessionPolicies(10_000);

	private byte[] getItemBody = new byte[0];

	private byte[] queryBody = new byte[0];

	private byte[] queryIndexBody = new byte[0];

	private byte[] batchWriteBody = new byte[0];

	private List<AuthorizationRequest> getItemRequests = List.of();

	private List<AuthorizationRequest> queryRequests = List.of();

	private List<AuthorizationRequest> queryIndexRequests = List.of();

	private List<AuthorizationRequest> batchWriteRequests = List.of();

	/**
	 * Capture the marshalled bodies, compile the tenant's session, and check that every request is allowed.
	 */
	@Setup
	public void setUp() {
		Map<String, byte[]> bodies = Workload.marshalledBodies(TENANT);
		this.getItemBody = bodies.get("GetItem");
		this.queryBody = bodies.get("Query");
		this.queryIndexBody = bodies.get("QueryIndex");
		this.batchWriteBody = bodies.get("BatchWriteItem");
		this.getItemRequests = this.extractor.extract("GetItem", this.getItemBody);
		this.queryRequests = this.extractor.extract("Query", this.queryBody);
		this.queryIndexRequests = this.extractor.extract("Query", this.queryIndexBody);
		this.batchWriteRequests = this.extractor.extract("BatchWriteItem", this.batchWriteBody);
		PrincipalSession session = this.sessions.apply(TENANT);
		for (List<AuthorizationRequest> requests : List.of(this.getItemRequests, this.queryRequests,
				this.queryIndexRequests, this.batchWriteRequests)) {
			Decision decision = this.evaluator.evaluateAll(session, requests);
			if (!decision.allowed()) {
				throw new IllegalStateException("The guard benchmark workload must be allowed: " + decision.message());
			}
		}
	}

	/**
	 * @return the decision for a GetItem: extraction and evaluation
	 */
	@Benchmark
	public Decision guardGetItem() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT),
				this.extractor.extract("GetItem", this.getItemBody));
	}

	/**
	 * @return the decision for a Query on the table: extraction and evaluation
	 */
	@Benchmark
	public Decision guardQuery() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.extractor.extract("Query", this.queryBody));
	}

	/**
	 * @return the decision for a Query on the index: extraction and evaluation
	 */
	@Benchmark
	public Decision guardQueryIndex() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT),
				this.extractor.extract("Query", this.queryIndexBody));
	}

	/**
	 * @return the decision for a BatchWriteItem of 25 puts: extraction and evaluation
	 */
	@Benchmark
	public Decision guardBatchWriteItem25() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT),
				this.extractor.extract("BatchWriteItem", this.batchWriteBody));
	}

	/**
	 * @return the request context of a GetItem
	 */
	@Benchmark
	public List<AuthorizationRequest> extractGetItem() {
		return this.extractor.extract("GetItem", this.getItemBody);
	}

	/**
	 * @return the request context of a Query on the table
	 */
	@Benchmark
	public List<AuthorizationRequest> extractQuery() {
		return this.extractor.extract("Query", this.queryBody);
	}

	/**
	 * @return the request context of a Query on the index
	 */
	@Benchmark
	public List<AuthorizationRequest> extractQueryIndex() {
		return this.extractor.extract("Query", this.queryIndexBody);
	}

	/**
	 * @return the request context of a BatchWriteItem of 25 puts
	 */
	@Benchmark
	public List<AuthorizationRequest> extractBatchWriteItem25() {
		return this.extractor.extract("BatchWriteItem", this.batchWriteBody);
	}

	/**
	 * @return the decision for an extracted GetItem, including the session lookup
	 */
	@Benchmark
	public Decision evaluateGetItem() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.getItemRequests);
	}

	/**
	 * @return the decision for an extracted Query on the table, including the session lookup
	 */
	@Benchmark
	public Decision evaluateQuery() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.queryRequests);
	}

	/**
	 * @return the decision for an extracted Query on the index, including the session lookup
	 */
	@Benchmark
	public Decision evaluateQueryIndex() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.queryIndexRequests);
	}

	/**
	 * @return the decision for an extracted BatchWriteItem of 25 puts, including the session lookup
	 */
	@Benchmark
	public Decision evaluateBatchWriteItem25() {
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.batchWriteRequests);
	}

}
