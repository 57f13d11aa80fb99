package dev.tenancy.test.repository;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tenancy.aop.CrossTenantAccess;
import dev.tenancy.aop.CrossTenantAdvisor;
import dev.tenancy.aop.CrossTenantInterceptor;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.TenantKeyTemplate;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.RoleDefinition;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @CrossTenant} with a separately configured, narrowly scoped identity: a role that may only Query the global
 * {@code byEmail} index. The IAM-enforcing gateway lets the sign-in lookup through and refuses that identity anything
 * else; outside a {@code @CrossTenant} method its client is unusable.
 */
class CrossTenantIntegrationTests {

	private static final String LOOKUP_ROLE_ARN = "arn:aws:iam::" + TenancyTestKit.ACCOUNT_ID + ":role/login-lookup";

	private static final String LOOKUP_ROLE_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"dynamodb:Query",\
			"Resource":"arn:aws:dynamodb:*:123456789012:table/*/index/byEmail"}]}""";

	private static final String LOOKUP_ROLE_TRUST_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow",\
			"Principal":{"AWS":"arn:aws:iam::123456789012:user/tenancy-app"},"Action":"sts:AssumeRole"}]}""";

	/** The application's own identity may assume the lookup role too (its default policy covers the tenant role). */
	private static final String ASSUME_LOOKUP_ROLE_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole",\
			"Resource":"arn:aws:iam::123456789012:role/login-lookup"}]}""";

	private static final String TABLE = "logins";

	private static TenancyTestKit kit;

	private static StsAssumeRoleCredentialsProvider lookupCredentials;

	private static DynamoDbClient lookupClient;

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@BeforeAll
	static void startKit() {
		kit = TenancyTestKit.builder()
			.baseIdentityPolicy(TenancyTestKit.BASE_IDENTITY_POLICY, ASSUME_LOOKUP_ROLE_POLICY)
			.role(RoleDefinition.builder()
				.arn(LOOKUP_ROLE_ARN)
				.identityPolicy(LOOKUP_ROLE_POLICY)
				.trustPolicy(LOOKUP_ROLE_TRUST_POLICY)
				.maxSessionDuration(Duration.ofHours(1))
				.build())
			.start();
		kit.createTable(TABLE, TableSchema.fromClass(Login.class));
		lookupCredentials = StsAssumeRoleCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.refreshRequest((request) -> request.roleArn(LOOKUP_ROLE_ARN).roleSessionName("login-lookup"))
			.build();
		lookupClient = kit.dynamoDbClient(lookupCredentials);
	}

	@AfterAll
	static void stopKit() {
		lookupCredentials.close();
		kit.close();
	}

	private void login(TenantId tenant, String email) {
		kit.dynamoDbLocalClient()
			.putItem((request) -> request.tableName(TABLE)
				.item(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS("LOGIN#" + email),
						"email", AttributeValue.fromS(email))));
	}

	private TenantDirectory directory() {
		ProxyFactory factory = new ProxyFactory(
				new TenantDirectory(new CrossTenantAccess(lookupClient), TenantKeyTemplate.defaultTemplate(), TABLE));
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new CrossTenantAdvisor(new CrossTenantInterceptor((method, justification, tenant) -> {
		})));
		return (TenantDirectory) factory.getProxy();
	}

	@Test
	void theLookupFindsTheTenantOfALoginAcrossTenants() {
		login(this.acme, "ann@acme.example");
		login(this.globex, "bob@globex.example");
		TenantDirectory directory = directory();

		assertThat(directory.tenantOf("ann@acme.example")).contains(this.acme);
		assertThat(directory.tenantOf("bob@globex.example")).contains(this.globex);
		assertThat(directory.tenantOf("eve@example.com")).isEmpty();
	}

	@Test
	void theLookupIdentityMayDoNothingElse() {
		login(this.acme, "ann@acme.example");

		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> lookupClient.getItem((request) -> request.tableName(TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + this.acme), "sk",
						AttributeValue.fromS("LOGIN#ann@acme.example")))))
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
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> directory().tenantOfWithoutAnnotation("ann@acme.example"))
			.withMessageContaining("outside a @CrossTenant method");
	}

}
