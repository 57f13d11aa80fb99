package dev.tenancy.aop;

import software.amazon.awssdk.core.interceptor.ExecutionAttribute;

import java.time.Duration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.dynamodb.RecordingHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * TH-21 (#11 finding 5): the identity of a {@link CrossTenantAccess} signs requests only while a {@code @CrossTenant}
 * call that names the access runs on the sending thread, whatever object sends them, and its credentials do not
 * escape. The wire is a recording HTTP client that would answer another tenant's login.
 */
class CrossTenantConfinementTests {

	private static final String FOREIGN_LOGIN = """
			{"Count":1,"Items":[{"pk":{"S":"TENANT#globex"},"email":{"S":"bob@globex.example"}}]}""";

	private static final String EMAIL = "bob@globex.example";

	private static final TableSchema<EnhancedDocument> LOGIN = TableSchema.documentSchemaBuilder()
		.addIndexPartitionKey(TableMetadata.primaryIndexName(), "pk", AttributeValueType.S)
		.addIndexPartitionKey("byEmail", "email", AttributeValueType.S)
		.attributeConverterProviders(AttributeConverterProvider.defaultProvider())
		.build();

	private final RecordingHttpClient wire = new RecordingHttpClient();

	private final CrossTenantAccess lookupAccess = access("login-lookup", "AKIALOOKUP");

	private final CrossTenantAccess reportsAccess = access("reports", "AKIAREPORTS");

	private final Reports reports = proxy(new Reports(this.reportsAccess));

	private final Lookup lookup = proxy(new Lookup(this.lookupAccess, this.reportsAccess, this.reports));

	CrossTenantConfinementTests() {
		this.wire.respondWith(FOREIGN_LOGIN);
	}

	@AfterEach
	void close() {
		this.lookupAccess.close();
		this.reportsAccess.close();
		assertThat(CrossTenantAccess.currentAccess()).isEmpty();
	}

	private CrossTenantAccess access(String name, String accessKeyId) {
		return CrossTenantAccess.builder()
			.name(name)
			.credentialsProvider(credentials(accessKeyId))
			.client((client) -> client.region(Region.EU_WEST_1).httpClient(this.wire))
			.build();
	}

	private static AwsCredentialsProvider credentials(String accessKeyId) {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret-of-" + accessKeyId));
	}

	@SuppressWarnings("unchecked")
	private static <T> T proxy(T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new CrossTenantAdvisor(new CrossTenantInterceptor(CrossTenantListener.NONE)));
		return (T) factory.getProxy();
	}

	private static QueryRequest byEmail(String email) {
		return QueryRequest.builder()
			.tableName("logins")
			.indexName("byEmail")
			.keyConditionExpression("#email = :email")
			.expressionAttributeNames(Map.of("#email", "email"))
			.expressionAttributeValues(Map.of(":email", AttributeValue.fromS(email)))
			.build();
	}

	private void assertNothingSent() {
		assertThat(this.wire.requests).as("no request reached the wire").isEmpty();
	}

	@Test
	@DisplayName("TH-21: the lookup works inside its @CrossTenant call, signed with the access's own identity")
	void th21TheLookupWorksInsideTheCall() {
		assertThat(this.lookup.count(EMAIL)).isEqualTo(1);
		assertThat(this.lookup.pagedEmails(EMAIL)).containsExactly(EMAIL);
		assertThat(this.lookup.enhancedEmails(EMAIL)).containsExactly(EMAIL);
		assertThat(this.wire.requests).hasSize(3)
			.allSatisfy((request) -> assertThat(request.firstMatchingHeader("Authorization")).hasValueSatisfying(
					(authorization) -> assertThat(authorization).contains("Credential=AKIALOOKUP/")));
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): a paginator returned from a @CrossTenant method cannot send after it returned")
	void th21PaginatorIteratedOutsideTheCallIsRefused() {
		SdkIterable<QueryResponse> pages = this.lookup.paginator(EMAIL);
		List<Map<String, AttributeValue>> seen = new ArrayList<>();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> pages.forEach((page) -> seen.addAll(page.items())))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused on thread '")
			.withMessageContaining("outside a @CrossTenant method")
			.withMessageContaining("@CrossTenant(access = \"login-lookup\")")
			.satisfies((denied) -> {
				assertThat(denied.getAccess()).isEqualTo("login-lookup");
				assertThat(denied.getUnlockedAccess()).isNull();
			});
		assertThat(seen).isEmpty();
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): an enhanced-client iterable returned from a @CrossTenant method is refused outside")
	void th21EnhancedIterableIteratedOutsideTheCallIsRefused() {
		SdkIterable<Page<EnhancedDocument>> pages = this.lookup.enhancedPages(EMAIL);
		List<EnhancedDocument> seen = new ArrayList<>();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> pages.forEach((page) -> seen.addAll(page.items())))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused")
			.withMessageContaining("outside a @CrossTenant method");
		assertThat(seen).isEmpty();
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): a client reference kept from a @CrossTenant method is refused later")
	void th21StoredClientReferenceIsRefusedLater() {
		DynamoDbClient kept = this.lookup.keepClient();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class).isThrownBy(() -> kept.query(byEmail(EMAIL)))
			.withMessageContaining("DynamoDB Query refused")
			.withMessageContaining("outside a @CrossTenant method");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> kept.getItem((request) -> request.tableName("logins")
				.key(Map.of("pk", AttributeValue.fromS("TENANT#globex")))))
			.withMessageContaining("DynamoDB GetItem refused");
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21/TH-22: a waiter taken out of a @CrossTenant method cannot poll after it returned")
	void th21WaiterOutsideTheCallIsRefused() {
		try (DynamoDbWaiter waiter = this.lookup.waiter()) {
			assertThatExceptionOfType(SdkClientException.class)
				.isThrownBy(() -> waiter.waitUntilTableExists((request) -> request.tableName("logins")))
				.havingRootCause()
				.isInstanceOf(CrossTenantAccessDeniedException.class)
				.withMessageContaining("DynamoDB DescribeTable refused");
		}
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21: work handed to another thread inside the call does not carry the access")
	void th21AnotherThreadInsideTheCallIsRefused() {
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> this.lookup.onAnotherThread(EMAIL))
			.havingCause()
			.isInstanceOf(CrossTenantAccessDeniedException.class)
			.withMessageContaining("outside a @CrossTenant method");
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): a method of one access cannot use another access's identity")
	void th21MethodOfOneAccessCannotUseAnother() {
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withTheReportsAccess(EMAIL))
			.withMessageContaining("Cross-tenant access 'reports': DynamoDB Query refused")
			.withMessageContaining("the running @CrossTenant method "
					+ "'CrossTenantConfinementTests.Lookup.withTheReportsAccess' unlocks access 'login-lookup', not 'reports'")
			.satisfies((denied) -> {
				assertThat(denied.getAccess()).isEqualTo("reports");
				assertThat(denied.getUnlockedAccess()).isEqualTo("login-lookup");
			});
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21: a nested @CrossTenant call unlocks its own access only, and the outer one again after it")
	void th21NestedCallUnlocksItsOwnAccessOnly() {
		assertThat(this.lookup.nested(EMAIL)).containsExactly("reports inner: 1",
				"login-lookup inner: refused, unlocked 'reports'", "login-lookup after: 1",
				"reports after: refused, unlocked 'login-lookup'");
		assertThat(this.wire.requests).hasSize(2);
		assertThat(this.wire.requests.get(0).firstMatchingHeader("Authorization")).hasValueSatisfying(
				(authorization) -> assertThat(authorization).contains("Credential=AKIAREPORTS/"));
		assertThat(this.wire.requests.get(1).firstMatchingHeader("Authorization")).hasValueSatisfying(
				(authorization) -> assertThat(authorization).contains("Credential=AKIALOOKUP/"));
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): the identity's credentials are not reachable from its client, inside or outside")
	void th21CredentialsDoNotEscape() {
		assertRefusesToResolve(this.lookupAccess.client().serviceClientConfiguration().credentialsProvider());
		assertThat(this.lookupAccess.client().serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
		assertRefusesToResolve(this.lookup.credentialsProviderInside());
		assertThat(this.lookupAccess.client()).hasToString("CrossTenantDynamoDbClient[login-lookup]");
	}

	private static void assertRefusesToResolve(Object credentialsProvider) {
		assertThat(credentialsProvider).isInstanceOf(AwsCredentialsProvider.class);
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(((AwsCredentialsProvider) credentialsProvider)::resolveCredentials)
			.withMessageContaining("does not hand out credentials");
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): request overrides with a plugin, credentials or a signer are refused inside the call")
	void th21UnsafeRequestOverridesAreRefused() {
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withOverride(EMAIL, AwsRequestOverrideConfiguration.builder()
				.addPlugin((configuration) -> configuration.overrideConfiguration((overrides) -> overrides
					.executionInterceptors(List.of())))
				.build()))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused because its request "
					+ "override configuration sets plugins");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withOverride(EMAIL,
					AwsRequestOverrideConfiguration.builder().credentialsProvider(credentials("AKIAOTHER")).build()))
			.withMessageContaining("sets a credentials provider");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withOverride(EMAIL,
					AwsRequestOverrideConfiguration.builder().signer((request, attributes) -> request).build()))
			.withMessageContaining("sets a signer");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.pagedWithOverride(EMAIL,
					AwsRequestOverrideConfiguration.builder().addPlugin((configuration) -> {
					}).build()))
			.withMessageContaining("sets plugins");
		assertNothingSent();
		assertThat(this.lookup.withOverride(EMAIL,
				AwsRequestOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(5)).build()))
			.as("harmless overrides still work")
			.isEqualTo(1);
	}

	@Test
	@DisplayName("TH-21: the cross-tenant client refuses the same request overrides as the tenant-scoped client "
			+ "(headers, query parameters, execution attributes, an endpoint provider)")
	void th21SameOverrideAllowListAsTheTenantScopedClient() {
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withOverride(EMAIL,
					AwsRequestOverrideConfiguration.builder().putHeader("X-Amz-Target", "DynamoDB_20120810.Scan")
						.build()))
			.withMessageContaining("sets headers");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withOverride(EMAIL,
					AwsRequestOverrideConfiguration.builder().putRawQueryParameter("x", "1").build()))
			.withMessageContaining("sets query parameters");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.withOverride(EMAIL, AwsRequestOverrideConfiguration.builder()
				.putExecutionAttribute(new ExecutionAttribute<>("tampering"), "1")
				.build()))
			.withMessageContaining("sets execution attributes");
		assertNothingSent();
	}

	@Test
	@DisplayName("TH-21: a client plugin that replaces the identity's credentials provider fails when the access is built")
	void th21ClientPluginReplacingTheCredentialsFailsAtBuild() {
		assertThatIllegalStateException().isThrownBy(() -> CrossTenantAccess.builder()
			.name("login-lookup")
			.credentialsProvider(credentials("AKIALOOKUP"))
			.client((client) -> client.region(Region.EU_WEST_1)
				.httpClient(this.wire)
				.addPlugin((configuration) -> ((DynamoDbServiceClientConfiguration.Builder) configuration)
					.credentialsProvider(credentials("AKIALOOKUP"))))
			.build())
			.withMessageContaining("Cross-tenant access 'login-lookup': the client settings")
			.withMessageContaining("replaced the access's credentials provider");
	}

	@Test
	@DisplayName("TH-21: the credentials provider and the interceptor each refuse at send time on their own, also after "
			+ "the same client sent a request while unlocked")
	void th21SendTimeChecksRefuseOnTheirOwn() {
		try (DynamoDbClient credentialsOnly = DynamoDbClient.builder()
			.region(Region.EU_WEST_1)
			.httpClient(this.wire)
			.credentialsProvider(new ConfinedCredentialsProvider("login-lookup", credentials("AKIALOOKUP")))
			.build();
				DynamoDbClient interceptorOnly = DynamoDbClient.builder()
					.region(Region.EU_WEST_1)
					.httpClient(this.wire)
					.credentialsProvider(credentials("AKIALOOKUP"))
					.overrideConfiguration((overrides) -> overrides
						.addExecutionInterceptor(new ConfinedRequestInterceptor("login-lookup")))
					.build()) {
			CrossTenantCall call = CrossTenantCall.enter("login-lookup", "a unit test", "CrossTenantConfinementTests");
			try {
				assertThat(credentialsOnly.query(byEmail(EMAIL)).count()).as("unlocked: sent").isEqualTo(1);
				assertThat(interceptorOnly.query(byEmail(EMAIL)).count()).as("unlocked: sent").isEqualTo(1);
			}
			finally {
				call.exit();
			}
			this.wire.requests.clear();
			assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
				.isThrownBy(() -> credentialsOnly.query(byEmail(EMAIL)))
				.withMessageContaining("Cross-tenant access 'login-lookup': resolving the identity's credentials "
						+ "refused");
			assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
				.isThrownBy(() -> interceptorOnly.query(byEmail(EMAIL)))
				.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused");
		}
		assertNothingSent();
	}

	static class Lookup {

		private final CrossTenantAccess access;

		private final CrossTenantAccess reportsAccess;

		private final Reports reports;

		Lookup(CrossTenantAccess access, CrossTenantAccess reportsAccess, Reports reports) {
			this.access = access;
			this.reportsAccess = reportsAccess;
			this.reports = reports;
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		int count(String email) {
			return this.access.client().query(byEmail(email)).count();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		List<String> pagedEmails(String email) {
			return this.access.client().queryPaginator(byEmail(email)).items().stream()
				.map((item) -> item.get("email").s())
				.toList();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		List<String> enhancedEmails(String email) {
			return enhancedPages(email).stream()
				.flatMap((page) -> page.items().stream())
				.map((document) -> document.getString("email"))
				.toList();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		SdkIterable<QueryResponse> paginator(String email) {
			return this.access.client().queryPaginator(byEmail(email));
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		SdkIterable<Page<EnhancedDocument>> enhancedPages(String email) {
			return this.access.enhancedClient()
				.table("logins", LOGIN)
				.index("byEmail")
				.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(email).build()));
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		DynamoDbClient keepClient() {
			return this.access.client();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		DynamoDbWaiter waiter() {
			return this.access.client().waiter();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		int onAnotherThread(String email) throws Exception {
			return CompletableFuture.supplyAsync(() -> this.access.client().query(byEmail(email)).count()).get();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		int withTheReportsAccess(String email) {
			return this.reportsAccess.client().query(byEmail(email)).count();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		Object credentialsProviderInside() {
			return this.access.client().serviceClientConfiguration().credentialsProvider();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		int withOverride(String email, AwsRequestOverrideConfiguration overrides) {
			return this.access.client().query(byEmail(email).toBuilder().overrideConfiguration(overrides).build()).count();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		long pagedWithOverride(String email, AwsRequestOverrideConfiguration overrides) {
			return this.access.client()
				.queryPaginator(byEmail(email).toBuilder().overrideConfiguration(overrides).build())
				.items()
				.stream()
				.count();
		}

		@CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
		List<String> nested(String email) {
			List<String> events = new ArrayList<>(this.reports.nestedInside(this.access, email));
			events.add("login-lookup after: " + attempt(this.access, email));
			events.add("reports after: " + attempt(this.reportsAccess, email));
			return events;
		}

	}

	static class Reports {

		private final CrossTenantAccess access;

		Reports(CrossTenantAccess access) {
			this.access = access;
		}

		@CrossTenant(access = "reports", value = "Usage report over all tenants")
		List<String> nestedInside(CrossTenantAccess enclosing, String email) {
			return List.of("reports inner: " + attempt(this.access, email),
					"login-lookup inner: " + attempt(enclosing, email));
		}

	}

	static String attempt(CrossTenantAccess access, String email) {
		try {
			return String.valueOf(access.client().query(byEmail(email)).count());
		}
		catch (CrossTenantAccessDeniedException ex) {
			return "refused, unlocked '" + ex.getUnlockedAccess() + "'";
		}
	}

}
