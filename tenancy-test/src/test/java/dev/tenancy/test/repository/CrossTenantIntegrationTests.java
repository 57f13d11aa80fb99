package dev.tenancy.test.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.aop.CrossTenantAccess;
import dev.tenancy.aop.CrossTenantAccessDeniedException;
import dev.tenancy.aop.CrossTenantAdvisor;
import dev.tenancy.aop.CrossTenantInterceptor;
import dev.tenancy.aop.CrossTenantListener;
import dev.tenancy.context.TenantId;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.RoleDefinition;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.Page;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @CrossTenant} with separately configured, narrowly scoped identities: the sign-in lookup's role may only
 * Query the global {@code byEmail} index; a reports role may Query the whole table, every tenant's partition. The
 * IAM-enforcing gateway lets each through for what its role allows; on the client side each access works only while
 * a {@code @CrossTenant} call that names it runs on the sending thread (TH-21), whatever object sends the request.
 */
class CrossTenantIntegrationTests {

	private static final String LOOKUP_ROLE_ARN = "arn:aws:iam::" + TenancyTestKit.ACCOUNT_ID + ":role/login-lookup";

	private static final String LOOKUP_ROLE_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:Query",\
			"Resource":"arn:aws:dynamodb:*:123456789012:table/*/index/byEmail"}]}""";

	private static final String REPORTS_ROLE_ARN = "arn:aws:iam::" + TenancyTestKit.ACCOUNT_ID + ":role/reports";

	private static final String REPORTS_ROLE_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:Query",\
			"Resource":"arn:aws:dynamodb:*:123456789012:table/logins"}]}""";

	private static final String TRUST_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
			"Principal":{"AWS":"arn:aws:iam::123456789012:user/tenancy-app"},"Action":"sts:AssumeRole"}]}""";

	/**
	 * The application's own identity may assume the cross-tenant roles too (its default policy covers the tenant role
	 * only).
	 */
	private static final String ASSUME_CROSS_TENANT_ROLES_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",\
			"Resource":["arn:aws:iam::123456789012:role/login-lookup","arn:aws:iam::123456789012:role/reports"]}]}""";

	private static final String TABLE = "logins";

	private static final String REPORTS = "reports";

	private static TenancyTestKit kit;

	private static StsAssumeRoleCredentialsProvider lookupCredentials;

	private static StsAssumeRoleCredentialsProvider reportsCredentials;

	private static DynamoDbClient lookupClient;

	private static CrossTenantAccess lookupAccess;

	private static CrossTenantAccess reportsAccess;

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	private final String annEmail = "ann@" + this.acme + ".example";

	@BeforeAll
	static void startKit() {
		kit = TenancyTestKit.builder()
			.baseIdentityPolicy(TenancyTestKit.BASE_IDENTITY_POLICY, ASSUME_CROSS_TENANT_ROLES_POLICY)
			.role(role(LOOKUP_ROLE_ARN, LOOKUP_ROLE_POLICY))
			.role(role(REPORTS_ROLE_ARN, REPORTS_ROLE_POLICY))
			.start();
		kit.createTable(TABLE, TableSchema.fromClass(Login.class));
		lookupCredentials = credentials(LOOKUP_ROLE_ARN, TenantDirectory.ACCESS);
		reportsCredentials = credentials(REPORTS_ROLE_ARN, REPORTS);
		lookupClient = kit.dynamoDbClient(lookupCredentials);
		lookupAccess = access(TenantDirectory.ACCESS, lookupCredentials);
		reportsAccess = access(REPORTS, reportsCredentials);
	}

	@AfterAll
	static void stopKit() {
		lookupAccess.close();
		reportsAccess.close();
		lookupCredentials.close();
		reportsCredentials.close();
		kit.close();
	}

	private static RoleDefinition role(String arn, String policy) {
		return RoleDefinition.builder()
			.arn(arn)
			.identityPolicy(policy)
			.trustPolicy(TRUST_POLICY)
			.maxSessionDuration(Duration.ofHours(1))
			.build();
	}

	private static StsAssumeRoleCredentialsProvider credentials(String roleArn, String sessionName) {
		return StsAssumeRoleCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.refreshRequest((request) -> request.roleArn(roleArn).roleSessionName(sessionName))
			.build();
	}

	private static CrossTenantAccess access(String name, AwsCredentialsProvider credentials) {
		return CrossTenantAccess.builder()
			.name(name)
			.credentialsProvider(credentials)
			.client((client) -> client.endpointOverride(kit.dynamoDbEndpoint())
				.region(TenancyTestKit.REGION)
				.httpClient(kit.httpClient()))
			.build();
	}

