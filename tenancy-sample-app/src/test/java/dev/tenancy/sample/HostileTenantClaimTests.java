package dev.tenancy.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as an OAuth2 resource server (as with the {@code aws} profile, but on the embedded kit and with a local
 * signing key): the organization is the JWT's {@code tenant_id} claim, the roles are its {@code cognito:groups}.
 * Hostile tenant claims are refused with 403 and missing ones with 401, before any STS or DynamoDB call
 * (TH-6, TH-7).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileTenantClaimTests {

	private static final KeyPair KEYS = keyPair();

	private static final String PUBLIC_KEY_LOCATION = publicKey();

	@LocalServerPort
	private int port;

	@Autowired
	private TenancyTestKit kit;

	@DynamicPropertySource
	static void jwtIssuer(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> PUBLIC_KEY_LOCATION);
	}

	static Stream<Object> hostileTenantIds() {
		return Stream.of("*", "a*", "?", "${aws:username}", "TENANT#globex", "acme#x", "../globex", "", "w".repeat(49),
				"\u0430cme", " acme", "acme ", List.of("acme"));
	}

	@ParameterizedTest
	@MethodSource("hostileTenantIds")
	@DisplayName("TH-6 a hostile tenant claim is refused with 403 before any STS or DynamoDB call")
	void hostileTenantClaimsAreForbiddenTH6(Object tenant) {
		long stsRequests = this.kit.sts().requestCount();
		long forwarded = this.kit.gateway().forwardedCount();
		ApiClient.Response response = api(Map.of("tenant_id", tenant, "cognito:groups", List.of("admin")))
			.get("/projects");
		IsolationMatrixTests.assertProblem(response, 403,
				"The organization of the authenticated principal is not a valid tenant id.");
		assertThat(this.kit.sts().requestCount()).isEqualTo(stsRequests);
		assertThat(this.kit.gateway().forwardedCount()).isEqualTo(forwarded);
	}

	@Test
	@DisplayName("TH-7 a token without the tenant claim is refused with 401 before any STS or DynamoDB call")
	void aTokenWithoutTenantIsUnauthorizedTH7() {
		long stsRequests = this.kit.sts().requestCount();
		long forwarded = this.kit.gateway().forwardedCount();
		ApiClient.Response response = api(Map.of("cognito:groups", List.of("admin"))).get("/projects/rocket-skates");
		IsolationMatrixTests.assertProblem(response, 401,
				"The authenticated principal belongs to no organization: sign in as a user of an organization.");
		assertThat(this.kit.sts().requestCount()).isEqualTo(stsRequests);
		assertThat(this.kit.gateway().forwardedCount()).isEqualTo(forwarded);
	}

	@Test
	void theTenantClaimSelectsTheOrganizationAndGroupsTheColumns() {
		assertThat(api(Map.of("tenant_id", "acme")).get("/projects/rocket-skates").json().has("budget")).isFalse();
		assertThat(api(Map.of("tenant_id", "acme", "cognito:groups", List.of("admin"))).get("/projects/rocket-skates")
			.json()
			.get("budget")
			.asInt()).isEqualTo(250000);
		IsolationMatrixTests.assertProblem(api(Map.of("tenant_id", "globex")).get("/projects/rocket-skates"), 404,
				"Project 'rocket-skates' does not exist in your organization.");
		IsolationMatrixTests.assertProblem(api(Map.of("tenant_id", "acme")).post("/projects", "{\"id\":\"x\","
				+ "\"name\":\"X\"}"), 403, "Your role does not allow this operation.");
	}

	@Test
	void forgedExpiredAndMissingTokensAreUnauthorized() throws Exception {
		String valid = token(Map.of("tenant_id", "acme"), Instant.now().plusSeconds(300));
		String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
		String expired = token(Map.of("tenant_id", "acme"), Instant.now().minusSeconds(3600));
		for (String token : List.of(forged, expired, "not-a-jwt")) {
			ApiClient.Response response = new ApiClient(this.port).bearer(token).get("/projects");
			IsolationMatrixTests.assertProblem(response, 401,
					"Authentication is required: sign in as a user of an organization.");
			assertThat(response.challenge()).isEqualTo("Bearer");
		}
		ApiClient.Response anonymous = new ApiClient(this.port).as(null).get("/projects");
		IsolationMatrixTests.assertProblem(anonymous, 401,
				"Authentication is required: sign in as a user of an organization.");
		assertThat(new ApiClient(this.port).as("alice").get("/projects").status())
			.as("local users do not sign in when a JWT issuer is configured")
			.isEqualTo(401);
	}

	private ApiClient.As api(Map<String, Object> claims) {
		try {
			return new ApiClient(this.port).bearer(token(claims, Instant.now().plusSeconds(300)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String token(Map<String, Object> claims, Instant expiry) throws JOSEException {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject("user-1")
			.claim("username", "someone")
			.issueTime(java.util.Date.from(expiry.minusSeconds(600)))
			.expirationTime(java.util.Date.from(expiry));
		claims.forEach(builder::claim);
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), builder.build());
		jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
		return jwt.serialize();
	}

	private static KeyPair keyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String publicKey() {
		try {
			Path file = Files.createTempFile("tenancy-sample-jwt", ".pub");
			file.toFile().deleteOnExit();
			String pem = "-----BEGIN PUBLIC KEY-----\n"
					+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
						.encodeToString(KEYS.getPublic().getEncoded())
					+ "\n-----END PUBLIC KEY-----\n";
			Files.writeString(file, pem, StandardCharsets.US_ASCII);
			return file.toUri().toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
