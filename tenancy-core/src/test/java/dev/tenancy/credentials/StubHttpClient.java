package dev.tenancy.credentials;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that never opens a connection: it records each request (with its body) and answers with
 * canned responses in order, repeating the last one. Lets a real SDK client run its marshalling, signing, retry and
 * error unmarshalling against scripted service answers.
 */
final class StubHttpClient implements SdkHttpClient {

	/** A recorded request. */
	record Recorded(SdkHttpRequest request, String body) {
	}

	/** A canned response. */
	record Canned(int status, String contentType, String body) {
	}

	final List<Recorded> requests = new CopyOnWriteArrayList<>();

	private final Deque<Canned> responses = new ArrayDeque<>();

	private Canned last = new Canned(500, "text/plain", "no response scripted");

	synchronized StubHttpClient then(int status, String contentType, String body) {
		this.responses.add(new Canned(status, contentType, body));
		return this;
	}

	StubHttpClient thenXml(int status, String body) {
		return then(status, "text/xml", body);
	}

	private synchronized Canned next() {
		Canned next = this.responses.poll();
		if (next != null) {
			this.last = next;
		}
		return this.last;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				StubHttpClient.this.requests.add(new Recorded(request.httpRequest(), read(request)));
				Canned canned = next();
				byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
				return HttpExecuteResponse.builder()
					.response(SdkHttpResponse.builder()
						.statusCode(canned.status())
						.putHeader("Content-Type", canned.contentType())
						.putHeader("Content-Length", String.valueOf(body.length))
						.putHeader("x-amzn-RequestId", "stub-" + StubHttpClient.this.requests.size())
						.build())
					.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
					.build();
			}

			@Override
			public void abort() {
			}

		};
	}

	private static String read(HttpExecuteRequest request) {
		return request.contentStreamProvider().map((provider) -> {
			try (InputStream in = provider.newStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).orElse("");
	}

	@Override
	public String clientName() {
		return "StubHttpClient";
	}

	@Override
	public void close() {
	}

	/** An STS {@code AssumeRole} success body. */
	static String assumeRoleXml(String accessKeyId, Instant expiration) {
		return """
				<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
				  <AssumeRoleResult>
				    <Credentials>
				      <AccessKeyId>%s</AccessKeyId>
				      <SecretAccessKey>secret</SecretAccessKey>
				      <SessionToken>token</SessionToken>
				      <Expiration>%s</Expiration>
				    </Credentials>
				    <AssumedRoleUser>
				      <Arn>arn:aws:sts::123456789012:assumed-role/tenant-data/tenant-acme</Arn>
				      <AssumedRoleId>AROAEXAMPLE:tenant-acme</AssumedRoleId>
				    </AssumedRoleUser>
				    <PackedPolicySize>12</PackedPolicySize>
				  </AssumeRoleResult>
				  <ResponseMetadata><RequestId>req-ok</RequestId></ResponseMetadata>
				</AssumeRoleResponse>
				""".formatted(accessKeyId, expiration);
	}

	/** An STS (query protocol) error body. */
	static String errorXml(String type, String code, String message) {
		return "<ErrorResponse><Error><Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message
				+ "</Message></Error><RequestId>req-" + code + "</RequestId></ErrorResponse>";
	}

}
