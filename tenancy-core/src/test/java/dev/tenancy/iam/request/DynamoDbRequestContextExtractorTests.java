package dev.tenancy.iam.request;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.tenancy.iam.evaluation.AuthorizationRequest.ATTRIBUTES;
import static dev.tenancy.iam.evaluation.AuthorizationRequest.ENCLOSING_OPERATION;
import static dev.tenancy.iam.evaluation.AuthorizationRequest.FULL_TABLE_SCAN;
import static dev.tenancy.iam.evaluation.AuthorizationRequest.LEADING_KEYS;
import static dev.tenancy.iam.evaluation.AuthorizationRequest.RETURN_CONSUMED_CAPACITY;
import static dev.tenancy.iam.evaluation.AuthorizationRequest.RETURN_VALUES;
import static dev.tenancy.iam.evaluation.AuthorizationRequest.SELECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link DynamoDbRequestContextExtractor}: every operation of docs/IAM.md §2 with bodies shaped as the AWS SDK
 * marshals them, asserting action, resource and the complete condition-key context (defaults and absences included).
 *
 * @author tenancy
 */
class DynamoDbRequestContextExtractorTests {

	static final String PREFIX = "arn:aws:dynamodb:eu-central-1:123456789012:table/";

	static final String PROJECTS = PREFIX + "Projects";

	static final String TASKS = PREFIX + "Tasks";

	static final String GSI1 = PROJECTS + "/index/GSI1";

	static final DynamoDbKeySchema SCHEMA = DynamoDbKeySchema.builder()
		.table("Projects", "pk", "sk")
		.index("Projects", "GSI1", "gsi1pk", "gsi1sk")
		.index("Projects", "LSI1", "pk", "lsi1sk")
		.table("Tasks", "tenantKey", "taskId")
		.table("Counters", "id")
		.build();

	final DynamoDbRequestContextExtractor extractor = new DynamoDbRequestContextExtractor(
			ResourceArns.of("aws", "eu-central-1", "123456789012"), SCHEMA);

	List<AuthorizationRequest> extract(String operation, String json) {
		List<AuthorizationRequest> fromString = this.extractor.extract(operation, json);
		List<AuthorizationRequest> fromBytes = this.extractor.extract(operation, json.getBytes(StandardCharsets.UTF_8));
		assertThat(fromBytes).isEqualTo(fromString);
		return fromString;
	}

	AuthorizationRequest single(String operation, String json) {
		List<AuthorizationRequest> requests = extract(operation, json);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	/** JSON with single quotes for readability. */
	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	static void assertRequest(AuthorizationRequest request, String action, String resource, String operation,
			Map<String, List<String>> context) {
		assertThat(request.action()).isEqualTo(action);
		assertThat(request.resource()).isEqualTo(resource);
		assertThat(request.operation()).isEqualTo(operation);
		assertThat(request.context()).isEqualTo(context);
	}

	@Nested
	class GetItem {

		@Test
		void keyGivesLeadingKeysKeyAttributesAndDefaultSelect() {
			AuthorizationRequest request = single("GetItem", """
					{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}}}""");
			assertRequest(request, "dynamodb:GetItem", PROJECTS, "GetItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("pk", "sk"), SELECT,
							List.of("ALL_ATTRIBUTES")));
			assertThat(request.values(RETURN_VALUES)).isNull();
			assertThat(request.values(ENCLOSING_OPERATION)).isNull();
		}

		@Test
		void projectionExpressionGivesTopLevelNamesAndSpecificAttributes() {
			AuthorizationRequest request = single("GetItem", """
					{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					 "ProjectionExpression":"#n, address.city, #t[0].label, address.zip, sk",
					 "ExpressionAttributeNames":{"#n":"name","#t":"tags"},
					 "ConsistentRead":true,"ReturnConsumedCapacity":"TOTAL"}""");
			assertRequest(request, "dynamodb:GetItem", PROJECTS, "GetItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES,
							List.of("pk", "sk", "name", "address", "tags"), SELECT, List.of("SPECIFIC_ATTRIBUTES"),
							RETURN_CONSUMED_CAPACITY, List.of("TOTAL")));
		}

		@Test
		void legacyAttributesToGetIsAProjection() {
			AuthorizationRequest request = single("GetItem", """
					{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					 "AttributesToGet":["name","status"]}""");
			assertThat(request.context()).containsOnly(entry(LEADING_KEYS, List.of("TENANT#acme")),
					entry(ATTRIBUTES, List.of("pk", "sk", "name", "status")),
					entry(SELECT, List.of("SPECIFIC_ATTRIBUTES")));
		}

		@Test
		@DisplayName("A table missing from the key schema has no LeadingKeys (the policies' Null guard denies)")
		void tableMissingFromSchemaHasNoLeadingKeys() {
			AuthorizationRequest request = single("GetItem", """
					{"TableName":"Unknown","Key":{"pk":{"S":"TENANT#acme"}}}""");
			assertRequest(request, "dynamodb:GetItem", PREFIX + "Unknown", "GetItem",
					Map.of(ATTRIBUTES, List.of("pk"), SELECT, List.of("ALL_ATTRIBUTES")));
		}

