package dev.tenancy.test.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import dev.tenancy.iam.request.DynamoDbOperations;
import dev.tenancy.test.auth.SigV4Authorization;
import dev.tenancy.test.auth.SigV4Verifier;
import dev.tenancy.test.sts.IssuedSession;
import dev.tenancy.test.sts.LocalSts;
import dev.tenancy.test.support.DaemonThreadFactory;
import dev.tenancy.test.support.LoopbackHttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP endpoint on a loopback port that stands in front of DynamoDB Local and plays AWS's side of authentication
 * and authorization, so that tests see what a real DynamoDB endpoint would answer to forged, expired or unauthorized
 * requests (TH-11).
 * <p>
 * For every request the gateway:
 * <ol>
 * <li>parses the SigV4 {@code Authorization} header and finds the access key among {@link LocalSts}'s base identities
 * and issued sessions ({@code UnrecognizedClientException} if unknown or if the session token does not match);</li>
 * <li>rejects expired sessions ({@code ExpiredTokenException}) on the STS clock;</li>
 * <li>verifies the signature by signing the request again with the issued secret ({@link SigV4Verifier};
 * {@code InvalidSignatureException} on mismatch, for example a body changed after signing or a wrong secret);</li>
 * <li>asks the {@link GatewayAuthorizer} ({@code AccessDeniedException} with its message on denial);</li>
 * <li>forwards the request, with the same body and headers, to the upstream DynamoDB endpoint over a keep-alive
 * connection and returns the upstream response (status, headers, body) unchanged.</li>
 * </ol>
 * Errors use DynamoDB's JSON 1.0 shape and HTTP 400 (docs/IAM.md R31):
 * {@code {"__type":"com.amazon.coral.service#<Code>","message":"…"}}, with a capital {@code Message} for
 * {@code AccessDeniedException}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class IamGateway implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(IamGateway.class);

	private static final String CORAL = "com.amazon.coral.service#";

	private static final String TARGET_PREFIX = "DynamoDB_20120810.";

	/** Headers the JDK HTTP client sets itself; every other request header is forwarded as received. */
	private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
			"keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection", "http2-settings");

	/** Hop-by-hop response headers; the JDK server writes its own framing. */
	private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "keep-alive",
			"transfer-encoding", "te", "trailer", "date");

	private final URI upstream;

	private final LocalSts sts;

	private final GatewayAuthorizer authorizer;

	private final ExecutorService clientExecutor;

	private final HttpClient client;

	private final LoopbackHttpServer server;

	private final AtomicLong forwarded = new AtomicLong();

	private final AtomicLong rejected = new AtomicLong();

	private IamGateway(Builder builder) {
		this.upstream = Objects.requireNonNull(builder.upstream, "Upstream DynamoDB endpoint must not be null");
		this.sts = Objects.requireNonNull(builder.sts, "LocalSts must not be null");
		this.authorizer = builder.authorizer;
		this.clientExecutor = Executors.newCachedThreadPool(DaemonThreadFactory.named(builder.threadName + "-client"));
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(this.clientExecutor)
			.build();
		this.server = LoopbackHttpServer.start(DaemonThreadFactory.named(builder.threadName), builder.port,
				this::handle);
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the endpoint to use as the DynamoDB client's {@code endpointOverride}
	 */
	public URI endpoint() {
		return this.server.uri();
	}

	/**
	 * @return the bound port
	 */
	public int port() {
		return this.server.port();
	}

	/**
	 * @return the upstream DynamoDB endpoint
	 */
	public URI upstream() {
		return this.upstream;
	}

	/**
	 * @return the authorizer in use
	 */
	public GatewayAuthorizer authorizer() {
		return this.authorizer;
	}

	/**
	 * @return how many requests were forwarded upstream
	 */
	public long forwardedCount() {
		return this.forwarded.get();
	}

	/**
	 * @return how many requests were answered with an error by the gateway itself (authentication or authorization)
	 */
	public long rejectedCount() {
		return this.rejected.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			GatewayError error;
			try {
				IssuedSession session = authenticate(exchange, body);
				String operation = operation(exchange.getRequestHeaders());
				String denial = this.authorizer.authorize(session, operation, body);
				if (denial == null) {
					forward(exchange, body);
					return;
				}
				error = new GatewayError("AccessDeniedException", 400, denial, "Message");
			}
			catch (GatewayError ex) {
				error = ex;
			}
			catch (RuntimeException ex) {
				logger.warn("Gateway request failed; answering InternalServerError", ex);
				error = new GatewayError("InternalFailure", 500, "The request processing has failed because of an "
						+ "unknown error, exception or failure: " + ex, "message");
			}
			this.rejected.incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug(String.format("Gateway rejected request with %s: %s", error.code, error.getMessage()));
			}
			sendError(exchange, error);
		}
	}

	private IssuedSession authenticate(HttpExchange exchange, byte[] body) {
		Headers headers = exchange.getRequestHeaders();
		String header = headers.getFirst("Authorization");
		if (header == null) {
			throw new GatewayError("MissingAuthenticationTokenException", 400,
					"Request is missing Authentication Token", "message");
		}
		SigV4Authorization authorization;
		try {
			authorization = SigV4Authorization.parse(header);
		}
		catch (SigV4Authorization.MalformedAuthorizationException ex) {
			throw new GatewayError("IncompleteSignatureException", 400, ex.getMessage(), "message");
		}
		IssuedSession session = this.sts.lookup(authorization.accessKeyId()).orElse(null);
		if (session == null || !Objects.equals(session.sessionToken(), headers.getFirst("X-Amz-Security-Token"))) {
			throw new GatewayError("UnrecognizedClientException", 400,
					"The security token included in the request is invalid.", "message");
		}
		if (session.isExpiredAt(this.sts.clock().instant())) {
			throw new GatewayError("ExpiredTokenException", 400,
					"The security token included in the request is expired", "message");
		}
		if (!"dynamodb".equals(authorization.service())) {
			throw new GatewayError("InvalidSignatureException", 400,
					"Credential should be scoped to correct service: 'dynamodb'. ", "message");
		}
		boolean valid;
		try {
			valid = SigV4Verifier.verify(authorization, exchange.getRequestMethod(), exchange.getRequestURI(), headers,
					body, session.secretAccessKey(), session.sessionToken());
		}
		catch (SigV4Authorization.MalformedAuthorizationException ex) {
			throw new GatewayError("IncompleteSignatureException", 400, ex.getMessage(), "message");
		}
		if (!valid) {
			throw new GatewayError("InvalidSignatureException", 400, "The request signature we calculated does not "
					+ "match the signature you provided. Check your AWS Secret Access Key and signing method. Consult "
					+ "the service documentation for details.", "message");
		}
		return session;
	}

	private static String operation(Headers headers) {
		String target = headers.getFirst("X-Amz-Target");
		String operation = (target != null && target.startsWith(TARGET_PREFIX))
				? target.substring(TARGET_PREFIX.length()) : null;
		if (!DynamoDbOperations.isKnown(operation)) {
			// DynamoDB matches operation names exactly: 'getitem' is unknown, not GetItem
			throw new GatewayError("UnknownOperationException", 400,
					String.format("The operation '%s' is not known.", target), "message");
		}
		return operation;
	}

	private void forward(HttpExchange exchange, byte[] body) throws IOException {
		URI requestUri = exchange.getRequestURI();
		String query = requestUri.getRawQuery();
		String pathAndQuery = requestUri.getRawPath() + ((query != null) ? "?" + query : "");
		HttpRequest.Builder request = HttpRequest.newBuilder(this.upstream.resolve(pathAndQuery))
			.method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
		for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
			if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
				for (String value : header.getValue()) {
					request.header(header.getKey(), value);
				}
			}
		}
		HttpResponse<byte[]> response;
		try {
			response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new GatewayError("InternalFailure", 500, "Interrupted while calling DynamoDB Local.", "message");
		}
		this.forwarded.incrementAndGet();
		Headers responseHeaders = exchange.getResponseHeaders();
		response.headers().map().forEach((name, values) -> {
			if (!name.startsWith(":") && !NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
				responseHeaders.put(name, values);
			}
		});
		byte[] responseBody = response.body();
		exchange.sendResponseHeaders(response.statusCode(), (responseBody.length == 0) ? -1 : responseBody.length);
		if (responseBody.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(responseBody);
			}
		}
	}

	private static void sendError(HttpExchange exchange, GatewayError error) throws IOException {
		String json = "{\"__type\":\"" + CORAL + error.code + "\",\"" + error.messageField + "\":\""
				+ jsonEscape(String.valueOf(error.getMessage())) + "\"}";
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		CRC32 crc = new CRC32();
		crc.update(bytes);
		Headers headers = exchange.getResponseHeaders();
		headers.set("Content-Type", "application/x-amz-json-1.0");
		headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
		headers.set("x-amz-crc32", Long.toString(crc.getValue()));
		exchange.sendResponseHeaders(error.status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static String jsonEscape(String value) {
		StringBuilder result = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> result.append("\\\"");
				case '\\' -> result.append("\\\\");
				case '\n' -> result.append("\\n");
				case '\r' -> result.append("\\r");
				case '\t' -> result.append("\\t");
				default -> {
					if (c < 0x20) {
						result.append(String.format("\\u%04x", (int) c));
					}
					else {
						result.append(c);
					}
				}
			}
		}
		return result.toString();
	}

	/**
	 * Stop the gateway and its threads. Idempotent.
	 */
	@Override
	public void close() {
		this.server.close();
		if (this.client instanceof AutoCloseable closeable) {
			// Java 21+ HttpClient: release its selector thread and connections now.
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.debug("Closing the gateway's HTTP client failed", ex);
			}
		}
		this.clientExecutor.shutdownNow();
		try {
			this.clientExecutor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "IamGateway[" + endpoint() + " -> " + this.upstream + "]";
	}

	private static final class GatewayError extends RuntimeException {

		private final String code;

		private final int status;

		private final String messageField;

		GatewayError(String code, int status, @Nullable String message, String messageField) {
			super(message, null, false, false);
			this.code = code;
			this.status = status;
			this.messageField = messageField;
		}

	}

	/**
	 * Builder for {@link IamGateway}.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private @Nullable URI upstream;

		private @Nullable LocalSts sts;

		private GatewayAuthorizer authorizer = GatewayAuthorizer.allowAll();

		private int port;

		private String threadName = "gateway";

		private Builder() {
		}

		/**
		 * @param upstream the DynamoDB (Local) endpoint requests are forwarded to
		 * @return this builder
		 */
		public Builder upstream(URI upstream) {
			this.upstream = upstream;
			return this;
		}

		/**
		 * @param sts the STS whose base identities and issued sessions authenticate requests (and whose clock decides
		 * expiry)
		 * @return this builder
		 */
		public Builder sts(LocalSts sts) {
			this.sts = sts;
			return this;
		}

		/**
		 * @param authorizer the authorization hook (default {@link GatewayAuthorizer#allowAll()})
		 * @return this builder
		 */
		public Builder authorizer(GatewayAuthorizer authorizer) {
			this.authorizer = Objects.requireNonNull(authorizer, "GatewayAuthorizer must not be null");
			return this;
		}

		/**
		 * @param port the loopback port, or {@code 0} (default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException(String.format("Port %d is out of range.", port));
			}
			this.port = port;
			return this;
		}

		/**
		 * @param threadName the middle part of the gateway's thread names (default {@code gateway})
		 * @return this builder
		 */
		public Builder threadName(String threadName) {
			this.threadName = threadName;
			return this;
		}

		/**
		 * @return the started gateway
		 */
		public IamGateway start() {
			return new IamGateway(this);
		}

	}

}
