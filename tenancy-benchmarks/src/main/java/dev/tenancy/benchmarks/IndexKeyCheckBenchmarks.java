package dev.tenancy.benchmarks;

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
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.iam.request.IndexKeyConfinement;
import dev.tenancy.iam.request.IndexKeyUpdates;
import dev.tenancy.keys.TenantKeyTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What the guard's index-key rule ({@link IndexKeyConfinement}) adds to a single-item write that sets an index key:
 * the guard's work for the marshalled PutItem and UpdateItem bodies of {@link Workload} with the rule off
 * ({@code *CheckOff}: parse, extract, evaluate) and on ({@code *CheckOn}: the same, with the extractor recording the
 * index-key actions of the update expression in an {@link IndexKeyUpdates}, plus the rule on the parsed body),
 * alternating from iteration to iteration in one single-threaded benchmark per request ({@link Alternation}), and the
 * rule alone on a parsed body and its recorded {@link IndexKeyUpdates} ({@code *CheckOnly}). Every request is allowed, which {@link #setUp()} checks. The
 * compared pairs run 4 forks of 128 short measurement iterations (256 pairs), because the difference they measure
 * is a fraction of a microsecond against a budget of 0.5 µs.
 *
 * @author tenancy
 * @since 0.1
 */
@State(Scope.Benchmark)
@Fork(2)
@Threads(1)
@Warmup(iterations = 16, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 20, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IndexKeyCheckBenchmarks {

	private static final TenantId TENANT = Workload.TENANT;

	private final DynamoDbRequestContextExtractor extractor = Workload.extractor();

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	private final TenantSessionPolicies sessions = Workload.sessionPolicies(10_000);

	private final IndexKeyConfinement indexKeys = new IndexKeyConfinement(Workload.keySchema(), Workload.arns(),
			TenantKeyTemplate.defaultTemplate());

	private byte[] putItemBody = new byte[0];

	private byte[] updateItemBody = new byte[0];

	private JsonNode putItemParsed = this.extractor.parse("PutItem", "{}".getBytes());

	private JsonNode updateItemParsed = this.extractor.parse("UpdateItem", "{}".getBytes());

	private IndexKeyUpdates putItemUpdates = new IndexKeyUpdates();

	private IndexKeyUpdates updateItemUpdates = new IndexKeyUpdates();

	/**
	 * Capture the marshalled bodies and check that both writes are allowed, by the policy and by the rule.
	 */
	@Setup
	public void setUp() {
		Map<String, byte[]> bodies = Workload.marshalledBodies(TENANT);
		this.putItemBody = bodies.get("PutItem");
		this.updateItemBody = bodies.get("UpdateItem");
		this.putItemParsed = this.extractor.parse("PutItem", this.putItemBody);
		this.updateItemParsed = this.extractor.parse("UpdateItem", this.updateItemBody);
		for (String operation : new String[] { "PutItem", "UpdateItem" }) {
			JsonNode body = operation.equals("PutItem") ? this.putItemParsed : this.updateItemParsed;
			IndexKeyUpdates updates = operation.equals("PutItem") ? this.putItemUpdates : this.updateItemUpdates;
			Decision decision = this.evaluator.evaluateAll(this.sessions.apply(TENANT),
					this.extractor.extract(operation, body, updates));
			Decision denial = this.indexKeys.check(TENANT, operation, body, updates);
			if (!decision.allowed() || denial != null) {
				throw new IllegalStateException("The index-key benchmark workload must be allowed: "
						+ ((denial != null) ? denial.message() : decision.message()));
			}
			if (!body.toString().contains("gsi1pk")) {
				throw new IllegalStateException("The " + operation + " of the workload must write the index key");
			}
		}
	}

	/**
	 * @return the guard's decision for a PutItem with index keys, without the index-key rule
	 */
	public Decision putItemCheckOff() {
		JsonNode body = this.extractor.parse("PutItem", this.putItemBody);
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.extractor.extract("PutItem", body));
	}

	/**
	 * @return the guard's decision for a PutItem with index keys, with the index-key rule
	 */
	public Decision putItemCheckOn() {
		JsonNode body = this.extractor.parse("PutItem", this.putItemBody);
		IndexKeyUpdates updates = new IndexKeyUpdates();
		Decision decision = this.evaluator.evaluateAll(this.sessions.apply(TENANT),
				this.extractor.extract("PutItem", body, updates));
		Decision denial = decision.allowed() ? this.indexKeys.check(TENANT, "PutItem", body, updates) : null;
		return (denial != null) ? denial : decision;
	}

	/**
	 * @return the index-key rule alone on a parsed PutItem ({@literal null}: allowed)
	 */
	@Benchmark
	public Decision putItemCheckOnly() {
		return this.indexKeys.check(TENANT, "PutItem", this.putItemParsed, this.putItemUpdates);
	}

	/**
	 * @return the guard's decision for an UpdateItem setting index keys, without the index-key rule
	 */
	public Decision updateItemCheckOff() {
		JsonNode body = this.extractor.parse("UpdateItem", this.updateItemBody);
		return this.evaluator.evaluateAll(this.sessions.apply(TENANT), this.extractor.extract("UpdateItem", body));
	}

	/**
	 * @return the guard's decision for an UpdateItem setting index keys, with the index-key rule
	 */
	public Decision updateItemCheckOn() {
		JsonNode body = this.extractor.parse("UpdateItem", this.updateItemBody);
		IndexKeyUpdates updates = new IndexKeyUpdates();
		Decision decision = this.evaluator.evaluateAll(this.sessions.apply(TENANT),
				this.extractor.extract("UpdateItem", body, updates));
		Decision denial = decision.allowed() ? this.indexKeys.check(TENANT, "UpdateItem", body, updates) : null;
		return (denial != null) ? denial : decision;
	}

	/**
	 * @return the index-key rule alone on a parsed UpdateItem ({@literal null}: allowed)
	 */
	@Benchmark
	public Decision updateItemCheckOnly() {
		return this.indexKeys.check(TENANT, "UpdateItem", this.updateItemParsed, this.updateItemUpdates);
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return the guard's decision for a PutItem with index keys, without or with the index-key rule
	 */
	@Benchmark
	@Fork(4)
	@Measurement(iterations = 128, time = 100, timeUnit = TimeUnit.MILLISECONDS)
	public Decision putItem(Alternation alternation) {
		return alternation.candidate() ? putItemCheckOn() : putItemCheckOff();
	}

	/**
	 * @param alternation which variant this iteration measures
	 * @return the guard's decision for an UpdateItem setting index keys, without or with the index-key rule
	 */
	@Benchmark
	@Fork(4)
	@Measurement(iterations = 128, time = 100, timeUnit = TimeUnit.MILLISECONDS)
	public Decision updateItem(Alternation alternation) {
		return alternation.candidate() ? updateItemCheckOn() : updateItemCheckOff();
	}

}
