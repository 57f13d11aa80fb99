package dev.tenancy.core;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;

/**
 * An {@link SdkHttpClient} that answers every DynamoDB request with {@code 200 {}} and records the operations that
 * reached the wire.
 */
final class StubHttpClient implements SdkHttpClient {

	final List<String> operations = new CopyOnWriteArrayList<>();

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() {
				String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("?");
				StubHttpClient.this.operations.add(target.substring(target.indexOf('.') + 1));
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				return HttpExecuteResponse.builder()
					.response(SdkHttpFullResponse.builder()
						.statusCode(200)
						.putHeader("Content-Type", "application/x-amz-json-1.0")
						.putHeader("Content-Length", String.valueOf(body.length))
						.build())
					.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
					.build();
			}

			@Override
			public void abort() {
			}

		};
	}

	@Override
	public void close() {
	}

}
