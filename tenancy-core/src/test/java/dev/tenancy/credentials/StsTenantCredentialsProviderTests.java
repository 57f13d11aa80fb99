package dev.tenancy.credentials;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Tag;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Unit tests for {@link StsTenantCredentialsProvider} against a {@link FakeStsClient}.
 */
class StsTenantCredentialsProviderTests {

	static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tenant-data";

	static final TenantId ACME = TenantId.of("acme");

	static final TenantId GLOBEX = TenantId.of("globex");

	private final FakeStsClient sts = new FakeStsClient();

	private StsTenantCredentialsProvider provider = newProvider(StsTenantCredentialsProvider.builder());

	static String policyFor(TenantId tenant) {
		return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:GetItem\","
				+ "\"Resource\":\"arn:aws:dynamodb:us-east-1:123456789012:table/app\",\"Condition\":"
				+ "{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"TENANT#" + tenant + "\"]}}}]}";
	}

	private StsTenantCredentialsProvider newProvider(StsTenantCredentialsProvider.Builder builder) {
		return builder.stsClient(this.sts)
			.roleArn(ROLE_ARN)
			.sessionPolicy(StsTenantCredentialsProviderTests::policyFor)
			.executor(Runnable::run)
			.build();
	}

	private StsTenantCredentialsProvider replaceProvider(StsTenantCredentialsProvider.Builder builder) {
		this.provider.close();
		this.provider = newProvider(builder);
		return this.provider;
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void assumeRoleRequestCarriesRoleSessionNamePolicyTagAndDuration() {
		replaceProvider(StsTenantCredentialsProvider.builder()
			.sessionDuration(Duration.ofMinutes(15))
			.externalId("ext-4711"));

		this.provider.forTenant(ACME).resolveCredentials();

		assertThat(this.sts.requests).hasSize(1);
		AssumeRoleRequest request = this.sts.requests.get(0);
		assertThat(request.roleArn()).isEqualTo(ROLE_ARN);
		assertThat(request.roleSessionName()).isEqualTo("tenant-acme");
		assertThat(request.policy()).isEqualTo(policyFor(ACME));
		assertThat(request.tags()).containsExactly(Tag.builder().key("tenant").value("acme").build());
		assertThat(request.durationSeconds()).isEqualTo(900);
		assertThat(request.externalId()).isEqualTo("ext-4711");
		assertThat(request.policyArns()).isEmpty();
	}

	@Test
	void assumeRoleRequestDefaultsToOneHourNoExternalIdAndConfigurableTagKey() {
		replaceProvider(StsTenantCredentialsProvider.builder().tenantTagKey("tenantId"));

		this.provider.forTenant(GLOBEX).resolveCredentials();

		AssumeRoleRequest request = this.sts.requests.get(0);
		assertThat(request.durationSeconds()).isEqualTo(3600);
		assertThat(request.externalId()).isNull();
		assertThat(request.tags()).containsExactly(Tag.builder().key("tenantId").value("globex").build());
		assertThat(request.roleSessionName()).isEqualTo("tenant-globex");
	}

	@Test
	@DisplayName("TH-12 a column-restricted variant's sessions are named after the variant")
	void accessVariantNamesTheRoleSession() {
		replaceProvider(StsTenantCredentialsProvider.builder().accessVariant(AccessVariant.of("restricted")));

		this.provider.forTenant(ACME).resolveCredentials();

		assertThat(this.sts.requests.get(0).roleSessionName()).isEqualTo("restricted-acme");
		assertThat(this.provider.toString()).contains("variant=restricted");
	}

	@Test
	void resolvesTheSessionCredentialsReturnedBySts() {
		AwsCredentials credentials = this.provider.forTenant(ACME).resolveCredentials();

		assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
		AwsSessionCredentials session = (AwsSessionCredentials) credentials;
		assertThat(session.accessKeyId()).isEqualTo("ASIA-tenant-acme-1");
		assertThat(session.secretAccessKey()).isEqualTo("secret-tenant-acme-1");
		assertThat(session.sessionToken()).isEqualTo("token-tenant-acme-1");
		assertThat(session.expirationTime()).isPresent();
	}

	@Test
	void obtainingAProviderDoesNotCallSts() {
		this.provider.forTenant(ACME);

		assertThat(this.sts.calls()).isZero();
		assertThat(this.provider.cachedTenants()).isEqualTo(1);
	}

	@Test
	void sessionIsCachedAndReusedAcrossRequests() {
		AwsCredentialsProvider first = this.provider.forTenant(ACME);
		for (int i = 0; i < 10; i++) {
			assertThat(this.provider.forTenant(ACME)).isSameAs(first);
			assertThat(this.provider.forTenant(ACME).resolveCredentials().accessKeyId())
				.isEqualTo("ASIA-tenant-acme-1");
		}

		assertThat(this.sts.calls()).isEqualTo(1);
	}

	@Test
	void distinctTenantsGetDistinctSessions() {
		AwsCredentials acme = this.provider.forTenant(ACME).resolveCredentials();
		AwsCredentials globex = this.provider.forTenant(GLOBEX).resolveCredentials();

		assertThat(acme.accessKeyId()).isEqualTo("ASIA-tenant-acme-1");
		assertThat(globex.accessKeyId()).isEqualTo("ASIA-tenant-globex-2");
		assertThat(this.sts.requests).extracting(AssumeRoleRequest::roleSessionName)
			.containsExactly("tenant-acme", "tenant-globex");
		assertThat(this.sts.requests).extracting(AssumeRoleRequest::policy)
			.containsExactly(policyFor(ACME), policyFor(GLOBEX));
		assertThat(this.provider.cachedTenants()).isEqualTo(2);
	}

	@Test
	void cacheIsBoundedAndEvictionClosesTheEvictedSession() {
		replaceProvider(StsTenantCredentialsProvider.builder().maximumTenants(2));
		List<TenantId> tenants = List.of(ACME, GLOBEX, TenantId.of("initech"));
		List<TenantSession> sessions = tenants.stream()
			.map((tenant) -> (TenantSession) this.provider.forTenant(tenant))
			.toList();
		sessions.forEach(TenantSession::resolveCredentials);

		assertThat(this.provider.cachedTenants()).isEqualTo(2);
		assertThat(sessions).filteredOn(TenantSession::isClosed).hasSize(1);
		int evicted = sessions.indexOf(sessions.stream().filter(TenantSession::isClosed)
			.findFirst().orElseThrow());
		int callsBefore = this.sts.calls();

		AwsCredentialsProvider reopened = this.provider.forTenant(tenants.get(evicted));
		reopened.resolveCredentials();

		assertThat(reopened).isNotSameAs(sessions.get(evicted));
		assertThat(this.sts.calls()).isEqualTo(callsBefore + 1);
		assertThat(this.provider.cachedTenants()).isEqualTo(2);
	}

	@Test
	void requestRacingAnEvictionStillResolvesCredentials() {
		replaceProvider(StsTenantCredentialsProvider.builder().maximumTenants(1));
		TenantSession acme = (TenantSession) this.provider
			.forTenant(ACME);
		TenantSession globex = (TenantSession) this.provider
			.forTenant(GLOBEX);
		// Caffeine's admission policy decides which of the two is evicted.
		TenantSession evicted = acme.isClosed() ? acme : globex;
		assertThat(evicted.isClosed()).isTrue();
		assertThat(this.provider.cachedTenants()).isEqualTo(1);

		AwsCredentials credentials = evicted.resolveCredentials();

		assertThat(credentials.accessKeyId()).startsWith("ASIA-tenant-");
		assertThat(this.sts.calls()).isEqualTo(1);
	}

	@Test
	void closeClosesEverySessionButNotTheSharedStsClient() {
		TenantSession acme = (TenantSession) this.provider
			.forTenant(ACME);
		TenantSession globex = (TenantSession) this.provider
			.forTenant(GLOBEX);

		this.provider.close();

		assertThat(acme.isClosed()).isTrue();
		assertThat(globex.isClosed()).isTrue();
		assertThat(this.provider.cachedTenants()).isZero();
		assertThat(this.sts.closed).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> this.provider.forTenant(ACME))
			.withMessageContaining(ROLE_ARN)
			.withMessageContaining("is closed");
	}

