package dev.tenancy.sample;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.ActiveProfiles;

import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.sample.jobs.SampleDataSeeder;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.boot.TenancyDevServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the {@code aws} profile the application is wired for real DynamoDB and STS: no test kit, no endpoint
 * overrides, the tenant role and Region from the environment, JWT authentication, no seed data. Nothing here calls
 * AWS: clients and the JWT issuer are only contacted on the first request.
 */
@SpringBootTest(properties = { "AWS_REGION=eu-central-1", "TENANCY_ROLE_ARN=arn:aws:iam::111122223333:role/tenancy-tenant",
		"TENANCY_APPLICATION_PRINCIPAL_ARN=arn:aws:iam::111122223333:role/tenancy-sample",
		"JWT_ISSUER_URI=https://issuer.invalid/pool" })
@ActiveProfiles("aws")
class AwsProfileTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ConfigurableEnvironment environment;

	@Autowired
	private TenancyPolicies policies;

	@Autowired
	private StsClient stsClient;

	@Autowired
	@Qualifier("tenantScopedDynamoDbClient")
	private DynamoDbClient tenantScopedClient;

	@Test
	void runsOnRealDynamoDbAndStsWithTheRoleFromTheEnvironment() {
		assertThat(this.context.getBeanNamesForType(TenancyTestKit.class)).isEmpty();
		assertThat(this.environment.getPropertySources().contains(TenancyDevServices.PROPERTY_SOURCE))
			.isFalse();
		assertThat(this.stsClient.serviceClientConfiguration().endpointOverride()).isEmpty();
		assertThat(this.stsClient.serviceClientConfiguration().region().id()).isEqualTo("eu-central-1");
		assertThat(this.tenantScopedClient.serviceClientConfiguration().endpointOverride()).isEmpty();
		assertThat(this.policies.resources()).containsExactly(
				"arn:aws:dynamodb:eu-central-1:111122223333:table/project-management",
				"arn:aws:dynamodb:eu-central-1:111122223333:table/project-management/index/tasksByAssignee",
				"arn:aws:dynamodb:eu-central-1:111122223333:table/project-management/index/tasksByStatus");
		assertThat(this.policies.trustPolicy().toJson()).contains("arn:aws:iam::111122223333:role/tenancy-sample");
	}

	@Test
	void authenticatesWithJwtsAndDoesNotSeed() {
		assertThat(this.context.getBeanNamesForType(JwtDecoder.class)).hasSize(1);
		assertThat(this.context.getBeanNamesForType(SampleDataSeeder.class)).isEmpty();
		assertThat(this.environment.getProperty("tenancy.tenant-claim")).isEqualTo("custom:tenant_id");
		assertThat(this.environment.getProperty("sample.security.users[0].name")).isNull();
	}

}
