package dev.tenancy.iam.request;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.iam.request.UpdateActions.Placeholder;
import dev.tenancy.iam.request.UpdateActions.UpdateAction;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.TenantKeyTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantId;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * TH-23: the rule that keeps index partition keys inside the writing tenant's key namespace, on request bodies as the
 * SDK marshals them. Each body first passes the extractor (so it is a request the policy evaluation would see), then
 * the rule.
 */
class IndexKeyConfinementTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final ResourceArns ARNS = ResourceArns.of("aws", "us-east-1", "123456789012");

	private static final String TABLE_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/app";

	/** Table {@code app}: GSIs on {@code gsi1pk} and {@code gsi2pk}, an LSI (same partition key as the table). */
	private static final DynamoDbKeySchema SCHEMA = DynamoDbKeySchema.builder()
		.table("app", "pk", "sk")
		.index("app", "byStatus", "gsi1pk", "gsi1sk")
		.index("app", "byOwner", "gsi2pk")
		.index("app", "byDate", "pk", "lsi1sk")
		.table("plain", "pk", "sk")
		.build();

	private static final DynamoDbRequestContextExtractor EXTRACTOR = new DynamoDbRequestContextExtractor(ARNS, SCHEMA);

	private static final IndexKeyConfinement RULE = new IndexKeyConfinement(SCHEMA, ARNS,
			TenantKeyTemplate.defaultTemplate());

	private static final String KEY = "\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},\"sk\":{\"S\":\"PROJECT#1\"}}";

	private static final String FOREIGN = "TENANT#globex#STATUS#OPEN";

	private static final String OWN = "TENANT#acme#STATUS#OPEN";

	static Stream<Arguments> attacks() {
		return Stream.of(
				// PutItem
				arguments("PutItem with globex's index key", "PutItem", put("gsi1pk", s(FOREIGN)), "dynamodb:PutItem",
						"'" + FOREIGN + "', which is outside"),
				arguments("PutItem with a prefix look-alike (acme2)", "PutItem", put("gsi1pk", s("TENANT#acme2#STATUS")),
						"dynamodb:PutItem", "'TENANT#acme2#STATUS', which is outside"),
				arguments("PutItem with a prefix look-alike (acmeX#...)", "PutItem", put("gsi1pk", s("TENANT#acmeX#A")),
						"dynamodb:PutItem", "which is outside"),
				arguments("PutItem with the bare base of another tenant", "PutItem", put("gsi2pk", s("TENANT#acme2")),
						"dynamodb:PutItem", "'gsi2pk', the partition key of index 'byOwner'"),
				arguments("PutItem with a case look-alike", "PutItem", put("gsi1pk", s("TENANT#ACME#A")),
						"dynamodb:PutItem", "which is outside"),
				arguments("PutItem with an empty index key", "PutItem", put("gsi1pk", s("")), "dynamodb:PutItem",
						"which is outside"),
				arguments("PutItem with a number index key", "PutItem", put("gsi1pk", "{\"N\":\"1\"}"),
						"dynamodb:PutItem", "a non-string (N) value"),
				arguments("PutItem with a binary index key", "PutItem", put("gsi1pk", "{\"B\":\"VEVOQU5UI2FjbWU=\"}"),
						"dynamodb:PutItem", "a non-string (B) value"),
				arguments("PutItem with a list index key", "PutItem", put("gsi1pk", "{\"L\":[" + s(OWN) + "]}"),
						"dynamodb:PutItem", "a non-string (L) value"),
				arguments("PutItem with a map index key", "PutItem", put("gsi1pk", "{\"M\":{\"a\":" + s(OWN) + "}}"),
						"dynamodb:PutItem", "a non-string (M) value"),
				arguments("PutItem with a NULL index key", "PutItem", put("gsi1pk", "{\"NULL\":true}"),
						"dynamodb:PutItem", "a non-string (NULL) value"),
				arguments("PutItem on the table's ARN", "PutItem",
						"{\"TableName\":\"" + TABLE_ARN + "\",\"Item\":{\"pk\":" + s("TENANT#acme") + ",\"sk\":"
								+ s("P#1") + ",\"gsi1pk\":" + s(FOREIGN) + "}}",
						"dynamodb:PutItem", "which is outside"),
				// UpdateItem, UpdateExpression
				arguments("UpdateItem SET of globex's index key", "UpdateItem",
						update("SET gsi1pk = :v", null, "\":v\":" + s(FOREIGN)), "dynamodb:UpdateItem",
						"UpdateItem sets 'gsi1pk', the partition key of index 'byStatus' of table 'app', to ':v', '"
								+ FOREIGN + "', which is outside"),
				arguments("UpdateItem SET through a name placeholder, after another action", "UpdateItem",
						update("SET payload = :p, #g = :v", "\"#g\":\"gsi1pk\"",
								"\":p\":" + s("x") + ",\":v\":" + s(FOREIGN)),
						"dynamodb:UpdateItem", "sets 'gsi1pk'"),
				arguments("UpdateItem lower-case set", "UpdateItem", update("set gsi1pk = :v", null, "\":v\":" + s(FOREIGN)),
						"dynamodb:UpdateItem", "which is outside"),
				arguments("UpdateItem SET of a prefix look-alike", "UpdateItem",
						update("SET gsi1pk = :v", null, "\":v\":" + s("TENANT#acme2")), "dynamodb:UpdateItem",
						"'TENANT#acme2', which is outside"),
				arguments("UpdateItem SET of a number", "UpdateItem",
						update("SET gsi1pk = :v", null, "\":v\":{\"N\":\"7\"}"), "dynamodb:UpdateItem",
						"a non-string (N) value"),
				arguments("UpdateItem SET if_not_exists with a foreign default", "UpdateItem",
						update("SET gsi1pk = if_not_exists(gsi1pk, :v)", null, "\":v\":" + s(FOREIGN)),
						"dynamodb:UpdateItem", "if_not_exists(...), one of whose branches is ':v'"),
				arguments("UpdateItem SET if_not_exists of another attribute", "UpdateItem",
						update("SET gsi1pk = if_not_exists(payload, :v)", null, "\":v\":" + s(OWN)),
						"dynamodb:UpdateItem", "a copy of attribute 'payload'"),
				arguments("UpdateItem SET if_not_exists on the table key with a foreign default", "UpdateItem",
						update("SET gsi1pk = if_not_exists(pk, :v)", null, "\":v\":" + s(FOREIGN)),
						"dynamodb:UpdateItem", "which is outside"),
				arguments("UpdateItem SET list_append", "UpdateItem",
						update("SET gsi1pk = list_append(gsi1pk, :l)", null, "\":l\":{\"L\":[]}"),
						"dynamodb:UpdateItem", "the result of list_append(...)"),
				arguments("UpdateItem SET arithmetic +", "UpdateItem",
						update("SET gsi1pk = gsi1pk + :n", null, "\":n\":{\"N\":\"1\"}"), "dynamodb:UpdateItem",
						"the result of '+' (a number)"),
				arguments("UpdateItem SET arithmetic -", "UpdateItem",
						update("SET gsi1pk = :a - :b", null, "\":a\":{\"N\":\"1\"},\":b\":{\"N\":\"1\"}"),
						"dynamodb:UpdateItem", "the result of '-' (a number)"),
				arguments("UpdateItem SET copying another attribute", "UpdateItem",
						update("SET gsi1pk = payload", null, null), "dynamodb:UpdateItem",
						"a copy of attribute 'payload'"),
				arguments("UpdateItem SET copying another index key", "UpdateItem",
						update("SET gsi2pk = #g", "\"#g\":\"gsi1pk\"", null), "dynamodb:UpdateItem",
						"a copy of attribute 'gsi1pk'"),
				arguments("UpdateItem SET of a nested path", "UpdateItem",
						update("SET gsi1pk.x = :v", null, "\":v\":" + s(OWN)), "dynamodb:UpdateItem",
						"sets an element inside 'gsi1pk'"),
				arguments("UpdateItem SET of a list element", "UpdateItem",
						update("SET gsi1pk[0] = :v", null, "\":v\":" + s(OWN)), "dynamodb:UpdateItem",
						"sets an element inside 'gsi1pk'"),
				arguments("UpdateItem ADD", "UpdateItem", update("ADD gsi1pk :n", null, "\":n\":{\"N\":\"1\"}"),
						"dynamodb:UpdateItem", "with ADD"),
				arguments("UpdateItem DELETE", "UpdateItem",
						update("DELETE gsi1pk :s", null, "\":s\":{\"SS\":[\"" + OWN + "\"]}"), "dynamodb:UpdateItem",
						"with DELETE"),
				arguments("UpdateItem SET of an undefined placeholder", "UpdateItem",
						update("SET gsi1pk = :nope", null, "\":v\":" + s(OWN)), "dynamodb:UpdateItem",
						"which ExpressionAttributeValues does not define"),
				arguments("UpdateItem SET with an unknown function", "UpdateItem",
						update("SET gsi1pk = size(:v)", null, "\":v\":" + s(OWN)), "dynamodb:UpdateItem",
						"the result of size(...)"),
				arguments("UpdateItem SET with a grouping DynamoDB does not define", "UpdateItem",
						update("SET gsi1pk = (:v)", null, "\":v\":" + s(OWN)), "dynamodb:UpdateItem",
						"cannot be analysed"),
				arguments("UpdateItem with a plain SET followed by text that is no action", "UpdateItem",
						update("SET gsi1pk = :v b = :w", null, "\":v\":" + s(OWN) + ",\":w\":" + s(OWN)),
						"dynamodb:UpdateItem", "cannot be analysed"),
				arguments("UpdateItem with a REMOVE of an index key in a malformed expression", "UpdateItem",
						update("REMOVE gsi1pk = :v", null, "\":v\":" + s(OWN)), "dynamodb:UpdateItem",
						"cannot be analysed"),
				arguments("UpdateItem with a plain SET followed by a condition keyword", "UpdateItem",
						update("SET gsi1pk = :v AND b = :w", null, "\":v\":" + s(OWN) + ",\":w\":" + s(OWN)),
						"dynamodb:UpdateItem", "cannot be analysed"),
				// UpdateItem, legacy AttributeUpdates
				arguments("UpdateItem AttributeUpdates PUT", "UpdateItem",
						attributeUpdates("{\"Action\":\"PUT\",\"Value\":" + s(FOREIGN) + "}"), "dynamodb:UpdateItem",
						"(AttributeUpdates) sets 'gsi1pk'"),
				arguments("UpdateItem AttributeUpdates without an Action (PUT)", "UpdateItem",
						attributeUpdates("{\"Value\":" + s(FOREIGN) + "}"), "dynamodb:UpdateItem", "which is outside"),
				arguments("UpdateItem AttributeUpdates PUT of a number", "UpdateItem",
						attributeUpdates("{\"Action\":\"PUT\",\"Value\":{\"N\":\"1\"}}"), "dynamodb:UpdateItem",
						"a non-string (N) value"),
				arguments("UpdateItem AttributeUpdates ADD", "UpdateItem",
						attributeUpdates("{\"Action\":\"ADD\",\"Value\":{\"N\":\"1\"}}"), "dynamodb:UpdateItem",
						"with ADD and a Value"),
				arguments("UpdateItem AttributeUpdates DELETE with a Value", "UpdateItem",
						attributeUpdates("{\"Action\":\"DELETE\",\"Value\":{\"SS\":[\"a\"]}}"), "dynamodb:UpdateItem",
						"with DELETE and a Value"),
				// BatchWriteItem and TransactWriteItems
				arguments("BatchWriteItem with one foreign index key among own items", "BatchWriteItem",
						"{\"RequestItems\":{\"app\":[" + putRequest(OWN) + "," + putRequest(FOREIGN)
								+ ",{\"DeleteRequest\":{" + KEY + "}}]}}",
						"dynamodb:BatchWriteItem", "BatchWriteItem PutRequest 2 on table 'app' sets 'gsi1pk'"),
				arguments("TransactWriteItems Put", "TransactWriteItems",
						"{\"TransactItems\":[{\"ConditionCheck\":{\"TableName\":\"app\"," + KEY
								+ ",\"ConditionExpression\":\"attribute_exists(pk)\"}},{\"Put\":"
								+ put("gsi1pk", s(FOREIGN)) + "}]}",
						"dynamodb:PutItem", "TransactWriteItems element 2 sets 'gsi1pk'"),
				arguments("TransactWriteItems Update", "TransactWriteItems",
						"{\"TransactItems\":[{\"Put\":" + put("gsi1pk", s(OWN)) + "},{\"Update\":"
								+ update("SET gsi2pk = :v", null, "\":v\":" + s("TENANT#acme2")) + "}]}",
						"dynamodb:UpdateItem", "TransactWriteItems element 2 sets 'gsi2pk'"));
	}

	@ParameterizedTest(name = "TH-23 refused: {0}")
	@MethodSource("attacks")
	void th23IndexKeyOutsideTheNamespaceIsRefused(String name, String operation, String body, String action,
			String reason) {
		Decision decision = check(operation, body);

		assertThat(decision).as(name).isNotNull();
		assertThat(decision.allowed()).isFalse();
		assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(decision.request().action()).isEqualTo(action);
		assertThat(decision.request().resource()).isEqualTo(TABLE_ARN);
		assertThat(decision.request().operation()).isEqualTo(operation);
		assertThat(decision.message()).contains(reason)
			.contains("IAM's dynamodb:LeadingKeys constrains only the table's partition key");
	}

	static Stream<Arguments> allowed() {
		return Stream.of(
				arguments("PutItem with the tenant's composite index key", "PutItem", put("gsi1pk", s(OWN))),
				arguments("PutItem with the tenant's base key as index key", "PutItem", put("gsi2pk", s("TENANT#acme"))),
				arguments("PutItem without index keys", "PutItem", put("payload", s(FOREIGN))),
				arguments("PutItem with a foreign value in an index sort key", "PutItem", put("gsi1sk", s(FOREIGN))),
				arguments("PutItem with a foreign value in an undeclared index's key", "PutItem",
						put("email", s(FOREIGN))),
				arguments("PutItem with a local index (keyed by the table's partition key)", "PutItem",
						put("lsi1sk", s(FOREIGN))),
				arguments("PutItem on a table without declared indexes", "PutItem",
						"{\"TableName\":\"plain\",\"Item\":{\"pk\":" + s("TENANT#acme") + ",\"gsi1pk\":" + s(FOREIGN)
								+ "}}"),
				arguments("UpdateItem SET of the tenant's key", "UpdateItem",
						update("SET gsi1pk = :v, gsi1sk = :s", null, "\":v\":" + s(OWN) + ",\":s\":" + s(FOREIGN))),
				arguments("UpdateItem SET through a name placeholder", "UpdateItem",
						update("SET #g = :v", "\"#g\":\"gsi2pk\"", "\":v\":" + s("TENANT#acme"))),
				arguments("UpdateItem SET if_not_exists of itself with the tenant's default", "UpdateItem",
						update("SET gsi1pk = if_not_exists(gsi1pk, :v)", null, "\":v\":" + s(OWN))),
				arguments("UpdateItem SET copying the table's partition key", "UpdateItem",
						update("SET gsi2pk = pk", null, null)),
				arguments("UpdateItem SET if_not_exists on the table's partition key", "UpdateItem",
						update("SET gsi2pk = if_not_exists(pk, :v)", null, "\":v\":" + s(OWN))),
				arguments("UpdateItem REMOVE of an index key", "UpdateItem", update("REMOVE gsi1pk, gsi2pk", null, null)),
				arguments("UpdateItem REMOVE with other clauses", "UpdateItem",
						update("SET payload = :p REMOVE #g ADD counter :n", "\"#g\":\"gsi1pk\"",
								"\":p\":" + s(FOREIGN) + ",\":n\":{\"N\":\"1\"}")),
				arguments("UpdateItem computing non-index attributes", "UpdateItem",
						update("SET tags = list_append(if_not_exists(tags, :e), :l), n = n + :one, copy = gsi1pk",
								null, "\":e\":{\"L\":[]},\":l\":{\"L\":[]},\":one\":{\"N\":\"1\"}")),
				arguments("UpdateItem AttributeUpdates PUT of the tenant's key and DELETE without a Value",
						"UpdateItem",
						"{\"TableName\":\"app\"," + KEY + ",\"AttributeUpdates\":{\"gsi1pk\":{\"Action\":\"PUT\","
								+ "\"Value\":" + s(OWN) + "},\"gsi2pk\":{\"Action\":\"DELETE\"},\"n\":{\"Action\":"
								+ "\"ADD\",\"Value\":{\"N\":\"1\"}}}}"),
				arguments("BatchWriteItem of own items and deletes", "BatchWriteItem",
						"{\"RequestItems\":{\"app\":[" + putRequest(OWN) + ",{\"DeleteRequest\":{" + KEY + "}}]}}"),
				arguments("TransactWriteItems of own writes", "TransactWriteItems",
						"{\"TransactItems\":[{\"Put\":" + put("gsi1pk", s(OWN)) + "},{\"Update\":"
								+ update("SET gsi2pk = :v", null, "\":v\":" + s("TENANT#acme#x")) + "},{\"Delete\":"
								+ "{\"TableName\":\"app\"," + KEY + "}}]}"),
				arguments("GetItem", "GetItem", "{\"TableName\":\"app\"," + KEY + "}"),
				arguments("Query on the index", "Query",
						"{\"TableName\":\"app\",\"IndexName\":\"byStatus\",\"KeyConditionExpression\":\"gsi1pk = :v\","
								+ "\"ExpressionAttributeValues\":{\":v\":" + s(OWN) + "}}"));
	}

	@ParameterizedTest(name = "TH-23 allowed: {0}")
	@MethodSource("allowed")
	void th23WritesInsideTheNamespaceAreAllowed(String name, String operation, String body) {
		assertThat(check(operation, body)).as(name).isNull();
	}

	@Test
	@DisplayName("TH-23 the denial names the attribute, the index, the table, the value and the tenant's namespace")
	void th23DenialNamesEverything() {
		Decision decision = check("UpdateItem", update("SET gsi1pk = :v", null, "\":v\":" + s(FOREIGN)));

		assertThat(decision.message()).startsWith("UpdateItem sets 'gsi1pk', the partition key of index 'byStatus' of "
				+ "table 'app', to ':v', 'TENANT#globex#STATUS#OPEN', which is outside the tenant's key namespace "
				+ "('TENANT#acme' or 'TENANT#acme#...'). A write may set an index partition key only to the tenant's "
				+ "own base key or one of its composite keys");
	}

	@Test
	@DisplayName("TH-23 the namespace follows the configured tenant key template")
	void th23NamespaceFollowsTheTemplate() {
		IndexKeyConfinement rule = new IndexKeyConfinement(SCHEMA, ARNS, TenantKeyTemplate.of("ORG|{tenant}"));

		assertThat(rule.check(ACME, "PutItem", parse("PutItem", put("gsi1pk", s("ORG|acme#STATUS#OPEN"))))).isNull();
		assertThat(rule.check(ACME, "PutItem", parse("PutItem", put("gsi2pk", s("ORG|acme"))))).isNull();
		assertThat(rule.check(ACME, "PutItem", parse("PutItem", put("gsi1pk", s(OWN))))).isNotNull()
			.satisfies((denied) -> assertThat(denied.message()).contains("('ORG|acme' or 'ORG|acme#...')"));
	}

	@Test
	@DisplayName("TH-23 the rule sees the body the policy evaluation saw: one parser, duplicate properties refused")
	void th23TheRuleAndTheEvaluationShareOneParse() {
		String body = update("SET gsi1pk = :v", null, "\":v\":" + s(OWN));
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

		assertThat(EXTRACTOR.extract("UpdateItem", EXTRACTOR.parse("UpdateItem", bytes)))
			.isEqualTo(EXTRACTOR.extract("UpdateItem", bytes));
		String duplicate = body.substring(0, body.length() - 1) + ",\"TableName\":\"other\"}";
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EXTRACTOR.parse("UpdateItem", duplicate.getBytes(StandardCharsets.UTF_8)))
			.withMessageContaining("not valid JSON");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EXTRACTOR.extract("UpdateItem", EXTRACTOR.parse("UpdateItem", new byte[0])))
			.withMessageContaining("not a JSON object");
	}

	@Test
	@DisplayName("TH-23 the extractor hands the plain index-key SETs of each update expression to the rule")
	void th23TheExtractorRecordsTheIndexKeyActionsOfEachUpdate() {
		String body = "{\"TransactItems\":[{\"Update\":" + update("SET #g = :v, gsi1sk = :s", "\"#g\":\"gsi1pk\"",
				"\":v\":" + s(OWN) + ",\":s\":" + s(OWN)) + "},{\"Update\":"
				+ update("REMOVE gsi2pk SET payload = :p", null, "\":p\":" + s(OWN)) + "}]}";
		JsonNode parsed = parse("TransactWriteItems", body);
		IndexKeyUpdates updates = new IndexKeyUpdates();

		EXTRACTOR.extract("TransactWriteItems", parsed, updates);

		JsonNode first = parsed.get("TransactItems").get(0).get("Update");
		JsonNode second = parsed.get("TransactItems").get(1).get("Update");
		assertThat(updates.actions(first, first.get("UpdateExpression").stringValue(),
				first.get("ExpressionAttributeNames")))
			.containsExactly(new UpdateAction("SET", "gsi1pk", false, new Placeholder(":v")));
		assertThat(updates.actions(second, second.get("UpdateExpression").stringValue(), null))
			.as("a REMOVE of an index key is left to the rule's own parse").isNull();
		assertThat(RULE.check(ACME, "TransactWriteItems", parsed, updates)).isNull();
	}

	@Test
	@DisplayName("TH-23 what the extractor recorded for one body is not taken for another")
	void th23ARecordAppliesOnlyToTheBodyItWasMadeFor() {
		IndexKeyUpdates updates = new IndexKeyUpdates();
		EXTRACTOR.extract("UpdateItem", parse("UpdateItem", update("SET gsi1pk = :v", null, "\":v\":" + s(OWN))),
				updates);

		JsonNode foreign = parse("UpdateItem", update("SET gsi1pk = :v", null, "\":v\":" + s(FOREIGN)));
		assertThat(RULE.check(ACME, "UpdateItem", foreign, updates)).isNotNull();
		JsonNode computed = parse("UpdateItem", update("SET gsi1pk = gsi1pk + :v", null, "\":v\":{\"N\":\"1\"}"));
		assertThat(RULE.check(ACME, "UpdateItem", computed, updates)).isNotNull();
	}

	@Test
	void aSchemaWithoutIndexesChecksNothing() {
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder().table("app", "pk", "sk").build();
		IndexKeyConfinement rule = new IndexKeyConfinement(schema, ARNS, TenantKeyTemplate.defaultTemplate());

		assertThat(rule.check(ACME, "PutItem", parse("PutItem", put("gsi1pk", s(FOREIGN))))).isNull();
	}

	/**
	 * The rule as the guard runs it, on the index-key actions the extractor recorded, after checking that it decides
	 * exactly as the rule parsing the update expressions itself.
	 */
	private static Decision check(String operation, String body) {
		JsonNode parsed = parse(operation, body);
		IndexKeyUpdates updates = new IndexKeyUpdates();
		assertThat(EXTRACTOR.extract(operation, parsed, updates)).isEqualTo(EXTRACTOR.extract(operation, parsed));
		Decision decision = RULE.check(ACME, operation, parsed, updates);
		assertThat(decision).isEqualTo(RULE.check(ACME, operation, parsed));
		return decision;
	}

	private static JsonNode parse(String operation, String body) {
		JsonNode parsed = EXTRACTOR.parse(operation, body.getBytes(StandardCharsets.UTF_8));
		// The guard checks index keys only after the extractor accepted the request and the policy allowed it
		assertThat(EXTRACTOR.extract(operation, parsed)).isNotEmpty();
		return parsed;
	}

	private static String s(String value) {
		return "{\"S\":\"" + value + "\"}";
	}

	private static String put(String attribute, String value) {
		return "{\"TableName\":\"app\",\"Item\":{\"pk\":" + s("TENANT#acme") + ",\"sk\":" + s("PROJECT#1") + ",\""
				+ attribute + "\":" + value + "}}";
	}

	private static String putRequest(String indexKey) {
		return "{\"PutRequest\":{\"Item\":{\"pk\":" + s("TENANT#acme") + ",\"sk\":" + s("PROJECT#" + indexKey.length())
				+ ",\"gsi1pk\":" + s(indexKey) + "}}}";
	}

	private static String update(String expression, String names, String values) {
		return "{\"TableName\":\"app\"," + KEY + ",\"UpdateExpression\":\"" + expression + "\""
				+ ((names != null) ? ",\"ExpressionAttributeNames\":{" + names + "}" : "")
				+ ((values != null) ? ",\"ExpressionAttributeValues\":{" + values + "}" : "") + "}";
	}

	private static String attributeUpdates(String gsi1pkUpdate) {
		return "{\"TableName\":\"app\"," + KEY + ",\"AttributeUpdates\":{\"gsi1pk\":" + gsi1pkUpdate + "}}";
	}

}
