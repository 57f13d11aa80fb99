package dev.tenancy.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import dev.tenancy.autoconfigure.endpoint.TenancyEndpoint;
import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AccessVariantResolver;
import dev.tenancy.context.AuthorityAccessVariantResolver;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.credentials.VariantRoutingTenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tenancy.column-restrictions.*}: access variants from configuration alone, each with its own sessions and
 * policies, and fail-closed validation of the configuration (TH-12).
 */
class ColumnRestrictionsConfigurationTests {

	private static final AccessVariant RESTRICTED = AccessVariant.of("restricted");

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class))
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=" + TenancyAutoConfigurationTests.ROLE_ARN,
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	private final ApplicationContextRunner withVariants = this.contextRunner.withPropertyValues(
			"tenancy.column-restrictions.default-variant=restricted",
			"tenancy.column-restrictions.unrestricted-authorities=ROLE_ADMIN",
			"tenancy.column-restrictions.variants.restricted.attributes.project=name,status",
			"tenancy.column-restrictions.variants.restricted.attributes.task=title,status");

	@Test
	void withoutVariantsEveryCallerIsUnrestricted() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			ColumnRestrictions restrictions = context.getBean(ColumnRestrictions.class);
			assertThat(restrictions.restrictsColumns()).isFalse();
			assertThat(context.getBean(TenantCredentialsProvider.class))
				.isInstanceOf(StsTenantCredentialsProvider.class);
		});
	}

	@Test
	@DisplayName("TH-12 each configured variant gets its own sessions and session policy")
	void configuredVariantsGetTheirOwnSessionsTH12() {
		this.withVariants.run((context) -> {
			assertThat(context).hasNotFailed();
			ColumnRestrictions restrictions = context.getBean(ColumnRestrictions.class);
			assertThat(restrictions.variants()).containsExactly(AccessVariant.UNRESTRICTED, RESTRICTED);
			assertThat(restrictions.attributes(RESTRICTED)).containsExactlyInAnyOrder("pk", "sk", "name", "status",
					"title");
			assertThat(restrictions.resolver()).isInstanceOf(AuthorityAccessVariantResolver.class);
			AuthorityAccessVariantResolver resolver = (AuthorityAccessVariantResolver) restrictions.resolver();
			assertThat(resolver.defaultVariant()).isEqualTo(RESTRICTED);
			assertThat(resolver.resolve(UsernamePasswordAuthenticationToken.authenticated("admin", null,
					AuthorityUtils.createAuthorityList("ROLE_ADMIN")))).isEqualTo(AccessVariant.UNRESTRICTED);
			assertThat(resolver.resolve(null)).isEqualTo(RESTRICTED);
			TenantCredentialsProvider credentials = context.getBean(TenantCredentialsProvider.class);
			assertThat(credentials).isInstanceOf(VariantRoutingTenantCredentialsProvider.class);
			VariantRoutingTenantCredentialsProvider routing = (VariantRoutingTenantCredentialsProvider) credentials;
			assertThat(routing.sessions(RESTRICTED)).hasToString(
					"StsTenantCredentialsProvider[roleArn=" + TenancyAutoConfigurationTests.ROLE_ARN
							+ ", variant=restricted, cachedTenants=0]");
			assertThat(routing.sessions(AccessVariant.UNRESTRICTED)).isNotNull();
			assertThat(credentials.roleArn()).isEqualTo(TenancyAutoConfigurationTests.ROLE_ARN);
		});
	}

	@Test
	void anApplicationResolverDecidesTheVariant() {
		AccessVariantResolver resolver = () -> RESTRICTED;
		this.withVariants.withBean(AccessVariantResolver.class, () -> resolver)
			.run((context) -> assertThat(context.getBean(ColumnRestrictions.class).resolver()).isSameAs(resolver));
	}

	@Test
	@DisplayName("TH-12 the Actuator endpoint exports each variant's session policy")
	void theEndpointExportsEachVariantsSessionPolicyTH12() {
		this.withVariants.run((context) -> {
			ColumnRestrictions restrictions = context.getBean(ColumnRestrictions.class);
			TenancyEndpoint endpoint = new TenancyEndpoint(restrictions.policies(AccessVariant.UNRESTRICTED),
					IsolationMode.IAM, TenancyAutoConfigurationTests.ROLE_ARN, Duration.ofHours(1), null, false,
					restrictions);
			Map<String, Object> restricted = endpoint.variantPolicy(TenancyEndpoint.POLICY, "acme", "restricted");
			assertThat(restricted).isNotNull();
			assertThat(restricted.toString()).contains("dynamodb:Attributes").contains("title");
			assertThat(endpoint.variantPolicy(TenancyEndpoint.POLICY, "acme", "support")).isNull();
			assertThat(endpoint.document(TenancyEndpoint.POLICY, "acme").toString())
				.doesNotContain("dynamodb:Attributes");
		});
	}

	@Test
	@DisplayName("TH-12 variants without a default variant fail the startup")
	void variantsWithoutADefaultVariantFailTheStartup() {
		this.contextRunner.withPropertyValues("tenancy.column-restrictions.variants.restricted.attributes.project=name")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidTenancyConfigurationException.class)
				.hasMessageContaining("tenancy.column-restrictions.default-variant")
				.hasMessageContaining("least-privileged declared variant"));
		this.withVariants.withPropertyValues("tenancy.column-restrictions.default-variant=support")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("does not name one of them [restricted]"));
	}

	@Test
	void invalidVariantsFailTheStartup() {
		this.contextRunner
			.withPropertyValues("tenancy.column-restrictions.default-variant=read-only",
					"tenancy.column-restrictions.variants.read-only.attributes.project=name")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tenancy.column-restrictions.variants.read-only")
				.hasStackTraceContaining("lower-case letters and digits"));
		this.contextRunner
			.withPropertyValues("tenancy.column-restrictions.default-variant=restricted",
					"tenancy.column-restrictions.variants.restricted.authorities=ROLE_USER")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("tenancy.column-restrictions.variants.restricted.attributes")
				.hasStackTraceContaining("at least one allowed attribute"));
		this.contextRunner.withPropertyValues("tenancy.column-restrictions.default-variant=restricted")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("no column-restricted variant is declared"));
	}

}