	@Test
	void closeClosesTheStsClientWhenOwned() {
		replaceProvider(StsTenantCredentialsProvider.builder().ownsStsClient(true));

		this.provider.close();

		assertThat(this.sts.closed).isTrue();
	}

	@Test
	void listenerIsToldAboutEverySuccessfulAndFailedAssumeRole() {
		RecordingListener listener = new RecordingListener();
		replaceProvider(StsTenantCredentialsProvider.builder().listener(listener));

		this.provider.forTenant(ACME).resolveCredentials();
		this.sts.fail(FakeStsClient.stsError("AccessDenied", 403, "not authorized to perform: sts:TagSession"));
		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> this.provider.forTenant(GLOBEX).resolveCredentials());

		assertThat(listener.events).hasSize(2);
		assertThat(listener.events.get(0).tenant()).isEqualTo(ACME);
		assertThat(listener.events.get(0).failure()).isNull();
		assertThat(listener.events.get(0).latency().isNegative()).isFalse();
		assertThat(listener.events.get(1).tenant()).isEqualTo(GLOBEX);
		assertThat(listener.events.get(1).failure()).hasMessageContaining("sts:TagSession");
	}

	@Test
	void listenerFailureDoesNotAffectCredentials() {
		replaceProvider(StsTenantCredentialsProvider.builder().listener((tenant, latency, failure) -> {
			throw new IllegalStateException("broken metrics");
		}));

		assertThat(this.provider.forTenant(ACME).resolveCredentials().accessKeyId()).isEqualTo("ASIA-tenant-acme-1");
	}

	@Test
	@DisplayName("A session policy function that throws fails closed before any STS call")
	void sessionPolicyFunctionFailureFailsClosed() {
		this.provider.close();
		this.provider = StsTenantCredentialsProvider.builder()
			.stsClient(this.sts)
			.roleArn(ROLE_ARN)
			.sessionPolicy((tenant) -> {
				throw new IllegalArgumentException("no repositories registered");
			})
			.build();

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> this.provider.forTenant(ACME))
			.withMessageContaining("tenant 'acme'")
			.withMessageContaining("session policy function")
			.withMessageContaining("no repositories registered")
			.withMessageContaining(ROLE_ARN)
			.satisfies((ex) -> assertThat(ex.getTenant()).isEqualTo(ACME))
			.withCauseInstanceOf(IllegalArgumentException.class);
		assertThat(this.sts.calls()).isZero();
	}

	static Stream<Arguments> unacceptableSessionPolicies() {
		return Stream.of(Arguments.of("", "is empty"), Arguments.of("   ", "is empty"),
				Arguments.of("{\"x\":\"" + "a".repeat(2048) + "\"}", "has 2056 characters, more than the 2048"),
				Arguments.of("{\"Sid\":\"caf\u00e9\u2028\"}", "U+2028 at index 12"),
				Arguments.of("{\"Sid\":\"\u0000\"}", "U+0000 at index 8"));
	}

	@ParameterizedTest
	@MethodSource("unacceptableSessionPolicies")
	void sessionPolicySTSWouldRejectFailsClosedBeforeAnyStsCall(String policy, String problem) {
		this.provider.close();
		this.provider = StsTenantCredentialsProvider.builder()
			.stsClient(this.sts)
			.roleArn(ROLE_ARN)
			.sessionPolicy((tenant) -> policy)
			.build();

		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> this.provider.forTenant(ACME))
			.withMessageContaining("tenant 'acme'")
			.withMessageContaining(problem)
			.withMessageContaining("no STS call was made");
		assertThat(this.sts.calls()).isZero();
	}

	@Test
	void sessionPolicyOfExactlyTheLimitIsAccepted() {
		String policy = "{\"x\":\"" + "a".repeat(2048 - 8) + "\"}";
		assertThat(policy).hasSize(2048);
		this.provider.close();
		this.provider = StsTenantCredentialsProvider.builder()
			.stsClient(this.sts)
			.roleArn(ROLE_ARN)
			.sessionPolicy((tenant) -> policy)
			.build();

		this.provider.forTenant(ACME).resolveCredentials();

		assertThat(this.sts.requests.get(0).policy()).isEqualTo(policy);
	}

}
