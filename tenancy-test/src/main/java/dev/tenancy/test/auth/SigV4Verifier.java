package dev.tenancy.test.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Verifies the SigV4 signature of a received request the way AWS does: by signing a copy of it again with the secret
 * the server knows, and comparing signatures.
 * <p>
 * The copy carries the method, path, query and exactly the headers the client listed in {@code SignedHeaders}, with the
 * received values; it is signed by the AWS SDK's own {@link AwsV4HttpSigner} with the signing clock pinned to the
 * received {@code X-Amz-Date} and the region and service of the received credential scope. The payload hash is always
 * recomputed from the received body (a client-supplied {@code x-amz-content-sha256} is never trusted), so a body
 * changed after signing fails verification.
 * <p>
 * Limits: only header-based SigV4 ({@code Authorization} header, not pre-signed query strings), and only requests
 * whose signed headers are a set the SDK signer reproduces (every SDK v2 client; clients that leave
 * {@code x-amz-content-sha256} unsigned on plain HTTP are not supported). Clock skew is not checked: the kit's tests
 * move their own clock.
 *
 * @author tenancy
 * @since 0.1
 */
public final class SigV4Verifier {

	private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

	private static final String CONTENT_SHA256 = "x-amz-content-sha256";

	private SigV4Verifier() {
	}

	/**
	 * Verify a request.
	 * @param authorization the parsed {@code Authorization} header
	 * @param method the HTTP method
	 * @param requestUri the request URI as received (path and raw query)
	 * @param headers the received headers, names in any case
	 * @param body the received body
	 * @param secretAccessKey the secret the server issued for {@code authorization.accessKeyId()}
	 * @param sessionToken the session token the server issued, or {@literal null} for long-term credentials
	 * @return whether the signature matches
	 * @throws SigV4Authorization.MalformedAuthorizationException if {@code X-Amz-Date} or a signed header is missing
	 * or malformed
	 */
	public static boolean verify(SigV4Authorization authorization, String method, URI requestUri,
			Map<String, List<String>> headers, byte[] body, String secretAccessKey, @Nullable String sessionToken) {
		Map<String, List<String>> received = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		received.putAll(headers);
		Instant signingTime = SigV4Authorization.parseAmzDate(first(received, "X-Amz-Date"));
		String host = first(received, "Host");
		SdkHttpRequest.Builder copy = SdkHttpRequest.builder()
			.method(SdkHttpMethod.fromValue(method))
			.uri(URI.create("http://" + host))
			.encodedPath(requestUri.getRawPath());
		addQueryParameters(copy, requestUri.getRawQuery());
		for (String name : authorization.signedHeaders()) {
			List<String> values = received.get(name);
			if (values == null) {
				throw new SigV4Authorization.MalformedAuthorizationException(
						String.format("Signed header '%s' is not present in the request.", name));
			}
			copy.putHeader(name, values);
		}
		if (copy.firstMatchingHeader(CONTENT_SHA256).isPresent()) {
			copy.putHeader(CONTENT_SHA256, sha256Hex(body));
		}
		AwsCredentialsIdentity identity = (sessionToken != null)
				? AwsSessionCredentialsIdentity.create(authorization.accessKeyId(), secretAccessKey, sessionToken)
				: AwsCredentialsIdentity.create(authorization.accessKeyId(), secretAccessKey);
		SignedRequest signed = SIGNER.sign((request) -> request.identity(identity)
			.request(copy.build())
			.payload(ContentStreamProvider.fromByteArrayUnsafe(body))
			.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, authorization.service())
			.putProperty(AwsV4HttpSigner.REGION_NAME, authorization.region())
			.putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(signingTime, ZoneOffset.UTC)));
		SigV4Authorization expected = SigV4Authorization
			.parse(signed.request().firstMatchingHeader("Authorization").orElseThrow());
		return expected.signedHeaders().equals(authorization.signedHeaders())
				&& expected.date().equals(authorization.date())
				&& MessageDigest.isEqual(expected.signature().getBytes(StandardCharsets.US_ASCII),
						authorization.signature().getBytes(StandardCharsets.US_ASCII));
	}

	private static String first(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		if (values == null || values.isEmpty()) {
			throw new SigV4Authorization.MalformedAuthorizationException(
					String.format("Header '%s' is required for SigV4 authentication.", name));
		}
		return values.get(0);
	}

	private static void addQueryParameters(SdkHttpRequest.Builder copy, @Nullable String rawQuery) {
		if (rawQuery == null || rawQuery.isEmpty()) {
			return;
		}
		Map<String, List<String>> parameters = new TreeMap<>();
		for (String pair : rawQuery.split("&")) {
			int eq = pair.indexOf('=');
			String name = URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = (eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			parameters.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		parameters.forEach(copy::putRawQueryParameter);
	}

	/**
	 * @param data the bytes
	 * @return the lower-case hex SHA-256 of {@code data}
	 */
	public static String sha256Hex(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

}
