package dev.tenancy.iam.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RequestBodyReader}: the tree it reads is the whole document except for the values of an item's
 * non-key attributes, it refuses what a standard JSON parser (Jackson) refuses, and it is stricter only where a
 * request body must be: duplicate properties, encodings other than UTF-8, malformed UTF-8.
 *
 * @author tenancy
 */
class RequestBodyReaderTests {

	private static final RequestBodyReader READER = new RequestBodyReader(Set.of("pk", "sk", "gsi1pk"));

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final JsonMapper STRICT = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

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
		assertThatIllegalArgumentException().isThrownBy(() -> read(json));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}",
			"{\"a\":tru}", "{\"a\":nul}", "{\"a\":True}", "{'a':1}", "{a:1}", "{\"a\":1,}", "[1,]", "{\"a\" 1}",
			"{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12G4\"}", "{\"a\":\"tab\there\"}",
			"{\"a\":1}\u000b", "/* c */ {}", "{\"a\":NaN}", "\"open" })
	@DisplayName("what RFC 8259 does not allow is refused")
	void nonStandardJsonIsRefused(String json) {
		assertThatIllegalArgumentException().isThrownBy(() -> read(json));
	}

	@Test
	@DisplayName("escapes and multi-byte UTF-8 decode to the same strings a standard parser reads")
	void escapesAndUtf8Decode() {
		String json = "{\"TableName\":\"caf\u00e9 \u65e5\u672c \uD83D\uDE00\",\"Key\":{\"pk\":{\"S\":"
				+ "\"\\u0054\\\"\\\\\\/\\b\\f\\n\\r\\t\\ud83d\\ude00\"}}}";

		JsonNode body = read(json);

		assertThat(body).isEqualTo(MAPPER.readTree(json));
		assertThat(body.get("TableName").stringValue()).isEqualTo("caf\u00e9 \u65e5\u672c \uD83D\uDE00");
		assertThat(body.get("Key").get("pk").get("S").stringValue()).isEqualTo("T\"\\/\b\f\n\r\t\uD83D\uDE00");
	}

	@ParameterizedTest
	@ValueSource(strings = { "c0af", "e080af", "eda080", "f4908080", "f880808080", "80", "c3", "e282", "ff" })
	@DisplayName("malformed, overlong and surrogate UTF-8, inside kept and skipped values, is refused")
	void malformedUtf8IsRefused(String hex) {
		byte[] bad = HexFormat.of().parseHex(hex);
		for (String template : List.of("{\"TableName\":\"%s\"}", "{\"Item\":{\"title\":{\"S\":\"%s\"}}}")) {
			String[] parts = String.format(template, "\u0000").split("\u0000");
			byte[] body = concat(parts[0].getBytes(StandardCharsets.UTF_8), bad, parts[1].getBytes(StandardCharsets.UTF_8));
			assertThatIllegalArgumentException().isThrownBy(() -> READER.read(body)).withMessageContaining("UTF-8");
		}
	}

	@Test
	@DisplayName("a quote, escape, control character or multi-byte character is found at every offset of a string")
	void specialBytesAreFoundAtEveryOffset() {
		for (String special : List.of("\\\"", "\\n", "\\u00e9", "\u00e9", "\u65e5", "\uD83D\uDE00")) {
			for (int offset = 0; offset < 20; offset++) {
				String json = "{\"TableName\":\"" + "a".repeat(offset) + special + "b".repeat(20 - offset) + "\"}";
				assertThat(read(json)).as(json).isEqualTo(MAPPER.readTree(json));
			}
		}
		for (int offset = 0; offset < 20; offset++) {
			String unterminated = "{\"TableName\":\"" + "a".repeat(offset);
			assertThatIllegalArgumentException().isThrownBy(() -> read(unterminated));
			String control = "{\"TableName\":\"" + "a".repeat(offset) + "\u0001\"}";
			assertThatIllegalArgumentException().isThrownBy(() -> read(control))
				.withMessageContaining("control character");
		}
	}

	@Test
	@DisplayName("a byte order mark or a UTF-16 body is refused: a request body is UTF-8 without a mark")
	void otherEncodingsAreRefused() {
		byte[] json = "{\"TableName\":\"app\"}".getBytes(StandardCharsets.UTF_8);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> READER.read(concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, json)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> READER.read("{\"TableName\":\"app\"}".getBytes(StandardCharsets.UTF_16LE)));
	}

	@Test
	@DisplayName("nesting is limited like a standard parser's default, also inside skipped item values")
	void nestingIsLimited() {
		int depth = JsonBytes.MAX_DEPTH;
		assertThat(read("[".repeat(depth) + "]".repeat(depth))).isEqualTo(MAPPER.readTree("[".repeat(depth) + "]".repeat(depth)));
		assertThatIllegalArgumentException().isThrownBy(() -> read("[".repeat(depth + 1) + "]".repeat(depth + 1)))
			.withMessageContaining("nesting");
		String deepValue = "{\"L\":[".repeat(300) + "]}".repeat(300);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> read("{\"Item\":{\"pk\":{\"S\":\"a\"},\"title\":" + deepValue + "}}"))
			.withMessageContaining("nesting");
		assertThatIllegalArgumentException().isThrownBy(() -> read("[" + "[".repeat(100_000)))
			.withMessageContaining("nesting");
	}

	@Test
	@DisplayName("numbers read as the node types a standard parser gives, and overlong numbers are refused")
	void numbers() {
		String json = "[0,-0,7,-2147483648,2147483647,2147483648,-9223372036854775808,9223372036854775807,"
				+ "9223372036854775808,-92233720368547758090,1.5,-0.25e-3,6E+2,1e308,12345678901234567890.0]";
		assertThat(read(json)).isEqualTo(MAPPER.readTree(json));
		int longest = JsonBytes.MAX_NUMBER_LENGTH;
		assertThat(read("[" + "9".repeat(longest) + "]")).isEqualTo(MAPPER.readTree("[" + "9".repeat(longest) + "]"));
		assertThatIllegalArgumentException().isThrownBy(() -> read("[" + "9".repeat(longest + 1) + "]"))
			.withMessageContaining("longer than");
	}

	@Test
	@DisplayName("mutated request bodies are accepted and refused exactly as a standard parser accepts and refuses them")
	void agreesWithAStandardParserOnMutatedBodies() {
		List<String> seeds = List.of(
				"{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},\"sk\":{\"S\":\"P#1\"}},"
						+ "\"ConsistentRead\":true,\"ProjectionExpression\":\"#n, sk\",\"ExpressionAttributeNames\":"
						+ "{\"#n\":\"name\"}}",
				"{\"TableName\":\"app\",\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},\"title\":{\"M\":{\"a\":"
						+ "{\"L\":[{\"N\":\"-1.5e3\"},{\"NULL\":true},{\"BOOL\":false}]}}},\"gsi1pk\":{\"S\":"
						+ "\"TENANT#acme#OPEN\"}},\"ReturnValues\":\"ALL_OLD\"}",
				"{\"RequestItems\":{\"app\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},"
						+ "\"n\":{\"N\":\"1\"}}}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"}}}}]},"
						+ "\"ReturnConsumedCapacity\":\"TOTAL\"}",
				"{\"TransactItems\":[{\"Put\":{\"TableName\":\"app\",\"Item\":{\"pk\":{\"S\":\"T\\u0041\"},"
						+ "\"x\":{\"SS\":[\"a\",\"b\\n\"]}}}},{\"Update\":{\"TableName\":\"app\",\"Key\":{\"pk\":"
						+ "{\"S\":\"TENANT#acme\"}},\"UpdateExpression\":\"SET a = :a\",\"ExpressionAttributeValues\":"
						+ "{\":a\":{\"N\":\"1\"}}}}],\"Limit\":25,\"Ratio\":0.5}");
		String alphabet = "{}[]\":,\\ \t\nabtrufelsn0123456789-+.eEu/#";
		Random random = new Random(20261204L);
		int accepted = 0;
		int refused = 0;
		for (int round = 0; round < 20_000; round++) {
			StringBuilder mutant = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
			for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
				int at = random.nextInt(mutant.length());
				switch (random.nextInt(3)) {
					case 0 -> mutant.deleteCharAt(at);
					case 1 -> mutant.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
					default -> mutant.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
				}
			}
			if (agreeOn(mutant.toString())) {
				accepted++;
			}
			else {
				refused++;
			}
		}
		assertThat(accepted).as("mutants both accepted").isGreaterThan(1_000);
		assertThat(refused).as("mutants both refused").isGreaterThan(1_000);
	}

	/** Whether both accept (with the same tree) or both refuse; fails the test otherwise. */
	private static boolean agreeOn(String json) {
		JsonNode expected;
		try {
			expected = withItemValuesSkipped(MAPPER.readTree(json));
		}
		catch (JacksonException ex) {
			assertThatIllegalArgumentException().as("refused by a standard parser: %s", json).isThrownBy(() -> read(json));
			return false;
		}
		try {
			assertThat(read(json)).as(json).isEqualTo(expected);
			return true;
		}
		catch (IllegalArgumentException ex) {
			assertThat(ex.getMessage()).as("only duplicates are refused beyond a standard parser: %s", json)
				.contains("duplicate property");
			assertThatExceptionOfType(JacksonException.class).isThrownBy(() -> STRICT.readTree(json));
			return false;
		}
	}

	/** The standard parser's tree with the values of an item's non-key attributes replaced by null. */
	private static JsonNode withItemValuesSkipped(JsonNode request) {
		if (!request.isObject()) {
			return request;
		}
		skipValues(request.get("Item"));
		JsonNode requestItems = request.get("RequestItems");
		if (requestItems != null && requestItems.isObject()) {
			for (JsonNode writes : requestItems) {
				for (JsonNode write : writes) {
					JsonNode put = write.get("PutRequest");
					skipValues((put != null) ? put.get("Item") : null);
				}
			}
		}
		JsonNode transactItems = request.get("TransactItems");
		if (transactItems != null && transactItems.isArray()) {
			for (JsonNode element : transactItems) {
				JsonNode put = element.get("Put");
				skipValues((put != null) ? put.get("Item") : null);
			}
		}
		return request;
	}

	private static void skipValues(@Nullable JsonNode item) {
		if (item instanceof ObjectNode object) {
			for (String name : List.copyOf(object.propertyNames())) {
				if (!Set.of("pk", "sk", "gsi1pk").contains(name)) {
					object.putNull(name);
				}
			}
		}
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	@Test
	@DisplayName("an empty body reads as a missing node")
	void anEmptyBodyReadsAsMissing() {
		assertThat(read("").isMissingNode()).isTrue();
	}

}
