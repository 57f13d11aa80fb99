package dev.tenancy.iam.request;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RequestBodyReader}: the tree it reads is the whole document except for the values of an item's
 * non-key attributes, and it refuses what the full parse refused.
 *
 * @author tenancy
 */
class RequestBodyReaderTests {

	private static final RequestBodyReader READER = new RequestBodyReader(Set.of("pk", "sk", "gsi1pk"));

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static JsonNode read(String json) {
		return READER.read(json.getBytes(StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},\"sk\":{\"S\":\"P#1\"}},\"ConsistentRead\":true}",
			"{\"TableName\":\"app\",\"KeyConditionExpression\":\"#pk = :pk\",\"ExpressionAttributeNames\":{\"#pk\":\"pk\"},"
					+ "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"TENANT#acme\"},\":n\":{\"N\":\"12.5\"},"
					+ "\":m\":{\"M\":{\"Item\":{\"M\":{\"name\":{\"S\":\"x\"}}},\"Put\":{\"BOOL\":false}}},"
					+ "\":l\":{\"L\":[{\"NULL\":true},{\"SS\":[\"a\",\"b\"]}]}},\"Limit\":10,\"ExclusiveStartKey\":null}",
			"{\"RequestItems\":{\"app\":{\"Keys\":[{\"pk\":{\"S\":\"TENANT#acme\"},\"sk\":{\"S\":\"1\"}}],"
					+ "\"ProjectionExpression\":\"title\"}},\"ReturnConsumedCapacity\":\"TOTAL\"}",
			"{\"TransactItems\":[{\"Get\":{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"}}}}]}",
			"{\"Statement\":\"SELECT * FROM app\",\"Parameters\":[{\"S\":\"x\"}],\"Limit\":9223372036854775807}", "[]",
			"\"text\"", "12345678901234567890123" })
	@DisplayName("a body without items reads as the whole document")
	void aBodyWithoutItemsReadsAsTheWholeDocument(String json) {
		assertThat(read(json)).isEqualTo(MAPPER.readTree(json));
	}

	@Test
	@DisplayName("an item keeps every attribute name and the values of key attributes only")
	void anItemKeepsNamesAndKeyValues() {
		JsonNode body = read("{\"TableName\":\"app\",\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},\"title\":{\"M\":"
				+ "{\"pk\":{\"S\":\"TENANT#globex\"}}},\"gsi1pk\":{\"S\":\"TENANT#acme#OPEN\"},\"tags\":{\"L\":[{\"S\":\"a\"}]}},"
				+ "\"ConditionExpression\":\"attribute_not_exists(pk)\"}");

		JsonNode item = body.get("Item");
		assertThat(item.propertyNames()).containsExactly("pk", "title", "gsi1pk", "tags");
		assertThat(item.get("pk")).isEqualTo(MAPPER.readTree("{\"S\":\"TENANT#acme\"}"));
		assertThat(item.get("gsi1pk")).isEqualTo(MAPPER.readTree("{\"S\":\"TENANT#acme#OPEN\"}"));
		assertThat(item.get("title").isNull()).isTrue();
		assertThat(item.get("tags").isNull()).isTrue();
		assertThat(body.get("ConditionExpression").stringValue()).isEqualTo("attribute_not_exists(pk)");
	}

	@Test
	@DisplayName("the items of BatchWriteItem puts and TransactWriteItems puts are read the same way")
	void batchAndTransactionItemsAreItems() {
		JsonNode batch = read("{\"RequestItems\":{\"app\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},"
				+ "\"title\":{\"S\":\"t\"}}}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},"
				+ "\"title\":{\"S\":\"kept\"}}}}]}}");
		JsonNode transaction = read("{\"TransactItems\":[{\"Put\":{\"TableName\":\"app\",\"Item\":{\"pk\":{\"S\":"
				+ "\"TENANT#acme\"},\"title\":{\"S\":\"t\"}}}},{\"Update\":{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":"
				+ "\"TENANT#acme\"}},\"UpdateExpression\":\"SET title = :t\",\"ExpressionAttributeValues\":{\":t\":"
				+ "{\"S\":\"kept\"}}}}]}");

		JsonNode batchPut = batch.get("RequestItems").get("app").get(0).get("PutRequest").get("Item");
		assertThat(batchPut.get("title").isNull()).isTrue();
		assertThat(batchPut.get("pk").get("S").stringValue()).isEqualTo("TENANT#acme");
		assertThat(batch.get("RequestItems").get("app").get(1).get("DeleteRequest").get("Key").get("title").get("S")
			.stringValue()).isEqualTo("kept");
		JsonNode transactPut = transaction.get("TransactItems").get(0).get("Put").get("Item");
		assertThat(transactPut.get("title").isNull()).isTrue();
		assertThat(transaction.get("TransactItems").get(1).get("Update").get("ExpressionAttributeValues").get(":t")
			.get("S").stringValue()).isEqualTo("kept");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"TableName\":\"app\",\"TableName\":\"other\"}",
			"{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},\"pk\":{\"S\":\"TENANT#globex\"}}}",
			"{\"TableName\":\"app\",\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},\"title\":{\"S\":\"a\"},\"title\":{\"N\":\"1\"}}}",
			"{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\",\"S\":\"TENANT#globex\"}}}",
			"{\"TableName\":\"app\"} {}", "{\"TableName\":\"app\"", "{\"TableName\":}", "[1,2" })
	@DisplayName("duplicate properties, trailing content and malformed JSON are refused")
	void malformedBodiesAreRefused(String json) {
		assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> read(json));
	}

	@Test
	@DisplayName("an empty body reads as a missing node")
	void anEmptyBodyReadsAsMissing() {
		assertThat(read("").isMissingNode()).isTrue();
	}

}
