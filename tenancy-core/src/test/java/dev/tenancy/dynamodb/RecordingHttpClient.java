package dev.tenancy.dynamodb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * An {@link SdkHttpClient} that records every request that reaches the wire and answers {@code 200 {}}.
 */
public final class RecordingHttpClient implements SdkHttpClient {

	public final List<SdkHttpRequest> requests = new CopyOnWriteArrayList<>();

	public final List<String> bodies = new CopyOnWriteArrayList<>();

	private volatile String responseBody = "{}";

	public void respondWith(String body) {
		this.responseBody = body;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {
			@Override
			public HttpExecuteResponse call() {
				RecordingHttpClient.this.requests.add(request.httpRequest());
				RecordingHttpClient.this.bodies.add(request.contentStreamProvider().map(RecordingHttpClient::read).orElse(""));
				byte[] body = RecordingHttpClient.this.responseBody.getBytes(StandardCharsets.UTF_8);
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

	private static String read(ContentStreamProvider provider) {
		try (InputStream in = provider.newStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