		@Test
		@DisplayName("Number and binary partition keys contribute their text (rendering UNCONFIRMED)")
		void numberAndBinaryKeys() {
			assertThat(single("GetItem", """
					{"TableName":"Counters","Key":{"id":{"N":"42.50"}}}""").values(LEADING_KEYS))
				.containsExactly("42.50");
			assertThat(single("GetItem", """
					{"TableName":"Counters","Key":{"id":{"B":"dGVuYW50"}}}""").values(LEADING_KEYS))
				.containsExactly("dGVuYW50");
		}

		@Test
		void tableArnAsTableName() {
			AuthorizationRequest request = single("GetItem", """
					{"TableName":"arn:aws:dynamodb:eu-central-1:123456789012:table/Projects",
					 "Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}}}""");
			assertThat(request.resource()).isEqualTo(PROJECTS);
			assertThat(request.values(LEADING_KEYS)).containsExactly("TENANT#acme");

			AuthorizationRequest foreign = single("GetItem", """
					{"TableName":"arn:aws:dynamodb:us-east-1:999999999999:table/Projects",
					 "Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}}}""");
			assertThat(foreign.resource()).isEqualTo("arn:aws:dynamodb:us-east-1:999999999999:table/Projects");
			assertThat(foreign.values(LEADING_KEYS)).isNull();
		}

	}

	@Nested
	class PutItem {

		@Test
		void itemNamesLeadingKeyAndDefaultReturnValues() {
			AuthorizationRequest request = single("PutItem", """
					{"TableName":"Projects","Item":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"},
					 "name":{"S":"Apollo"},"tags":{"SS":["a","b"]},"meta":{"M":{"owner":{"S":"x"}}}},
					 "ConditionExpression":"attribute_not_exists(#pk)","ExpressionAttributeNames":{"#pk":"pk"}}""");
			assertRequest(request, "dynamodb:PutItem", PROJECTS, "PutItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES,
							List.of("pk", "sk", "name", "tags", "meta"), RETURN_VALUES, List.of("NONE")));
		}

		@Test
		void explicitReturnValuesLegacyExpectedAndConsumedCapacity() {
			AuthorizationRequest request = single("PutItem", """
					{"TableName":"Projects","Item":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					 "Expected":{"version":{"Value":{"N":"3"}}},"ReturnValues":"ALL_OLD",
					 "ReturnConsumedCapacity":"INDEXES"}""");
			assertThat(request.context()).containsOnly(entry(LEADING_KEYS, List.of("TENANT#acme")),
					entry(ATTRIBUTES, List.of("pk", "sk", "version")), entry(RETURN_VALUES, List.of("ALL_OLD")),
					entry(RETURN_CONSUMED_CAPACITY, List.of("INDEXES")));
		}

		@ParameterizedTest(name = "ReturnValues {0} + ReturnValuesOnConditionCheckFailure {1} -> {2}")
		@CsvSource(nullValues = "-", value = { "-, ALL_OLD, ALL_OLD", "NONE, ALL_OLD, ALL_OLD",
				"UPDATED_NEW, ALL_OLD, ALL_OLD", "ALL_NEW, ALL_OLD, ALL_NEW", "-, NONE, NONE",
				"ALL_OLD, NONE, ALL_OLD" })
		@DisplayName("ReturnValuesOnConditionCheckFailure ALL_OLD is reflected conservatively (UNCONFIRMED, R23)")
		void returnValuesOnConditionCheckFailure(String returnValues, String onFailure, String expected) {
			String json = """
					{"TableName":"Projects","Item":{"pk":{"S":"TENANT#acme"},"sk":{"S":"P"}},%s
					 "ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"%s"}"""
				.formatted((returnValues != null) ? "\"ReturnValues\":\"" + returnValues + "\"," : "", onFailure);
			assertThat(single("PutItem", json).values(RETURN_VALUES)).containsExactly(expected);
		}

	}

	@Nested
	class UpdateItem {

		@Test
		void updateAndConditionExpressionNames() {
			AuthorizationRequest request = single("UpdateItem", """
					{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					 "UpdateExpression":"SET #s = :s, updatedAt = :u, visits = visits + :one, #h = list_append(#h, :h), \
					info.owner = if_not_exists(info.owner, :o) REMOVE #tmp, old[1] ADD counter :one DELETE labels :l",
					 "ConditionExpression":"attribute_exists(pk) AND (#v = :v OR size(#h) < :max)",
					 "ExpressionAttributeNames":{"#s":"status","#h":"history","#tmp":"temp","#v":"version"},
					 "ExpressionAttributeValues":{":s":{"S":"OPEN"},":u":{"S":"now"},":one":{"N":"1"},
					   ":h":{"L":[]},":o":{"S":"x"},":l":{"SS":["a"]},":v":{"N":"2"},":max":{"N":"9"}}}""");
			assertRequest(request, "dynamodb:UpdateItem", PROJECTS, "UpdateItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES,
							List.of("pk", "sk", "status", "updatedAt", "visits", "history", "info", "temp", "old",
									"counter", "labels", "version"),
							RETURN_VALUES, List.of("NONE")));
		}

		@Test
		void legacyAttributeUpdatesAndExplicitReturnValues() {
			AuthorizationRequest request = single("UpdateItem", """
					{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					 "AttributeUpdates":{"status":{"Action":"PUT","Value":{"S":"OPEN"}}},
					 "ReturnValues":"UPDATED_NEW"}""");
			assertThat(request.context()).containsOnly(entry(LEADING_KEYS, List.of("TENANT#acme")),
					entry(ATTRIBUTES, List.of("pk", "sk", "status")), entry(RETURN_VALUES, List.of("UPDATED_NEW")));
		}

	}

	@Nested
	class DeleteItem {

		@Test
		void keyConditionAndDefaultReturnValues() {
			AuthorizationRequest request = single("DeleteItem", """
					{"TableName":"Tasks","Key":{"tenantKey":{"S":"TENANT#acme"},"taskId":{"S":"T#7"}},
					 "ConditionExpression":"#d = :d","ExpressionAttributeNames":{"#d":"done"},
					 "ExpressionAttributeValues":{":d":{"BOOL":true}}}""");
			assertRequest(request, "dynamodb:DeleteItem", TASKS, "DeleteItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("tenantKey", "taskId", "done"),
							RETURN_VALUES, List.of("NONE")));
		}

		@Test
		void explicitAllOld() {
			assertThat(single("DeleteItem", """
					{"TableName":"Tasks","Key":{"tenantKey":{"S":"TENANT#acme"},"taskId":{"S":"T#7"}},
					 "ReturnValues":"ALL_OLD"}""").values(RETURN_VALUES)).containsExactly("ALL_OLD");
		}

	}

	@Nested
	class Query {

		@Test
		void tableQueryResolvesPlaceholders() {
			AuthorizationRequest request = single("Query", """
					{"TableName":"Projects",
					 "KeyConditionExpression":"#AMZN_MAPPED_pk = :AMZN_MAPPED_pk AND begins_with(#AMZN_MAPPED_sk, :p)",
					 "ExpressionAttributeNames":{"#AMZN_MAPPED_pk":"pk","#AMZN_MAPPED_sk":"sk"},
					 "ExpressionAttributeValues":{":AMZN_MAPPED_pk":{"S":"TENANT#acme"},":p":{"S":"PROJECT#"}}}""");
			assertRequest(request, "dynamodb:Query", PROJECTS, "Query", Map.of(LEADING_KEYS, List.of("TENANT#acme"),
					ATTRIBUTES, List.of("pk", "sk"), SELECT, List.of("ALL_ATTRIBUTES")));
		}

		@ParameterizedTest(name = "{0}")
		@ValueSource(strings = { "pk = :pk", "#pk = :pk", "#pk=:pk", ":pk = pk", "(#pk = :pk) AND (sk >= :s)",
				"  pk  =  :pk  and sk = :s", "sk = :s AND #pk = :pk", "#pk = :pk AND sk BETWEEN :a AND :b",
				"#pk = :pk AND begins_with ( sk , :s )" })
		@DisplayName("The partition-key equality is found in every key-condition form")
		void keyConditionForms(String keyCondition) {
			AuthorizationRequest request = single("Query", """
					{"TableName":"Projects","KeyConditionExpression":"%s","ExpressionAttributeNames":{"#pk":"pk"},
					 "ExpressionAttributeValues":{":pk":{"S":"TENANT#acme"},":s":{"S":"S"},":a":{"S":"A"},
					 ":b":{"S":"B"}}}""".formatted(keyCondition));
			assertThat(request.values(LEADING_KEYS)).containsExactly("TENANT#acme");
			assertThat(request.values(ATTRIBUTES)).containsExactlyInAnyOrder(
					keyCondition.contains("sk") ? new String[] { "pk", "sk" } : new String[] { "pk" });
		}

		// TH-3
		@Test
		@DisplayName("A Query on a GSI is authorized on the index ARN with the index partition key (TH-3)")
		void indexQuery() {
			AuthorizationRequest request = single("Query", """
					{"TableName":"Projects","IndexName":"GSI1",
					 "KeyConditionExpression":"gsi1pk = :v AND gsi1sk BETWEEN :a AND :b",
					 "ExpressionAttributeValues":{":v":{"S":"TENANT#acme#STATUS#OPEN"},":a":{"S":"A"},":b":{"S":"B"}},
					 "Limit":10,"ScanIndexForward":false}""");
			assertRequest(request, "dynamodb:Query", GSI1, "Query",
					Map.of(LEADING_KEYS, List.of("TENANT#acme#STATUS#OPEN"), ATTRIBUTES, List.of("gsi1pk", "gsi1sk"),
							SELECT, List.of("ALL_PROJECTED_ATTRIBUTES")));
		}

		@Test
		void localSecondaryIndexSharesTheTablePartitionKey() {
			AuthorizationRequest request = single("Query", """
					{"TableName":"Projects","IndexName":"LSI1","KeyConditionExpression":"pk = :v",
					 "ExpressionAttributeValues":{":v":{"S":"TENANT#acme"}},"Select":"ALL_ATTRIBUTES"}""");
			assertRequest(request, "dynamodb:Query", PROJECTS + "/index/LSI1", "Query",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("pk"), SELECT,
							List.of("ALL_ATTRIBUTES")));
		}

		@Test
		void filterProjectionExplicitSelectAndConsumedCapacity() {
			AuthorizationRequest projected = single("Query", """
					{"TableName":"Projects","KeyConditionExpression":"pk = :v",
					 "FilterExpression":"#s = :open AND contains(labels, :l)","ProjectionExpression":"#n",
					 "ExpressionAttributeNames":{"#s":"status","#n":"name"},
					 "ExpressionAttributeValues":{":v":{"S":"TENANT#acme"},":open":{"S":"OPEN"},":l":{"S":"x"}},
					 "ReturnConsumedCapacity":"TOTAL"}""");
			assertThat(projected.context()).containsOnly(entry(LEADING_KEYS, List.of("TENANT#acme")),
					entry(ATTRIBUTES, List.of("pk", "status", "labels", "name")),
					entry(SELECT, List.of("SPECIFIC_ATTRIBUTES")), entry(RETURN_CONSUMED_CAPACITY, List.of("TOTAL")));

			AuthorizationRequest count = single("Query", """
					{"TableName":"Projects","KeyConditionExpression":"pk = :v","Select":"COUNT",
					 "ExpressionAttributeValues":{":v":{"S":"TENANT#acme"}}}""");
			assertThat(count.values(SELECT)).containsExactly("COUNT");
		}

		@Test
		void legacyKeyConditionsAndQueryFilter() {
			AuthorizationRequest request = single("Query", """
					{"TableName":"Projects",
					 "KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"TENANT#acme"}]},
					   "sk":{"ComparisonOperator":"BEGINS_WITH","AttributeValueList":[{"S":"PROJECT#"}]}},
					 "QueryFilter":{"status":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"OPEN"}]}},
					 "AttributesToGet":["name"]}""");
			assertRequest(request, "dynamodb:Query", PROJECTS, "Query", Map.of(LEADING_KEYS, List.of("TENANT#acme"),
					ATTRIBUTES, List.of("pk", "sk", "status", "name"), SELECT, List.of("SPECIFIC_ATTRIBUTES")));
		}

		@Test
		@DisplayName("Without a partition-key equality, or on an undeclared index, LeadingKeys is absent")
		void noPartitionKeyEquality() {
			AuthorizationRequest sortKeyOnly = single("Query", """
					{"TableName":"Projects","KeyConditionExpression":"sk = :v AND begins_with(pk, :p)",
					 "ExpressionAttributeValues":{":v":{"S":"x"},":p":{"S":"TENANT#"}}}""");
			assertThat(sortKeyOnly.values(LEADING_KEYS)).isNull();
			assertThat(sortKeyOnly.values(ATTRIBUTES)).containsExactly("sk", "pk");

			AuthorizationRequest undeclaredIndex = single("Query", """
					{"TableName":"Projects","IndexName":"ByOwner","KeyConditionExpression":"owner = :o",
					 "ExpressionAttributeValues":{":o":{"S":"TENANT#acme"}}}""");
			assertRequest(undeclaredIndex, "dynamodb:Query", PROJECTS + "/index/ByOwner", "Query",
					Map.of(ATTRIBUTES, List.of("owner"), SELECT, List.of("ALL_PROJECTED_ATTRIBUTES")));
		}

		@Test
		@DisplayName("Nested paths of the partition key are not a partition-key equality")
		void nestedPathIsNotAnEquality() {
			AuthorizationRequest request = single("Query", """
					{"TableName":"Projects","KeyConditionExpression":"pk.x = :v AND pk[0] = :v",
					 "ExpressionAttributeValues":{":v":{"S":"TENANT#acme"}}}""");
			assertThat(request.values(LEADING_KEYS)).isNull();
		}

	}

	@Nested
	class Scan {

		// TH-4
		@Test
		@DisplayName("Scan never has LeadingKeys (TH-4)")
		void scanHasNoLeadingKeys() {
			AuthorizationRequest request = single("Scan", """
					{"TableName":"Projects","FilterExpression":"pk = :v","ExpressionAttributeValues":{":v":{"S":"TENANT#acme"}},
					 "Segment":0,"TotalSegments":4}""");
			assertRequest(request, "dynamodb:Scan", PROJECTS, "Scan",
					Map.of(ATTRIBUTES, List.of("pk"), SELECT, List.of("ALL_ATTRIBUTES")));
		}

		@Test
		void scanOnIndexWithoutFilter() {
			AuthorizationRequest request = single("Scan", """
					{"TableName":"Projects","IndexName":"GSI1"}""");
			assertRequest(request, "dynamodb:Scan", GSI1, "Scan", Map.of(SELECT, List.of("ALL_PROJECTED_ATTRIBUTES")));
		}

		@Test
		void legacyScanFilterAndProjection() {
			AuthorizationRequest request = single("Scan", """
					{"TableName":"Projects","ScanFilter":{"status":{"ComparisonOperator":"NOT_NULL"}},
					 "ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":"name"},
					 "ReturnConsumedCapacity":"NONE"}""");
			assertThat(request.context()).containsOnly(entry(ATTRIBUTES, List.of("status", "name")),
					entry(SELECT, List.of("SPECIFIC_ATTRIBUTES")), entry(RETURN_CONSUMED_CAPACITY, List.of("NONE")));
		}

	}

	@Nested
	class Batches {

		// TH-1, TH-2
		@Test
		@DisplayName("BatchGetItem is one dynamodb:BatchGetItem per table with the distinct keys (TH-1, TH-2)")
		void batchGetItemPerTable() {
			List<AuthorizationRequest> requests = extract("BatchGetItem", """
					{"RequestItems":{
					  "Projects":{"Keys":[{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					                      {"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#2"}},
					                      {"pk":{"S":"TENANT#globex"},"sk":{"S":"PROJECT#1"}}],
					              "ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":"name"},
					              "ConsistentRead":true},
					  "Tasks":{"Keys":[{"tenantKey":{"S":"TENANT#acme"},"taskId":{"S":"T#1"}}]}},
					 "ReturnConsumedCapacity":"TOTAL"}""");
			assertThat(requests).hasSize(2);
			assertRequest(requests.get(0), "dynamodb:BatchGetItem", PROJECTS, "BatchGetItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme", "TENANT#globex"), ATTRIBUTES,
							List.of("pk", "sk", "name"), SELECT, List.of("SPECIFIC_ATTRIBUTES"),
							RETURN_CONSUMED_CAPACITY, List.of("TOTAL")));
			assertRequest(requests.get(1), "dynamodb:BatchGetItem", TASKS, "BatchGetItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("tenantKey", "taskId"), SELECT,
							List.of("ALL_ATTRIBUTES"), RETURN_CONSUMED_CAPACITY, List.of("TOTAL")));
		}

		// TH-2
		@Test
		@DisplayName("BatchWriteItem is one request per table with the pks of put items and delete keys (TH-2)")
		void batchWriteItemPerTable() {
			List<AuthorizationRequest> requests = extract("BatchWriteItem", """
					{"RequestItems":{
					  "Projects":[{"PutRequest":{"Item":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"},
					                                    "name":{"S":"Apollo"}}}},
					              {"DeleteRequest":{"Key":{"pk":{"S":"TENANT#globex"},"sk":{"S":"PROJECT#9"}}}},
					              {"PutRequest":{"Item":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#2"},
					                                    "status":{"S":"OPEN"}}}}],
					  "Tasks":[{"DeleteRequest":{"Key":{"tenantKey":{"S":"TENANT#acme"},"taskId":{"S":"T#1"}}}}]}}""");
			assertThat(requests).hasSize(2);
			assertRequest(requests.get(0), "dynamodb:BatchWriteItem", PROJECTS, "BatchWriteItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme", "TENANT#globex"), ATTRIBUTES,
							List.of("pk", "sk", "name", "status")));
			assertRequest(requests.get(1), "dynamodb:BatchWriteItem", TASKS, "BatchWriteItem",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("tenantKey", "taskId")));
		}

	}

	@Nested
	class Transactions {

		// TH-1
		@Test
		@DisplayName("TransactGetItems is dynamodb:GetItem per item with EnclosingOperation (TH-1)")
		void transactGetItems() {
			List<AuthorizationRequest> requests = extract("TransactGetItems", """
					{"TransactItems":[
					  {"Get":{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"}},
					          "ProjectionExpression":"#n","ExpressionAttributeNames":{"#n":"name"}}},
					  {"Get":{"TableName":"Tasks","Key":{"tenantKey":{"S":"TENANT#globex"},"taskId":{"S":"T#1"}}}}],
					 "ReturnConsumedCapacity":"TOTAL"}""");
			assertThat(requests).hasSize(2);
			assertRequest(requests.get(0), "dynamodb:GetItem", PROJECTS, "TransactGetItems",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("pk", "sk", "name"), SELECT,
							List.of("SPECIFIC_ATTRIBUTES"), RETURN_CONSUMED_CAPACITY, List.of("TOTAL"),
							ENCLOSING_OPERATION, List.of("TransactGetItems")));
			assertRequest(requests.get(1), "dynamodb:GetItem", TASKS, "TransactGetItems",
					Map.of(LEADING_KEYS, List.of("TENANT#globex"), ATTRIBUTES, List.of("tenantKey", "taskId"), SELECT,
							List.of("ALL_ATTRIBUTES"), RETURN_CONSUMED_CAPACITY, List.of("TOTAL"),
							ENCLOSING_OPERATION, List.of("TransactGetItems")));
		}

		// TH-1
		@Test
		@DisplayName("TransactWriteItems is one request per element, ConditionCheckItem included (TH-1, R25)")
		void transactWriteItems() {
			List<AuthorizationRequest> requests = extract("TransactWriteItems", """
					{"TransactItems":[
					  {"Put":{"TableName":"Projects","Item":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#1"},
					          "name":{"S":"Apollo"}},"ConditionExpression":"attribute_not_exists(pk)"}},
					  {"Update":{"TableName":"Projects","Key":{"pk":{"S":"TENANT#acme"},"sk":{"S":"PROJECT#2"}},
					          "UpdateExpression":"SET #s = :s","ExpressionAttributeNames":{"#s":"status"},
					          "ExpressionAttributeValues":{":s":{"S":"DONE"}},
					          "ReturnValuesOnConditionCheckFailure":"NONE"}},
					  {"Delete":{"TableName":"Tasks","Key":{"tenantKey":{"S":"TENANT#acme"},"taskId":{"S":"T#1"}}}},
					  {"ConditionCheck":{"TableName":"Projects","Key":{"pk":{"S":"TENANT#globex"},"sk":{"S":"X"}},
					          "ConditionExpression":"attribute_exists(#o)","ExpressionAttributeNames":{"#o":"owner"},
					          "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}}],
					 "ClientRequestToken":"abc","ReturnConsumedCapacity":"TOTAL"}""");
			assertThat(requests).hasSize(4);
			Map<String, List<String>> common = Map.of(RETURN_CONSUMED_CAPACITY, List.of("TOTAL"), ENCLOSING_OPERATION,
					List.of("TransactWriteItems"));
			assertRequest(requests.get(0), "dynamodb:PutItem", PROJECTS, "TransactWriteItems",
					with(common, LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("pk", "sk", "name"),
							RETURN_VALUES, List.of("NONE")));
			assertRequest(requests.get(1), "dynamodb:UpdateItem", PROJECTS, "TransactWriteItems",
					with(common, LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("pk", "sk", "status"),
							RETURN_VALUES, List.of("NONE")));
			assertRequest(requests.get(2), "dynamodb:DeleteItem", TASKS, "TransactWriteItems",
					with(common, LEADING_KEYS, List.of("TENANT#acme"), ATTRIBUTES, List.of("tenantKey", "taskId"),
							RETURN_VALUES, List.of("NONE")));
			assertRequest(requests.get(3), "dynamodb:ConditionCheckItem", PROJECTS, "TransactWriteItems",
					with(common, LEADING_KEYS, List.of("TENANT#globex"), ATTRIBUTES, List.of("pk", "sk", "owner"),
							RETURN_VALUES, List.of("ALL_OLD")));
		}

		static Map<String, List<String>> with(Map<String, List<String>> common, String k1, List<String> v1, String k2,
				List<String> v2, String k3, List<String> v3) {
			Map<String, List<String>> map = new java.util.HashMap<>(common);
			map.put(k1, v1);
			map.put(k2, v2);
			map.put(k3, v3);
			return map;
		}

	}

	@Nested
	class PartiQl {

		static Stream<Arguments> selects() {
			return Stream.of(arguments("SELECT * FROM \"Projects\"", "true", null, "ALL_ATTRIBUTES"),
					arguments("select * from Projects where sk = 'x'", "true", null, "ALL_ATTRIBUTES"),
					arguments("SELECT name, status FROM \"Projects\" WHERE \"pk\" = 'TENANT#acme'", "false",
							"TENANT#acme", "SPECIFIC_ATTRIBUTES"),
					arguments("SELECT * FROM \"Projects\" WHERE pk = 'TENANT#acme' AND begins_with(sk, 'P')", "false",
							"TENANT#acme", "ALL_ATTRIBUTES"),
					arguments("SELECT * FROM \"Projects\" WHERE pk = 'TENANT#acme' OR pk = 'TENANT#globex'", "true",
							null, "ALL_ATTRIBUTES"),
					arguments("SELECT * FROM \"Projects\" WHERE pk = 'TENANT#acme' AND (sk = 'a' OR n = 1)", "true",
							null, "ALL_ATTRIBUTES"),
					arguments("SELECT * FROM \"Projects\" WHERE pk IN ['TENANT#acme', 'TENANT#globex']", "true", null,
							"ALL_ATTRIBUTES"),
					arguments("SELECT * FROM \"Projects\" WHERE 'TENANT#acme' = pk", "true", null, "ALL_ATTRIBUTES"),
					arguments("SELECT * FROM \"Unknown\" WHERE pk = 'TENANT#acme'", "true", null, "ALL_ATTRIBUTES"),
					arguments("SELECT * FROM \"Projects\" WHERE pk = 'it''s'", "false", "it's", "ALL_ATTRIBUTES"));
		}

		// TH-4
		@ParameterizedTest(name = "{0}")
		@MethodSource("selects")
		@DisplayName("PartiQL SELECT is a full table scan unless trivially keyed (TH-4)")
		void select(String statement, String fullTableScan, String leadingKey, String select) {
			AuthorizationRequest request = single("ExecuteStatement",
					"{\"Statement\":\"" + statement.replace("\"", "\\\"") + "\"}");
			assertThat(request.action()).isEqualTo("dynamodb:PartiQLSelect");
			assertThat(request.resource()).isEqualTo(PREFIX + (statement.contains("Unknown") ? "Unknown" : "Projects"));
			assertThat(request.values(FULL_TABLE_SCAN)).containsExactly(fullTableScan);
			assertThat(request.values(LEADING_KEYS)).isEqualTo((leadingKey != null) ? List.of(leadingKey) : null);
			assertThat(request.values(SELECT)).containsExactly(select);
			assertThat(request.context().keySet()).doesNotContain(ATTRIBUTES, RETURN_VALUES, ENCLOSING_OPERATION,
					RETURN_CONSUMED_CAPACITY);
		}

		@Test
		void selectOnIndexWithParameter() {
			AuthorizationRequest request = single("ExecuteStatement", """
					{"Statement":"SELECT * FROM \\"Projects\\".\\"GSI1\\" WHERE gsi1pk = ?",
					 "Parameters":[{"S":"TENANT#acme#STATUS#OPEN"}]}""");
			assertRequest(request, "dynamodb:PartiQLSelect", GSI1, "ExecuteStatement",
					Map.of(LEADING_KEYS, List.of("TENANT#acme#STATUS#OPEN"), FULL_TABLE_SCAN, List.of("false"), SELECT,
							List.of("ALL_ATTRIBUTES")));
		}

		@Test
		void insertUpdateDelete() {
			assertRequest(single("ExecuteStatement", """
					{"Statement":"INSERT INTO \\"Projects\\" VALUE {'pk': ?, 'sk': 'PROJECT#1', 'm': {'pk': 'x'}}",
					 "Parameters":[{"S":"TENANT#acme"}]}"""), "dynamodb:PartiQLInsert", PROJECTS, "ExecuteStatement",
					Map.of(LEADING_KEYS, List.of("TENANT#acme")));
			assertRequest(single("ExecuteStatement", """
					{"Statement":"UPDATE \\"Projects\\" SET name = 'x' WHERE pk = 'TENANT#acme' AND sk = 'P#1' RETURNING ALL NEW *"}"""),
					"dynamodb:PartiQLUpdate", PROJECTS, "ExecuteStatement",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), RETURN_VALUES, List.of("ALL_NEW")));
			assertRequest(single("ExecuteStatement", """
					{"Statement":"DELETE FROM \\"Projects\\" WHERE pk = 'TENANT#acme' AND sk = 'P#1'",
					 "ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"""), "dynamodb:PartiQLDelete", PROJECTS,
					"ExecuteStatement",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), RETURN_VALUES, List.of("ALL_OLD")));
		}

		@Test
		void batchExecuteStatementIsOneRequestPerStatement() {
			List<AuthorizationRequest> requests = extract("BatchExecuteStatement", """
					{"Statements":[{"Statement":"SELECT * FROM \\"Projects\\" WHERE pk = ? AND sk = ?",
					                "Parameters":[{"S":"TENANT#acme"},{"S":"P#1"}]},
					               {"Statement":"DELETE FROM \\"Tasks\\" WHERE tenantKey = 'TENANT#acme' AND taskId = 'T#1'"}]}""");
			assertThat(requests).extracting(AuthorizationRequest::action)
				.containsExactly("dynamodb:PartiQLSelect", "dynamodb:PartiQLDelete");
			assertThat(requests).extracting(AuthorizationRequest::resource).containsExactly(PROJECTS, TASKS);
			assertThat(requests).allSatisfy(request -> {
				assertThat(request.values(LEADING_KEYS)).containsExactly("TENANT#acme");
				assertThat(request.values(ENCLOSING_OPERATION)).isNull();
			});
		}

		@Test
		void executeTransactionHasEnclosingOperation() {
			List<AuthorizationRequest> requests = extract("ExecuteTransaction", """
					{"TransactStatements":[
					  {"Statement":"EXISTS(SELECT * FROM \\"Projects\\" WHERE pk = 'TENANT#acme' AND sk = 'P#1')"},
					  {"Statement":"UPDATE \\"Projects\\" SET n = 1 WHERE pk = 'TENANT#acme' AND sk = 'P#2'"}]}""");
			assertRequest(requests.get(0), "dynamodb:PartiQLSelect", PROJECTS, "ExecuteTransaction",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), FULL_TABLE_SCAN, List.of("false"), SELECT,
							List.of("ALL_ATTRIBUTES"), ENCLOSING_OPERATION, List.of("ExecuteTransaction")));
			assertRequest(requests.get(1), "dynamodb:PartiQLUpdate", PROJECTS, "ExecuteTransaction",
					Map.of(LEADING_KEYS, List.of("TENANT#acme"), RETURN_VALUES, List.of("NONE"), ENCLOSING_OPERATION,
							List.of("ExecuteTransaction")));
		}

	}

	@Nested
	class OtherOperations {

		static Stream<Arguments> operations() {
			return Stream.of(arguments("DescribeTable", "{\"TableName\":\"Projects\"}", PROJECTS),
					arguments("DeleteTable", "{\"TableName\":\"Projects\"}", PROJECTS),
					arguments("CreateTable", "{\"TableName\":\"New.Table\",\"BillingMode\":\"PAY_PER_REQUEST\"}",
							PREFIX + "New.Table"),
					arguments("ListTables", "{}", "*"), arguments("DescribeLimits", "{}", "*"));
		}

		@ParameterizedTest(name = "{0} {1}")
		@MethodSource("operations")
		void sameNameActionWithoutConditionKeys(String operation, String body, String resource) {
			assertRequest(single(operation, body), "dynamodb:" + operation, resource, operation, Map.of());
		}

	}

	@Nested
	class Malformed {

		static Stream<Arguments> malformed() {
			return Stream.of(
					arguments("GetItem", json("{"),
							"not valid JSON"),
					arguments("GetItem", json(""),
							"not a JSON object"),
					arguments("GetItem", json("[]"),
							"not a JSON object"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'pk':{'S':'a'},'sk':{'S':'b'}}} x"),
							"not valid JSON"),
					arguments("GetItem", json("{'TableName':'Projects','TableName':'Other','Key':{}}"),
							"not valid JSON"),
					arguments("GetItem", json("{'Key':{'pk':{'S':'a'}}}"),
							"has no 'TableName'"),
					arguments("GetItem", json("{'TableName':7,'Key':{'pk':{'S':'a'}}}"),
							"'TableName' of the GetItem is not a string"),
					arguments("GetItem", json("{'TableName':'Projects'}"),
							"has no 'Key'"),
					arguments("GetItem", json("{'TableName':'Projects','Key':[]}"),
							"'Key' of the GetItem is not a JSON object"),
					arguments("GetItem", json("{'TableName':'Pro*','Key':{'pk':{'S':'a'}}}"),
							"Invalid table name 'Pro*'"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'pk':{'BOOL':true},'sk':{'S':'b'}}}"),
							"is not a valid key value"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'pk':{'S':'a','N':'1'},'sk':{'S':'b'}}}"),
							"is not a valid key value"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'id':{'S':'a'}}}"),
							"lacks the partition-key attribute 'pk' of table 'Projects'"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'pk':{'S':'a'},'sk':{'S':'b'}},"
								+ "'ProjectionExpression':'a; b'}"),
							"unexpected character ';'"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'pk':{'S':'a'},'sk':{'S':'b'}},"
								+ "'ProjectionExpression':'#x'}"),
							"placeholder '#x', which ExpressionAttributeNames does not define"),
					arguments("GetItem", json("{'TableName':'Projects','Key':{'pk':{'S':'a'},'sk':{'S':'b'}},"
								+ "'ProjectionExpression':'a[x]'}"),
							"is not of the form [n]"),
					arguments("Query", json("{'TableName':'Projects'}"),
							"neither a KeyConditionExpression nor KeyConditions"),
					arguments("Query", json("{'TableName':'Projects','KeyConditionExpression':'pk = :v'}"),
							"placeholder ':v', which ExpressionAttributeValues does not define"),
					arguments("Query", json("{'TableName':'Projects','KeyConditionExpression':'pk = :v',"
								+ "'ExpressionAttributeValues':{':v':{'BOOL':true}}}"),
							"KeyConditionExpression value ':v' is not a valid key value"),
					arguments("Query",
							json("{'TableName':'Projects','IndexName':'x','KeyConditionExpression':'pk = :v'}"),
							"Invalid index name 'x'"),
					arguments("BatchGetItem", json("{'RequestItems':{}}"),
							"'RequestItems' of the BatchGetItem is empty"),
					arguments("BatchGetItem", json("{'RequestItems':{'Projects':{'Keys':[]}}}"),
							"has no non-empty JSON array 'Keys'"),
					arguments("BatchWriteItem",
							json("{'RequestItems':{'Projects':[{'PutRequest':{'Item':{'pk':{'S':'a'}}},"
								+ "'DeleteRequest':{'Key':{'pk':{'S':'a'}}}}]}}"),
							"exactly one of PutRequest or DeleteRequest"),
					arguments("TransactGetItems", json("{'TransactItems':[{'Put':{}}]}"),
							"TransactGetItems element 1 must be an object with exactly one 'Get'"),
					arguments("TransactWriteItems", json("{'TransactItems':[{'Upsert':{}}]}"),
							"has 'Upsert'; expected exactly one of Put, Update, Delete or ConditionCheck"),
					arguments("TransactWriteItems", json("{'TransactItems':[{'ConditionCheck':{'TableName':'Projects',"
								+ "'Key':{'pk':{'S':'a'}}}}]}"),
							"has no 'ConditionExpression'"),
					arguments("ExecuteStatement", json("{'Statement':'MERGE INTO x'}"),
							"does not start with SELECT, INSERT, UPDATE, DELETE or EXISTS"),
					arguments("ExecuteStatement", "{\"Statement\":\"SELECT * FROM \\\"Projects\"}",
							"is not terminated"),
					arguments("ExecuteStatement", "{\"Statement\":\"SELECT * FROM \\\"Projects\\\" WHERE pk = ?\"}",
							"Parameters has no value for it"));
		}

		@ParameterizedTest(name = "{0}: {1}")
		@MethodSource("malformed")
		@DisplayName("Malformed or structurally invalid bodies are rejected with a clear message (callers deny)")
		void rejected(String operation, String body, String message) {
			assertThatIllegalArgumentException().isThrownBy(() -> DynamoDbRequestContextExtractorTests.this.extractor
				.extract(operation, body)).withMessageContaining(message);
		}

	}

	@Test
	void resultsAreUnmodifiable() {
		List<AuthorizationRequest> requests = extract("BatchGetItem", """
				{"RequestItems":{"Projects":{"Keys":[{"pk":{"S":"TENANT#acme"},"sk":{"S":"P#1"}}]}}}""");
		assertThat(requests).isUnmodifiable();
		assertThat(requests.get(0).context()).isUnmodifiable();
		assertThat(requests.get(0).values(LEADING_KEYS)).isUnmodifiable();
	}

}
