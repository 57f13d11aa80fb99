package dev.tenancy.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

import dev.tenancy.iam.policy.SessionPolicyTooLargeException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.policy.TenancyPoliciesBuilder;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Invalid {@code tenancy.*} configurations fail the startup, and the failure analyzers report the property, the
 * reason and what to set.
 */
class TenancyFailureAnalysisTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class))
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=" + TenancyAutoConfigurationTests.ROLE_ARN,
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk");

	static Stream<Arguments> invalidConfigurations() {
		return Stream.of(
				Arguments.of("iam without role ARN", List.of("tenancy.sts.role-arn="), "tenancy.sts.role-arn",
						"Isolation mode 'iam' signs every tenant-scoped request", "Set 'tenancy.sts.role-arn'"),
				Arguments.of("role ARN that is not a role", List.of("tenancy.sts.role-arn=arn:aws:iam::123456789012:user/app"),
						"tenancy.sts.role-arn", "It is not the ARN of an IAM role.",
						"arn:<partition>:iam::<12-digit account id>:role/"),
				Arguments.of("template without {tenant}", List.of("tenancy.partition-key-template=TENANT#"),
						"tenancy.partition-key-template", "it has no {tenant} placeholder",
						"Set 'tenancy.partition-key-template' to a fixed literal followed by '{tenant}'"),
				Arguments.of("template starting with the tenant", List.of("tenancy.partition-key-template={tenant}"),
						"tenancy.partition-key-template", "it starts with the tenant",
						"Set 'tenancy.partition-key-template'"),
				Arguments.of("session duration below 900 s", List.of("tenancy.sts.session-duration=899s"),
						"tenancy.sts.session-duration", "Session duration 'PT14M59S' is not accepted by STS",
						"whole seconds from 900 (15m) to 43200 (12h)"),
				Arguments.of("session duration above 43,200 s", List.of("tenancy.sts.session-duration=43201s"),
						"tenancy.sts.session-duration", "Session duration 'PT12H1S' is not accepted by STS",
						"whole seconds from 900 (15m) to 43200 (12h)"),
				Arguments.of("refresh-ahead not shorter than the session", List.of("tenancy.sts.refresh-ahead=1h"),
						"tenancy.sts.refresh-ahead", "must be shorter than the session duration",
						"Set 'tenancy.sts.refresh-ahead' shorter than 'tenancy.sts.session-duration'"),
				Arguments.of("application mode without account id",
						List.of("tenancy.isolation-mode=application", "tenancy.sts.role-arn="), "tenancy.account-id",
						"No AWS account id is configured", "Set 'tenancy.account-id'"),
				Arguments.of("malformed account id", List.of("tenancy.account-id=12345"), "tenancy.account-id",
						"An AWS account id is exactly 12 digits.", "Set 'tenancy.account-id'"),
				Arguments.of("missing region", List.of("tenancy.region="), "tenancy.region",
						"No AWS Region is configured", "Set 'tenancy.region'"),
				Arguments.of("table without partition key", List.of("tenancy.tables.items.partition-key="),
						"tenancy.tables.items.partition-key", "Table 'items' has no partition-key attribute.",
						"Set 'tenancy.tables.items.partition-key'"),
				Arguments.of("index without partition key", List.of("tenancy.tables.items.indexes.by-status.sort-key=s"),
						"tenancy.tables.items.indexes.by-status.partition-key", "has no partition-key attribute",
						"Set 'tenancy.tables.items.indexes.by-status.partition-key'"),
				Arguments.of("scan granted", List.of("tenancy.actions=GetItem,Scan"), "tenancy.actions",
						"cannot be granted to a tenant", "Set 'tenancy.actions' to a subset of"),
				Arguments.of("zero cache size", List.of("tenancy.sts.cache-size=0"), "tenancy.sts.cache-size",
						"At least one tenant session must be cached.", "Set 'tenancy.sts.cache-size'"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("invalidConfigurations")
	void failsAtStartupNamingThePropertyAndWhatToSet(String name, List<String> properties, String property,
			String reason, String action) {
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			FailureAnalysis analysis = new InvalidTenancyConfigurationFailureAnalyzer().analyze(failure);
			assertThat(analysis).as("failure analysis of %s", failure).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: " + property).contains(reason);
			assertThat(analysis.getAction()).contains(action);
			assertThat(analysis.getCause()).isInstanceOf(InvalidTenancyConfigurationException.class);
		});
	}

	@Test
	void noTableFailsAtStartup() {
		this.contextRunner.withBean(DynamoDbKeySchema.class, () -> DynamoDbKeySchema.builder().build())
			.run((context) -> {
				FailureAnalysis analysis = new InvalidTenancyConfigurationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: tenancy.tables")
					.contains("No table is declared for tenant-scoped code");
				assertThat(analysis.getAction()).contains("'tenancy.tables.<table>.partition-key'")
					.contains("or define a DynamoDbKeySchema bean");
			});
	}

	@Test // TH-16
	void sessionPolicyOverTheStsLimitFailsAtStartupTH16() {
		List<String> properties = new ArrayList<>();
		IntStream.range(0, 30)
			.forEach((i) -> properties.add("tenancy.tables.table-with-a-rather-long-name-number-" + i
					+ ".partition-key=pk"));
		this.contextRunner.withPropertyValues(properties.toArray(String[]::new)).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new InvalidTenancyConfigurationFailureAnalyzer()
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("Property: tenancy.tables")
				.contains("over the STS limit of 2,048 characters");
			assertThat(analysis.getAction()).contains("Declare fewer tables and indexes in 'tenancy.tables'");
			assertThat(analysis.getCause()).hasCauseInstanceOf(SessionPolicyTooLargeException.class);
		});
	}

	@Nested
	class Analyzers {

		@Test // TH-16
		void sessionPolicyTooLargeFromAnApplicationsOwnPoliciesTH16() {
			DynamoDbKeySchema.Builder schema = DynamoDbKeySchema.builder();
			IntStream.range(0, 30).forEach((i) -> schema.table("table-with-a-rather-long-name-number-" + i, "pk"));
			SessionPolicyTooLargeException tooLarge = catchTooLarge(schema.build());
			FailureAnalysis analysis = new SessionPolicyTooLargeFailureAnalyzer()
				.analyze(new IllegalStateException("bean creation failed", tooLarge));
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(String.format("%,d characters, the limit is 2,048",
					tooLarge.size()));
			assertThat(analysis.getAction()).contains("Reduce the tables, indexes, actions or attribute names");
		}

		@Test
		void areRegisteredInSpringFactories() {
			List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
				.load(FailureAnalyzer.class, ArgumentResolver.none(), (type, name, failure) -> {
				});
			assertThat(analyzers).hasAtLeastOneElementOfType(InvalidTenancyConfigurationFailureAnalyzer.class)
				.hasAtLeastOneElementOfType(SessionPolicyTooLargeFailureAnalyzer.class);
		}

		@Test
		void ignoreOtherFailures() {
			assertThat(new InvalidTenancyConfigurationFailureAnalyzer().analyze(new IllegalStateException("x")))
				.isNull();
		}

		private static SessionPolicyTooLargeException catchTooLarge(DynamoDbKeySchema schema) {
			TenancyPoliciesBuilder builder = TenancyPolicies.builder()
				.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
				.keySchema(schema);
			return assertThatExceptionOfType(SessionPolicyTooLargeException.class).isThrownBy(builder::build)
				.actual();
		}

	}

}
