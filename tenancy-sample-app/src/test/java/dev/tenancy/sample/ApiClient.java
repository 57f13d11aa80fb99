package dev.tenancy.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for the sample's API in tests: what curl does in the walkthrough.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final String baseUrl;

	/**
	 * @param port the application's port
	 */
	public ApiClient(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * @param method the HTTP method
	 * @param path the path and query
	 * @param headers request headers
	 * @param body the request body, or {@literal null}
	 * @return the response
	 */
	public Response send(String method, String path, Map<String, String> headers, @Nullable String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(body)
					: HttpRequest.BodyPublishers.noBody());
		headers.forEach(request::header);
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("WWW-Authenticate").orElse(null));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param user the user name, or {@literal null} for an anonymous request
	 * @return a request builder for that user (password = user name, as in the sample's local users)
	 */
	public As as(@Nullable String user) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (user != null) {
			headers.put("Authorization", basic(user, user));
		}
		return new As(headers);
	}

	/**
	 * @param token a bearer token
	 * @return a request builder for it
	 */
	public As bearer(String token) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Authorization", "Bearer " + token);
		return new As(headers);
	}

	/**
	 * @param user the user name
	 * @param password the password
	 * @return the basic authorization header value
	 */
	public static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * @param json JSON text
	 * @return the tree
	 */
	public static JsonNode json(String json) {
		return JSON.readTree(json);
	}

	/** Requests with fixed headers. */
	public final class As {

		private final Map<String, String> headers;

		As(Map<String, String> headers) {
			this.headers = headers;
		}

		public Response get(String path) {
			return send("GET", path, this.headers, null);
		}

		public Response delete(String path) {
			return send("DELETE", path, this.headers, null);
		}

		public Response post(String path, String json) {
			return send("POST", path, withJson(), json);
		}

		public Response put(String path, String json) {
			return send("PUT", path, withJson(), json);
		}

		private Map<String, String> withJson() {
			Map<String, String> headers = new LinkedHashMap<>(this.headers);
			headers.put("Content-Type", "application/json");
			return headers;
		}

	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param body the body
	 * @param contentType the content type
	 * @param challenge the {@code WWW-Authenticate} header
	 */
	public record Response(int status, String body, String contentType, @Nullable String challenge) {

		/**
		 * @return the body as JSON
		 */
		public JsonNode json() {
			return ApiClient.json(this.body);
		}

		@Override
		public String toString() {
			return this.status + " " + this.body;
		}

	}

}
