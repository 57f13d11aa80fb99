package dev.tenancy.dynamodb;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.signer.Signer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.enhanced.dynamodb.internal.client.DefaultDynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static dev.tenancy.dynamodb.ScopedClientFixture.BASE;
import static dev.tenancy.dynamodb.ScopedClientFixture.TABLE;
import static dev.tenancy.dynamodb.ScopedClientFixture.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tampering with the tenant-scoped client (issue #11 findings 3, 4, 5 and 7a): request-level overrides, client-level
 * customization, interceptors rewriting a checked request, credentials handed out through the client's
 * configuration, and denials inside waiters. Every case runs in both isolation modes against a recording HTTP
 * client, and asserts both the denial and that nothing reached the wire.
 */
class ClientTamperingTests {

	private static final TenantId ACME = TenantId.of("acme");

	private final ScopedClientFixture fixture = new ScopedClientFixture();

	private TenantScopedDynamoDbClientFactory factory;

	@AfterEach
	void tearDown() {
		if (this.factory != null) {
			this.factory.close();
		}
	}

	private DynamoDbClient client(IsolationMode mode) {
		this.factory = this.fixture.factory(mode);
		return this.factory.client();
	}

	private static <T> T asAcme(java.util.function.Supplier<T> work) {
		try (TenantScope ignored = TenantContext.open(ACME)) {
			return work.get();
		}
	}

	/** A request-level plugin that removes the guard and signs with the application's base credentials. */
	private static final SdkPlugin DROP_GUARD_AND_USE_BASE = (configuration) -> {
		DynamoDbServiceClientConfiguration.Builder builder = (DynamoDbServiceClientConfiguration.Builder) configuration;
		ClientOverrideConfiguration override = builder.overrideConfiguration();
		builder.overrideConfiguration(override.toBuilder()
			.executionInterceptors(override.executionInterceptors()
				.stream()
				.filter((interceptor) -> !(interceptor instanceof TenantRequestGuard))
				.toList())
			.build());
		builder.credentialsProvider(BASE);
	};

	private static final ExecutionAttribute<String> SOME_ATTRIBUTE = new ExecutionAttribute<>("ClientTamperingTests");

	private static final Signer BASE_SIGNER = (request, attributes) -> request;

	private void assertRefusedOverride(TenantAccessDeniedException denied, String operation, String what) {
		assertThat(denied.getTenant()).isEqualTo("acme");
		assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
		assertThat(denied.getAction()).isEqualTo("dynamodb:" + operation);
		assertThat(denied.getMessage()).contains("Tenant 'acme'", operation, what);
		assertThat(this.fixture.http.requests).as("nothing reaches the wire").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-19 (#11 finding 3) a request-level plugin cannot drop the guard or the tenant credentials")
	void th19RequestPluginCannotDropTheGuard(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.scan((r) -> r.tableName(TABLE)
				.overrideConfiguration((o) -> o.addPlugin(DROP_GUARD_AND_USE_BASE)))))
			.satisfies((denied) -> {
				assertThat(denied.getTenant()).isEqualTo("acme");
				assertThat(denied.getAction()).isEqualTo("dynamodb:Scan");
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
			});
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.getItem((r) -> r.tableName(TABLE)
				.key(key("TENANT#globex", "PROJECT#1"))
				.overrideConfiguration((o) -> o.addPlugin(DROP_GUARD_AND_USE_BASE)))))
			.satisfies((denied) -> assertRefusedOverride(denied, "GetItem", "plugins"));
		assertThat(this.fixture.denials).as("refusals are reported to the listener, so they are metered")
			.containsExactly("acme:Scan:EXPLICIT_DENY", "acme:GetItem:EXPLICIT_DENY");
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-19 (#11 finding 3) request-level credentials, signer, headers, endpoint and attributes are refused")
	void th19RequestIdentityAndSigningOverridesAreRefused(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		Map<String, java.util.function.Consumer<AwsRequestOverrideConfiguration.Builder>> overrides = Map.of(
				"credentials provider", (o) -> o.credentialsProvider(BASE),
				"signer", (o) -> o.signer(BASE_SIGNER),
				"headers", (o) -> o.putHeader("X-Amz-Target", "DynamoDB_20120810.Scan"),
				"endpoint provider", (o) -> o.endpointProvider(software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider.defaultProvider()),
				"execution attributes", (o) -> o.putExecutionAttribute(SOME_ATTRIBUTE, "y"));
		overrides.forEach((what, override) -> assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.getItem((r) -> r.tableName(TABLE)
				.key(key("TENANT#acme", "PROJECT#1"))
				.overrideConfiguration(override))))
			.satisfies((denied) -> assertRefusedOverride(denied, "GetItem", what)));
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-19 timeouts, API names and metric publishers remain allowed request overrides")
	void th19HarmlessOverridesRemainAllowed(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		asAcme(() -> client.getItem((r) -> r.tableName(TABLE)
			.key(key("TENANT#acme", "PROJECT#1"))
			.overrideConfiguration((o) -> o.apiCallTimeout(Duration.ofSeconds(5))
				.apiCallAttemptTimeout(Duration.ofSeconds(2)))));
		assertThat(this.fixture.http.requests).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-19 paginators and consumer-builder overloads go through the same checks")
	void th19PaginatorsAreChecked(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.queryPaginator((r) -> r.tableName(TABLE)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#globex")))
				.overrideConfiguration((o) -> o.addPlugin(DROP_GUARD_AND_USE_BASE)))
				.stream()
				.mapToInt(QueryResponse::count)
				.sum()))
			.satisfies((denied) -> assertRefusedOverride(denied, "Query", "plugins"));
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> client.queryPaginator((r) -> r.tableName(TABLE)).stream().count());
		assertThat(this.fixture.http.requests).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-20 (#11 finding 4) a client-level plugin added by the customizer fails the factory's build")
	void th20CustomizerPluginFailsTheBuild(IsolationMode mode) {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.fixture.factory(mode, (builder) -> builder.addPlugin(DROP_GUARD_AND_USE_BASE)))
			.withMessageContaining("plugin")
			.withMessageContaining("customizer");
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-20 a client-level signer set by the customizer fails the factory's build")
	void th20CustomizerSignerFailsTheBuild(IsolationMode mode) {
		assertThatIllegalStateException()
			.isThrownBy(() -> this.fixture.factory(mode, (builder) -> builder
				.overrideConfiguration((o) -> o.putAdvancedOption(SdkAdvancedClientOption.SIGNER, BASE_SIGNER))))
			.withMessageContaining("signer")
			.withMessageContaining("customizer");
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-20 the customizer's credentials and auth scheme provider are replaced by the factory's")
	void th20CustomizerCannotReplaceTheIdentity(IsolationMode mode) {
		this.factory = this.fixture.factory(mode, (builder) -> builder.credentialsProvider(BASE)
			.authSchemeProvider((params) -> List.of(AuthSchemeOption.builder().schemeId("smithy.api#noAuth").build())));
		asAcme(() -> this.factory.client().getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))));
		String expected = (mode == IsolationMode.IAM) ? "Credential=AKIDTENANT-acme/" : "Credential=AKIDBASE/";
		assertThat(this.fixture.http.requests).singleElement()
			.satisfies((request) -> assertThat(request.firstMatchingHeader("Authorization"))
				.hasValueSatisfying((authorization) -> assertThat(authorization).contains(expected)));
	}

	/**
	 * Rewrites the marshalled body after the guard's afterMarshalling check (by default to a body of the same length,
	 * so it signs fine).
	 */
	private static final class BodyRewriter implements ExecutionInterceptor {

		private final UnaryOperator<String> rewrite;

		BodyRewriter() {
			this((body) -> body.replace("TENANT#acme", "TENANT#ACME"));
		}

		BodyRewriter(UnaryOperator<String> rewrite) {
			this.rewrite = rewrite;
		}

		@Override
		public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
				ExecutionAttributes executionAttributes) {
			String body = context.requestBody()
				.map((requestBody) -> read(requestBody))
				.orElse("");
			return Optional.of(RequestBody.fromString(this.rewrite.apply(body)));
		}

		private static String read(RequestBody body) {
			try (var in = body.contentStreamProvider().newStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}

	}

	/** Turns any operation into a Scan after the guard checked it. */
	private static final class TargetRewriter implements ExecutionInterceptor {

		@Override
		public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context,
				ExecutionAttributes executionAttributes) {
			return context.httpRequest().toBuilder().putHeader("X-Amz-Target", "DynamoDB_20120810.Scan").build();
		}

	}

	@ParameterizedTest
	@ValueSource(strings = { "longer", "shorter" })
	@DisplayName("TH-20 a body that grew or shrank after the guard's check is refused, also when the checked bytes lead it")
	void th20InterceptorExtendingOrTruncatingTheBodyIsRefused(String change) {
		UnaryOperator<String> rewrite = change.equals("longer") ? (body) -> body + "  "
				: (body) -> body.substring(0, body.length() - 1);
		this.factory = this.fixture.factory(IsolationMode.APPLICATION,
				(builder) -> builder.overrideConfiguration((o) -> o.addExecutionInterceptor(new BodyRewriter(rewrite))));
		DynamoDbClient client = this.factory.client();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(
					() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1")))))
			.withMessageContaining("changed after the guard checked it (its body");
		assertThat(this.fixture.http.bodies).as("nothing reaches the wire").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-20 (#11 finding 4) an interceptor rewriting the body after the guard's check is refused")
	void th20InterceptorRewritingTheBodyIsRefused(IsolationMode mode) {
		this.factory = this.fixture.factory(mode,
				(builder) -> builder.overrideConfiguration((o) -> o.addExecutionInterceptor(new BodyRewriter())));
		DynamoDbClient client = this.factory.client();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(
					() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1")))))
			.satisfies((denied) -> {
				assertThat(denied.getTenant()).isEqualTo("acme");
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
				assertThat(denied.getMessage()).contains("changed after the guard checked it");
			});
		assertThat(this.fixture.http.bodies).as("nothing reaches the wire").isEmpty();
		assertThat(this.fixture.denials).as("the denial is reported to the listener, so it is metered")
			.containsExactly("acme:GetItem:EXPLICIT_DENY");
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-20 an interceptor rewriting the operation header after the guard's check is refused")
	void th20InterceptorRewritingTheTargetIsRefused(IsolationMode mode) {
		this.factory = this.fixture.factory(mode,
				(builder) -> builder.overrideConfiguration((o) -> o.addExecutionInterceptor(new TargetRewriter())));
		DynamoDbClient client = this.factory.client();
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(
					() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1")))))
			.satisfies((denied) -> assertThat(denied.getMessage()).contains("changed after the guard checked it",
					"X-Amz-Target"));
		assertThat(this.fixture.http.requests).as("nothing reaches the wire").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-21 (#11 finding 5) the tenant-scoped client hands out no credentials through its configuration")
	void th21ConfigurationHandsOutNoCredentials(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		IdentityProvider<? extends AwsCredentialsIdentity> exposed = client.serviceClientConfiguration()
			.credentialsProvider();
		assertThat(exposed).isNotSameAs(BASE);
		assertThatThrownBy(() -> asAcme(() -> exposed.resolveIdentity().join()))
			.hasMessageContaining("does not hand out credentials");
		assertThat(this.fixture.tenantCredentials.resolved).hasValue(0);
		assertThat(client.serviceClientConfiguration().region()).hasToString("us-east-1");
		assertThat(((DefaultDynamoDbEnhancedClient) this.factory.enhancedClient()).dynamoDbClient())
			.as("the enhanced client reaches only the wrapper, whose configuration hands out nothing")
			.isSameAs(client);
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	@DisplayName("TH-22 (#11 finding 7a) a denial inside a waiter surfaces as the tenancy exception")
	void th22WaiterDenialSurfacesAsTenancyException(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.waiter().waitUntilTableExists((r) -> r.tableName(TABLE))))
			.satisfies((denied) -> {
				assertThat(denied.getTenant()).isEqualTo("acme");
				assertThat(denied.getAction()).isEqualTo("dynamodb:DescribeTable");
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
			});
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> client.waiter().waitUntilTableNotExists((r) -> r.tableName(TABLE)));
		assertThat(this.fixture.http.requests).isEmpty();
	}

	@Test
	@DisplayName("TH-4/TH-7 Scan, PartiQL and a missing tenant are refused before any tenant credentials are resolved")
	void refusalsComeBeforeCredentialResolution() {
		DynamoDbClient client = client(IsolationMode.IAM);
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.scan((r) -> r.tableName(TABLE))));
		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> asAcme(() -> client.executeStatement((r) -> r.statement("SELECT * FROM app"))));
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))))
			.withMessageContaining("DynamoDB getItem");
		assertThat(this.fixture.tenantCredentials.resolved).as("no STS call").hasValue(0);
		assertThat(this.fixture.denials).containsExactly("acme:Scan:EXPLICIT_DENY",
				"acme:ExecuteStatement:EXPLICIT_DENY");
		assertThat(this.fixture.http.requests).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(IsolationMode.class)
	void theTenantsOwnRequestIsSentUnchanged(IsolationMode mode) {
		DynamoDbClient client = client(mode);
		asAcme(() -> client.getItem((r) -> r.tableName(TABLE).key(key("TENANT#acme", "PROJECT#1"))));
		assertThat(this.fixture.http.bodies).singleElement().asString().contains("TENANT#acme");
	}

}
