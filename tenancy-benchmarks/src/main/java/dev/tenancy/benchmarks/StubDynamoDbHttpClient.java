package dev.tenancy.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.atomic.LongAdder;

import dev.tenancy.context.TenantId;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An {@link SdkHttpClient} that never opens a connection and answers every DynamoDB call with a canned {@code 200}
 * response chosen by its {@code X-Amz-Target}: GetItem returns one project item, Query a page of
 * {@value Workload#QUERY_PAGE} items, BatchWriteItem no unprocessed items, everything else {@code {}}. The answers are
 * encoded once; a call allocates only the response stream. Thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
final class StubDynamoDbHttpClient implements SdkHttpClient {

	private static final String TARGET_PREFIX = "DynamoDB_20120810.";

	private final byte[] getItem;

	private final byte[] query;

	private final byte[] batchWrite;

	private final byte[] empty;

	private final LongAdder calls = new LongAdder();

	/**
	 * @param tenant the tenant whose items the canned answers contain
	 */
	StubDynamoDbHttpClient(TenantId tenant) {
		this.getItem = utf8("{\"Item\":" + json(Workload.projectItem(tenant, 42)) + "}");
		StringJoiner items = new StringJoiner(",", "[", "]");
		for (int i = 0; i < Workload.QUERY_PAGE; i++) {
			items.add(json(Workload.projectItem(tenant, i)));
		}
		this.query = utf8("{\"Count\":" + Workload.QUERY_PAGE + ",\"Items\":" + items + ",\"ScannedCount\":"
				+ Workload.QUERY_PAGE + "}");
		this.batchWrite = utf8("{\"UnprocessedItems\":{}}");
		this.empty = utf8("{}");
	}

	/**
	 * @return how many calls this client has answered
	 */
	long calls() {
		return this.calls.sum();
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
		byte[] body = answer(target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target);
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() {
				StubDynamoDbHttpClient.this.calls.increment();
				return HttpExecuteResponse.builder()
					.response(SdkHttpFullResponse.builder()
						.statusCode(200)
						.putHeader("Content-Type", "application/x-amz-json-1.0")
						.putHeader("Content-Length", Integer.toString(body.length))
						.putHeader("x-amzn-RequestId", "stub")
						.build())
					.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
					.build();
			}

			@Override
			public void abort() {
			}

		};
	}

	private byte[] answer(String operation) {
		return switch (operation) {
			case "GetItem" -> this.getItem;
			case "Query" -> this.query;
			case "BatchWriteItem" -> this.batchWrite;
			default -> this.empty;
		};
	}

	@Override
	public String clientName() {
		return "StubDynamoDbHttpClient";
	}

	@Override
	public void close() {
	}

	/** DynamoDB JSON of an item made of string, number and string-set attributes. */
	static String json(Map<String, AttributeValue> item) {
		StringJoiner attributes = new StringJoiner(",", "{", "}");
		item.forEach((name, value) -> attributes.add(quote(name) + ":" + json(value)));
		return attributes.toString();
	}

	private static String json(AttributeValue value) {
		return switch (value.type()) {
			case S -> "{\"S\":" + quote(value.s()) + "}";
			case N -> "{\"N\":" + quote(value.n()) + "}";
			case SS -> "{\"SS\":" + list(value.ss()) + "}";
			default -> throw new IllegalArgumentException("Unsupported attribute type in canned answer: " + value);
		};
	}

	private static String list(List<String> values) {
		StringJoiner joined = new StringJoiner(",", "[", "]");
		values.forEach((value) -> joined.add(quote(value)));
		return joined.toString();
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
