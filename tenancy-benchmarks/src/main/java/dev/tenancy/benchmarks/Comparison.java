package dev.tenancy.benchmarks;

import java.util.List;

/**
 * A baseline and a candidate compared side by side by one alternating benchmark method (see {@link Alternation}).
 *
 * @param benchmark the benchmark method, as {@code Class.method}
 * @param label what is compared, for the report
 * @param baseline the baseline, in words
 * @param candidate the candidate, in words
 * @author tenancy
 * @since 0.1
 */
record Comparison(String benchmark, String label, String baseline, String candidate) {

	/** The tenant-scoped client against the plain client. */
	static final List<Comparison> CLIENT = List.of(
			new Comparison("ClientBenchmarks.getItem", "GetItem", "plain client", "tenant-scoped client"),
			new Comparison("ClientBenchmarks.query", "Query (table)", "plain client", "tenant-scoped client"),
			new Comparison("ClientBenchmarks.queryIndex", "Query (index)", "plain client", "tenant-scoped client"),
			new Comparison("ClientBenchmarks.batchWriteItem25", "BatchWriteItem (25 puts)", "plain client",
					"tenant-scoped client"));

	/** The tenant-scoped client against the SDK client it wraps, built the same way and used without the wrapper. */
	static final List<Comparison> WRAPPER = List.of(new Comparison("ClientBenchmarks.wrapperGetItem", "GetItem",
			"SDK client with the guard", "tenant-scoped client"));

	/** The repository against a plain enhanced-client table. */
	static final List<Comparison> REPOSITORY = List.of(
			new Comparison("RepositoryBenchmarks.findById", "findById", "plain table", "repository"),
			new Comparison("RepositoryBenchmarks.query", "sort-key query", "plain table", "repository"));

	/** The enhanced-client table over the tenant-scoped client against the same table over the plain client. */
	static final List<Comparison> GUARDED_TABLE = List.of(
			new Comparison("RepositoryBenchmarks.guardedFindById", "findById", "plain table", "guarded table"),
			new Comparison("RepositoryBenchmarks.guardedQuery", "sort-key query", "plain table", "guarded table"));

	/** The guard with the index-key rule against the guard without it. */
	static final List<Comparison> INDEX_KEY_CHECK = List.of(
			new Comparison("IndexKeyCheckBenchmarks.putItem", "PutItem", "rule off", "rule on"),
			new Comparison("IndexKeyCheckBenchmarks.updateItem", "UpdateItem", "rule off", "rule on"));

	/** End to end against the test kit: each isolation mode against no tenancy. */
	static final List<Comparison> END_TO_END = List.of(
			new Comparison("EndToEndBenchmarks.findByIdApplication", "findById (GetItem)", "no tenancy",
					"application mode"),
			new Comparison("EndToEndBenchmarks.findByIdIam", "findById (GetItem)", "no tenancy", "iam mode"),
			new Comparison("EndToEndBenchmarks.queryApplication", "sort-key query (10 items)", "no tenancy",
					"application mode"),
			new Comparison("EndToEndBenchmarks.queryIam", "sort-key query (10 items)", "no tenancy", "iam mode"));

	/** Every comparison. */
	static final List<Comparison> ALL = List.of(CLIENT, WRAPPER, REPOSITORY, GUARDED_TABLE, INDEX_KEY_CHECK, END_TO_END)
		.stream()
		.flatMap(List::stream)
		.toList();

}
