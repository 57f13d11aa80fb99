package dev.tenancy.test.sts;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import dev.tenancy.test.auth.SigV4Authorization;
import dev.tenancy.test.auth.SigV4Verifier;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The STS Query API over HTTP for a {@link LocalSts}: parses form requests, applies injected faults, authenticates
 * SigV4 signatures, dispatches {@code AssumeRole} and {@code GetCallerIdentity}, writes XML responses and errors, and
 * counts requests.
 *
 * @author tenancy
 * @since 0.1
 */
final class StsQueryHandler {

	private static final Log logger = LogFactory.getLog(LocalSts.class);

	private static final String ASSUME_ROLE = "AssumeRole";

	private static final String GET_CALLER_IDENTITY = "GetCallerIdentity";

	private final StsSessionRegistry registry;

	private final AssumeRoleAuthorizer authorizer;

	private final StsFaults faults;

	private final Clock clock;

	private final Map<String, AtomicLong> requestCounts = new ConcurrentHashMap<>();

	private final AtomicLong totalRequests = new AtomicLong();

	StsQueryHandler(StsSessionRegistry registry, AssumeRoleAuthorizer authorizer, StsFaults faults, Clock clock) {
		this.registry = registry;
		this.authorizer = authorizer;
		this.faults = faults;
		this.clock = clock;
	}

	long requestCount() {
		return this.totalRequests.get();
	}

	long requestCount(String action) {
		AtomicLong count = this.requestCounts.get(action);
		return (count != null) ? count.get() : 0;
	}

	void handle(HttpExchange exchange) throws IOException {
		String requestId = UUID.randomUUID().toString();
		try (exchange) {
			byte[] body = exchange.getRequestBody().readAllBytes();
			this.totalRequests.incrementAndGet();
			Map<String, String> form = parseForm(exchange.getRequestURI().getRawQuery(), body);
			String action = form.getOrDefault("Action", "");
			this.requestCounts.computeIfAbsent(action, (key) -> new AtomicLong()).incrementAndGet();
			try {
				if (this.faults.outage() != null) {
					throw StsError.receiver("ServiceUnavailable", 503, "Service unavailable.");
				}
				sleep(this.faults.latency());
				if (this.faults.consumeThrottle(this.clock.instant().getEpochSecond())) {
					throw StsError.sender("Throttling", 400, "Rate exceeded");
				}
				if (this.faults.consumeMalformed()) {
					send(exchange, 200, StsXml.malformed(requestId), requestId);
					return;
				}
				send(exchange, 200, dispatch(exchange, body, form, action, requestId), requestId);
			}
			catch (StsError error) {
				if (logger.isDebugEnabled()) {
					logger.debug(String.format("STS %s failed with %s: %s", action, error.code(), error.getMessage()));
				}
				send(exchange, error.status(), StsXml.error(error, requestId), requestId);
			}
		}
	}

	private String dispatch(HttpExchange exchange, byte[] body, Map<String, String> form, String action,
			String requestId) {
		if (!action.equals(ASSUME_ROLE) && !action.equals(GET_CALLER_IDENTITY)) {
			throw StsError.sender("InvalidAction", 400,
					String.format("Could not find operation %s for version %s", action, form.get("Version")));
		}
		if (!LocalSts.API_VERSION.equals(form.get("Version"))) {
			throw StsError.sender("InvalidAction", 400,
					String.format("Could not find operation %s for version %s", action, form.get("Version")));
		}
		IssuedSession caller = authenticate(exchange, body);
		if (action.equals(GET_CALLER_IDENTITY)) {
			return StsXml.callerIdentity(caller, requestId);
		}
		return this.authorizer.assumeRole(caller, AssumeRoleParameters.parse(form), requestId);
	}

	private IssuedSession authenticate(HttpExchange exchange, byte[] body) {
		String header = exchange.getRequestHeaders().getFirst("Authorization");
		if (header == null) {
			throw StsError.sender("MissingAuthenticationToken", 403, "Request is missing Authentication Token");
		}
		SigV4Authorization authorization;
		try {
			authorization = SigV4Authorization.parse(header);
		}
		catch (SigV4Authorization.MalformedAuthorizationException ex) {
			throw StsError.sender("IncompleteSignature", 400, ex.getMessage());
		}
		IssuedSession caller = this.registry.lookup(authorization.accessKeyId());
		String token = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
		if (caller == null || !Objects.equals(caller.sessionToken(), token)) {
			throw StsError.sender("InvalidClientTokenId", 403,
					"The security token included in the request is invalid.");
		}
		if (caller.isExpiredAt(this.clock.instant())) {
			throw StsError.sender("ExpiredToken", 403, "The security token included in the request is expired");
		}
		if (!"sts".equals(authorization.service())) {
			throw StsError.sender("SignatureDoesNotMatch", 403,
					"Credential should be scoped to correct service: 'sts'. ");
		}
		boolean valid;
		try {
			valid = SigV4Verifier.verify(authorization, exchange.getRequestMethod(), exchange.getRequestURI(),
					exchange.getRequestHeaders(), body, caller.secretAccessKey(), caller.sessionToken());
		}
		catch (SigV4Authorization.MalformedAuthorizationException ex) {
			throw StsError.sender("IncompleteSignature", 400, ex.getMessage());
		}
		if (!valid) {
			throw StsError.sender("SignatureDoesNotMatch", 403, "The request signature we calculated does not match "
					+ "the signature you provided. Check your AWS Secret Access Key and signing method. Consult the "
					+ "service documentation for details.");
		}
		return caller;
	}

	private static Map<String, String> parseForm(@Nullable String rawQuery, byte[] body) {
		Map<String, String> form = new LinkedHashMap<>();
		parsePairs(rawQuery, form);
		parsePairs(new String(body, StandardCharsets.UTF_8), form);
		return form;
	}

	private static void parsePairs(@Nullable String encoded, Map<String, String> into) {
		if (encoded == null || encoded.isEmpty()) {
			return;
		}
		for (String pair : encoded.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			into.put(name, value);
		}
	}

	private static void send(HttpExchange exchange, int status, String xml, String requestId) throws IOException {
		byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", StsXml.CONTENT_TYPE);
		exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private static void sleep(Duration delay) {
		if (delay.isZero()) {
			return;
		}
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw StsError.receiver("ServiceUnavailable", 503, "Service unavailable.");
		}
	}

}
