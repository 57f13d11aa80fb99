package dev.tenancy.test.attacks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static dev.tenancy.test.attacks.AttackTable.NAME;
import static dev.tenancy.test.attacks.AttackTable.item;
import static dev.tenancy.test.attacks.AttackTable.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Tampering with the tenant-scoped client against the real kit (issue #11 findings 3 and 4): a request-level plugin or
 * credentials override that would drop the guard or the tenant credentials (TH-19), and client-level customization
 * that would do the same or rewrite a request after the guard checked it (TH-20). The table holds the eight seeded
 * partitions of {@link AttackTable}; each attack must be denied by the guard with nothing leaving the JVM, no foreign
 * item returned and no write applied. Each runs in {@link IsolationMode#IAM} against the enforcing gateway (both
 * walls) and against a permissive one (the guard alone), and in {@link IsolationMode#APPLICATION} against the
 * permissive gateway, where the guard is the only wall.
 */
@TenancyTest
class ClientTamperingAttackTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static TenancyTestKit enforcing;

	private static TenancyTestKit permissive;

	/** Where the tampered client runs. */
	enum Setup {

		IAM_BOTH_WALLS(IsolationMode.IAM), IAM_GUARD_ALONE(IsolationMode.IAM),
		APPLICATION_GUARD_ALONE(IsolationMode.APPLICATION);

		final IsolationMode mode;

		Setup(IsolationMode mode) {
			this.mode = mode;
		}

		TenancyTestKit kit() {
			return (this == IAM_BOTH_WALLS) ? enforcing : permissive;
		}

	}

	@BeforeAll
	static void startWalls(TenancyTestKit kit) {
		enforcing = kit;
		permissive = TenancyTestKit.builder().authorizer(GatewayAuthorizer.allowAll()).start();
		AttackTable.create(enforcing);
		AttackTable.create(permissive);
	}

	@AfterAll
	static void stopWalls() {
		permissive.close();
	}

	/** A request-level plugin removing the guard and signing with the application's base credentials. */
	private static SdkPlugin dropGuardAndSignAsBase(TenancyTestKit kit) {
		return (configuration) -> {
			DynamoDbServiceClientConfiguration.Builder builder = (DynamoDbServiceClientConfiguration.Builder) configuration;
			ClientOverrideConfiguration override = builder.overrideConfiguration();
			builder.overrideConfiguration(override.toBuilder()
				.executionInterceptors(override.executionInterceptors()
					.stream()
					.filter((interceptor) -> !(interceptor instanceof TenantRequestGuard))
					.toList())
				.build());
			builder.credentialsProvider(kit.baseCredentialsProvider());
		};
	}

	/** Rewrites acme's partition key to {@code TENANT#ACME}'s in the marshalled body: same length, valid signature. */
	private static final class PartitionRewriter implements ExecutionInterceptor {

		@Override
		public Optional<RequestBody> modifyHttpContent(Context.ModifyHttpRequest context,
				ExecutionAttributes executionAttributes) {
			return context.requestBody()
				.map((body) -> RequestBody.fromString(read(body).replace("TENANT#acme", "TENANT#ACME")));
		}

		private static String read(RequestBody body) {
			try (InputStream in = body.contentStreamProvider().newStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

	private static <T> T withClient(Setup setup, Consumer<DynamoDbClientBuilder> customizer,
			Function<DynamoDbClient, T> work) {
		TenancyTestKit kit = setup.kit();
		TenancyPolicies policies = AttackTable.policies(null);
		TenantRequestGuard guard = new TenantRequestGuard(
				new DynamoDbRequestContextExtractor(policies.arns(), policies.keySchema()), PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, TenancyTestKit.TENANT_ROLE_ARN, TenancyTestKit.TENANT_TAG, 100),
				TenantGuardListener.NONE);
		try (StsTenantCredentialsProvider credentials = StsTenantCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.ownsStsClient(false)
			.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.tenantTagKey(TenancyTestKit.TENANT_TAG)
			.sessionPolicy(policies::sessionPolicyJson)
			.build();
				TenantScopedDynamoDbClientFactory factory = TenantScopedDynamoDbClientFactory.builder()
					.mode(setup.mode)
					.httpClient(kit.httpClient())
					.region(kit.region())
					.endpointOverride(kit.dynamoDbEndpoint())
					.baseCredentials(kit.baseCredentialsProvider())
					.tenantCredentials(credentials)
					.guard(guard)
					.customizer(customizer)
					.build()) {
			return TenantContext.callAs(ACME, () -> work.apply(factory.client()));
		}
	}

	private static void assertDeniedByTheGuard(Setup setup, String action, Function<DynamoDbClient, ?> attack,
			Consumer<DynamoDbClientBuilder> customizer) {
		TenancyTestKit kit = setup.kit();
		AttackTable.reset(kit);
		long forwarded = kit.gateway().forwardedCount();
		long rejected = kit.gateway().rejectedCount();

		Throwable thrown = catchThrowable(() -> withClient(setup, customizer, attack));

		assertThat(thrown).isInstanceOf(TenantAccessDeniedException.class);
		TenantAccessDeniedException denied = (TenantAccessDeniedException) thrown;
		assertThat(denied.getTenant()).isEqualTo("acme");
		assertThat(denied.getAction()).isEqualTo(action);
		assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD);
		assertThat(denied.getMessage()).doesNotContain(AttackTable.foreignMarkers(ACME));
		assertThat(kit.gateway().forwardedCount()).as("requests that left the JVM").isEqualTo(forwarded);
		assertThat(kit.gateway().rejectedCount()).as("requests that left the JVM").isEqualTo(rejected);
		AttackTable.assertUnchanged(kit, action);
	}

	private static Consumer<DynamoDbClientBuilder> noCustomization() {
		return (builder) -> {
		};
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("control: acme reads its own item through the same setup")
	void controlTheTenantReadsItsOwnItem(Setup setup) {
		AttackTable.reset(setup.kit());
		Map<String, AttributeValue> item = withClient(setup, noCustomization(),
				(client) -> client.getItem((r) -> r.tableName(NAME).key(key("TENANT#acme"))).item());
		assertThat(item.get("pk").s()).isEqualTo("TENANT#acme");
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("TH-19 (#11 finding 3) Scan with a request plugin dropping the guard and the tenant credentials")
	void th19ScanWithGuardDroppingPlugin(Setup setup) {
		assertDeniedByTheGuard(setup, "dynamodb:Scan", (client) -> client.scan((r) -> r.tableName(NAME)
			.overrideConfiguration((o) -> o.addPlugin(dropGuardAndSignAsBase(setup.kit())))), noCustomization());
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("TH-19 (#11 finding 3) GetItem of TENANT#ACME with a request plugin dropping the guard")
	void th19GetItemWithGuardDroppingPlugin(Setup setup) {
		assertDeniedByTheGuard(setup, "dynamodb:GetItem", (client) -> client.getItem((r) -> r.tableName(NAME)
			.key(key("TENANT#ACME"))
			.overrideConfiguration((o) -> o.addPlugin(dropGuardAndSignAsBase(setup.kit())))), noCustomization());
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("TH-19 (#11 finding 3) PutItem signed with request-level base credentials, even into acme's partition")
	void th19PutItemWithBaseCredentialsOverride(Setup setup) {
		// Even a write the guard's policy allows must not be signed with the application's identity: in IAM mode
		// that would take the IAM wall out of the decision.
		assertDeniedByTheGuard(setup, "dynamodb:PutItem", (client) -> client.putItem((r) -> r.tableName(NAME)
			.item(item("TENANT#acme", "PROJECT#9", "written with the base identity"))
			.overrideConfiguration((o) -> o.credentialsProvider(setup.kit().baseCredentialsProvider()))),
				noCustomization());
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("TH-20 (#11 finding 4) a customizer's client-level plugin fails the build")
	void th20CustomizerPluginFailsTheBuild(Setup setup) {
		assertThatIllegalStateException()
			.isThrownBy(() -> withClient(setup, (builder) -> builder.addPlugin(dropGuardAndSignAsBase(setup.kit())),
					(client) -> client.scan((r) -> r.tableName(NAME))))
			.withMessageContaining("plugins");
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("TH-20 (#11 finding 4) an interceptor rewriting GetItem's key to TENANT#ACME after the guard's check")
	void th20InterceptorRewritingTheReadKey(Setup setup) {
		assertDeniedByTheGuard(setup, "dynamodb:GetItem",
				(client) -> client.getItem((r) -> r.tableName(NAME).key(key("TENANT#acme"))),
				(builder) -> builder.overrideConfiguration((o) -> o.addExecutionInterceptor(new PartitionRewriter())));
	}

	@ParameterizedTest
	@EnumSource(Setup.class)
	@DisplayName("TH-20 (#11 finding 4) an interceptor rewriting PutItem into TENANT#ACME after the guard's check")
	void th20InterceptorRewritingTheWrittenKey(Setup setup) {
		assertDeniedByTheGuard(setup, "dynamodb:PutItem",
				(client) -> client.putItem((r) -> r.tableName(NAME).item(item("TENANT#acme", "PROJECT#1", "pwned"))),
				(builder) -> builder.overrideConfiguration((o) -> o.addExecutionInterceptor(new PartitionRewriter())));
	}

}