	private void login(TenantId tenant, String email) {
		kit.dynamoDbLocalClient()
			.putItem((request) -> request.tableName(TABLE)
				.item(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS("LOGIN#" + email),
						"email", AttributeValue.fromS(email))));
	}

	@SuppressWarnings("unchecked")
	private static <T> T advised(T target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new CrossTenantAdvisor(new CrossTenantInterceptor(CrossTenantListener.NONE)));
		return (T) factory.getProxy();
	}

	private TenantDirectory directory() {
		return advised(new TenantDirectory(lookupAccess, TenantKeyTemplate.defaultTemplate(), TABLE));
	}

	private Leaks leaks() {
		return advised(new Leaks(lookupAccess, reportsAccess));
	}

	private static long requestsAtTheGateway() {
		return kit.gateway().forwardedCount() + kit.gateway().rejectedCount();
	}

	@Test
	void theLookupFindsTheTenantOfALoginAcrossTenants() {
		login(this.acme, this.annEmail);
		login(this.globex, "bob@" + this.globex + ".example");
		TenantDirectory directory = directory();

		assertThat(directory.tenantOf(this.annEmail)).contains(this.acme);
		assertThat(directory.tenantOf("bob@" + this.globex + ".example")).contains(this.globex);
		assertThat(directory.tenantOf("eve@example.com")).isEmpty();
	}

	@Test
	@DisplayName("TH-21: inside its @CrossTenant call the lookup also works through a paginator and the enhanced client")
	void th21TheLookupWorksInsideTheCallThroughPaginatorsAndTheEnhancedClient() {
		login(this.acme, this.annEmail);
		Leaks leaks = leaks();

		assertThat(leaks.pagedPartitionKeys(this.annEmail)).containsExactly("TENANT#" + this.acme);
		assertThat(leaks.enhancedTenants(this.annEmail)).containsExactly("TENANT#" + this.acme);
	}

	@Test
	void theLookupIdentityMayDoNothingElse() {
		login(this.acme, this.annEmail);

		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> lookupClient.getItem((request) -> request.tableName(TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + this.acme), "sk",
						AttributeValue.fromS("LOGIN#" + this.annEmail)))))
			.satisfies((denied) -> {
				assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
				assertThat(denied.getMessage()).contains("login-lookup")
					.contains("is not authorized to perform: dynamodb:GetItem");
			});
		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> lookupClient.query((request) -> request.tableName(TABLE)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#" + this.acme)))))
			.satisfies((denied) -> assertThat(denied.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
	}

	@Test
	void theCrossTenantClientIsUnusableOutsideACrossTenantMethod() {
		long before = requestsAtTheGateway();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> directory().tenantOfWithoutAnnotation(this.annEmail))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused")
			.withMessageContaining("outside a @CrossTenant method");
		assertThat(requestsAtTheGateway()).isEqualTo(before);
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): a paginator returned from the lookup cannot send requests once it returned")
	void th21PaginatorIteratedOutsideTheCallIsRefused() {
		login(this.acme, this.annEmail);
		SdkIterable<QueryResponse> pages = leaks().paginator(this.annEmail);
		List<Map<String, AttributeValue>> seen = new ArrayList<>();
		long before = requestsAtTheGateway();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> pages.forEach((page) -> seen.addAll(page.items())))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused on thread '")
			.withMessageContaining("outside a @CrossTenant method")
			.satisfies((denied) -> assertThat(denied.getUnlockedAccess()).isNull());
		assertThat(seen).as("no login of another tenant").isEmpty();
		assertThat(requestsAtTheGateway()).as("nothing was sent").isEqualTo(before);
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): an enhanced index.query(...) iterable cannot send requests outside the call")
	void th21EnhancedIndexQueryIteratedOutsideTheCallIsRefused() {
		login(this.acme, this.annEmail);
		SdkIterable<Page<Login>> pages = leaks().enhancedPages(this.annEmail);
		List<Login> seen = new ArrayList<>();
		long before = requestsAtTheGateway();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> pages.forEach((page) -> seen.addAll(page.items())))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused")
			.withMessageContaining("outside a @CrossTenant method");
		assertThat(seen).as("no login of another tenant").isEmpty();
		assertThat(requestsAtTheGateway()).as("nothing was sent").isEqualTo(before);
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): a client reference kept from the lookup is refused when used later")
	void th21StoredClientReferenceIsRefusedLater() {
		login(this.acme, this.annEmail);
		DynamoDbClient kept = leaks().keepClient();
		long before = requestsAtTheGateway();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> kept.query(Leaks.byEmail(this.annEmail)))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused")
			.withMessageContaining("outside a @CrossTenant method");
		assertThat(requestsAtTheGateway()).as("nothing was sent").isEqualTo(before);
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): the lookup method cannot use the broader reports identity")
	void th21LookupMethodCannotUseTheReportsAccess() {
		login(this.acme, this.annEmail);
		Leaks leaks = leaks();
		long before = requestsAtTheGateway();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> leaks.lookupUsingTheReportsAccess(this.acme))
			.withMessageContaining("Cross-tenant access 'reports': DynamoDB Query refused")
			.withMessageContaining("unlocks access 'login-lookup', not 'reports'")
			.satisfies((denied) -> {
				assertThat(denied.getAccess()).isEqualTo(REPORTS);
				assertThat(denied.getUnlockedAccess()).isEqualTo(TenantDirectory.ACCESS);
			});
		assertThat(requestsAtTheGateway()).as("nothing was sent").isEqualTo(before);
		assertThat(leaks.reportOf(this.acme)).as("the reports identity itself can read any tenant's partition")
			.containsExactly(this.annEmail);
	}

	@Test
	@DisplayName("TH-21 (#11 finding 5): the identity's credentials are not reachable through serviceClientConfiguration")
	void th21CredentialsAreNotReachable() {
		DynamoDbServiceClientConfiguration configuration = lookupAccess.client().serviceClientConfiguration();

		for (Object provider : new Object[] { configuration.credentialsProvider(), leaks().credentialsProviderInside() }) {
			assertThat(provider).isInstanceOf(AwsCredentialsProvider.class);
			assertThatExceptionOfType(UnsupportedOperationException.class)
				.isThrownBy(((AwsCredentialsProvider) provider)::resolveCredentials)
				.withMessageContaining("does not hand out credentials");
		}
		assertThat(configuration.endpointOverride()).contains(kit.dynamoDbEndpoint());
	}

	@Test
	@DisplayName("TH-21/TH-19: request overrides with a plugin or other credentials are refused inside the call")
	void th21UnsafeRequestOverridesAreRefused() {
		login(this.acme, this.annEmail);
		Leaks leaks = leaks();
		long before = requestsAtTheGateway();

		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> leaks.lookupWith(this.annEmail, AwsRequestOverrideConfiguration.builder()
				.addPlugin((configuration) -> ((DynamoDbServiceClientConfiguration.Builder) configuration)
					.credentialsProvider(reportsCredentials))
				.build()))
			.withMessageContaining("Cross-tenant access 'login-lookup': DynamoDB Query refused because its request "
					+ "override configuration sets plugins");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> leaks.lookupWith(this.annEmail,
					AwsRequestOverrideConfiguration.builder().credentialsProvider(reportsCredentials).build()))
			.withMessageContaining("sets a credentials provider");
		assertThat(requestsAtTheGateway()).as("nothing was sent").isEqualTo(before);
	}

	/**
	 * Cross-tenant code that tries to let its access escape the call, or to use another access.
	 */
	static class Leaks {

		private static final TableSchema<Login> LOGIN = TableSchema.fromClass(Login.class);

		private final CrossTenantAccess access;

		private final CrossTenantAccess reports;

		Leaks(CrossTenantAccess access, CrossTenantAccess reports) {
			this.access = access;
			this.reports = reports;
		}

		static QueryRequest byEmail(String email) {
			return QueryRequest.builder()
				.tableName(TABLE)
				.indexName("byEmail")
				.keyConditionExpression("#email = :email")
				.expressionAttributeNames(Map.of("#email", "email"))
				.expressionAttributeValues(Map.of(":email", AttributeValue.fromS(email)))
				.build();
		}

		static QueryRequest partitionOf(TenantId tenant) {
			return QueryRequest.builder()
				.tableName(TABLE)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#" + tenant)))
				.build();
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		List<String> pagedPartitionKeys(String email) {
			return this.access.client().queryPaginator(byEmail(email)).items().stream()
				.map((item) -> item.get("pk").s())
				.toList();
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		List<String> enhancedTenants(String email) {
			return enhancedPages(email).stream().flatMap((page) -> page.items().stream()).map(Login::getTenant).toList();
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		SdkIterable<QueryResponse> paginator(String email) {
			return this.access.client().queryPaginator(byEmail(email));
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		SdkIterable<Page<Login>> enhancedPages(String email) {
			return this.access.enhancedClient()
				.table(TABLE, LOGIN)
				.index("byEmail")
				.query(QueryConditional.keyEqualTo(Key.builder().partitionValue(email).build()));
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		DynamoDbClient keepClient() {
			return this.access.client();
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		List<String> lookupUsingTheReportsAccess(TenantId tenant) {
			return this.reports.client().query(partitionOf(tenant)).items().stream()
				.map((item) -> item.get("email").s())
				.toList();
		}

		@CrossTenant(access = REPORTS, value = "Logins per tenant")
		List<String> reportOf(TenantId tenant) {
			return this.reports.client().query(partitionOf(tenant)).items().stream()
				.map((item) -> item.get("email").s())
				.toList();
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		Object credentialsProviderInside() {
			return this.access.client().serviceClientConfiguration().credentialsProvider();
		}

		@CrossTenant(access = TenantDirectory.ACCESS, value = "Sign-in: find the tenant of a login e-mail")
		int lookupWith(String email, AwsRequestOverrideConfiguration overrides) {
			return this.access.client()
				.query(byEmail(email).toBuilder().overrideConfiguration(overrides).build())
				.count();
		}

	}

}
