package dev.tenancy.test.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SigV4Verifier} and {@link SigV4Authorization}.
 */
class SigV4VerifierTests {

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static final String TOKEN = "session-token";

	private static final byte[] BODY = "{\"TableName\":\"T\"}".getBytes(StandardCharsets.UTF_8);

	@Test
	void acceptsWhatTheSdkSigned() {
		Map<String, List<String>> headers = signedHeaders(BODY);

		assertThat(verify(headers, BODY, SECRET, TOKEN)).isTrue();
	}

	@Test
	void rejectsAnotherBody() {
		Map<String, List<String>> headers = signedHeaders(BODY);

		assertThat(verify(headers, "{\"TableName\":\"U\"}".getBytes(StandardCharsets.UTF_8), SECRET, TOKEN)).isFalse();
	}

	@Test
	void rejectsAChangedSignedHeader() {
		Map<String, List<String>> headers = signedHeaders(BODY);
		headers.put("X-Amz-Target", List.of("DynamoDB_20120810.DeleteTable"));

		assertThat(verify(headers, BODY, SECRET, TOKEN)).isFalse();
	}

	@Test
	void rejectsAnotherSecretOrToken() {
		Map<String, List<String>> headers = signedHeaders(BODY);

		assertThat(verify(headers, BODY, "another-secret", TOKEN)).isFalse();
		assertThat(verify(headers, BODY, SECRET, "another-token")).isFalse();
	}

	@Test
	void requiresEverySignedHeader() {
		Map<String, List<String>> headers = signedHeaders(BODY);
		headers.remove("X-Amz-Target");

		assertThatExceptionOfType(SigV4Authorization.MalformedAuthorizationException.class)
			.isThrownBy(() -> verify(headers, BODY, SECRET, TOKEN))
			.withMessage("Signed header 'x-amz-target' is not present in the request.");
	}

	@Test
	void parsesTheAuthorizationHeader() {
		SigV4Authorization authorization = SigV4Authorization.parse("AWS4-HMAC-SHA256 "
				+ "Credential=ASIAEXAMPLE/20260101/eu-west-1/dynamodb/aws4_request, "
				+ "SignedHeaders=host;x-amz-date, Signature=abcdef");

		assertThat(authorization).isEqualTo(new SigV4Authorization("ASIAEXAMPLE", "20260101", "eu-west-1", "dynamodb",
				List.of("host", "x-amz-date"), "abcdef"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			AWS4-HMAC-SHA1 Credential=a/b/c/d/aws4_request | Authorization header must start with 'AWS4-HMAC-SHA256'; \
			got 'AWS4-HMAC-SHA1 Credential=a/b/c/d/aws4_request'.
			AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request, SignedHeaders=host | Authorization header requires \
			'Credential', 'SignedHeaders' and 'Signature' parameters.
			AWS4-HMAC-SHA256 Credential=a/b/c/aws4_request, SignedHeaders=host, Signature=00 | Credential \
			'a/b/c/aws4_request' is not of the form <access key>/<date>/<region>/<service>/aws4_request.
			AWS4-HMAC-SHA256 Credential=a/b/c/d/aws4_request, SignedHeaders=host, Signature | Authorization header \
			element 'Signature' is not a key=value pair.
			""")
	void rejectsMalformedAuthorizationHeaders(String header, String message) {
		assertThatExceptionOfType(SigV4Authorization.MalformedAuthorizationException.class)
			.isThrownBy(() -> SigV4Authorization.parse(header))
			.withMessage(message);
	}

	private static boolean verify(Map<String, List<String>> headers, byte[] body, String secret, String token) {
		SigV4Authorization authorization = SigV4Authorization.parse(headers.get("Authorization").get(0));
		return SigV4Verifier.verify(authorization, "POST", URI.create("/"), headers, body, secret, token);
	}

	private static Map<String, List<String>> signedHeaders(byte[] body) {
		SdkHttpRequest request = SdkHttpRequest.builder()
			.method(SdkHttpMethod.POST)
			.uri(URI.create("http://127.0.0.1:8000/"))
			.putHeader("Content-Type", "application/x-amz-json-1.0")
			.putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
			.putHeader("Content-Length", String.valueOf(body.length))
			.build();
		SdkHttpRequest signed = AwsV4HttpSigner.create()
			.sign((r) -> r.identity(AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", SECRET, TOKEN))
				.request(request)
				.payload(ContentStreamProvider.fromByteArray(body))
				.putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
				.putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"))
			.request();
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(signed.headers());
		if (!headers.containsKey("Host")) {
			headers.put("Host", List.of("127.0.0.1:8000"));
		}
		return headers;
	}

}
