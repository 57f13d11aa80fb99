package dev.tenancy.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskDecorator;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

import dev.tenancy.aop.CrossTenantAdvisor;
import dev.tenancy.aop.EnableTenantScoping;
import dev.tenancy.aop.TenantScopedAdvisor;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.SecurityContextTenantResolver;
import dev.tenancy.context.TenantAwarePrincipal;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantResolver;
import dev.tenancy.context.TenantScope;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.dynamodb.DynamoDbExceptionTranslator;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.TenantKeyTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

/**
 * Tests for {@link TenancyAutoConfiguration}: every conditional bean present, backed off for a user-defined bean,
 * absent without its optional dependency, and disabled by property.
 */
@SuppressWarnings("try") // tenant scopes are opened for their effect on the thread
class TenancyAutoConfigurationTests {

	static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tenant-data";

	static final String ITEMS_ARN = "arn:aws:dynamodb:eu-central-1:123456789012:table/items";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TenancyAutoConfiguration.class))
		.withPropertyValues("tenancy.region=eu-central-1", "tenancy.sts.role-arn=" + ROLE_ARN,
				"tenancy.tables.items.partition-key=pk", "tenancy.tables.items.sort-key=sk",
				"tenancy.tables.items.indexes.by-status.partition-key=gsi1pk",
				"tenancy.tables.items.indexes.by-status.sort-key=gsi1sk");

	@Nested
	class Defaults {

		@Test
		void registersEveryBeanInIsolationModeIam() {
			contextRunner.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TenancyProperties.class);
				assertThat(context.getBean("tenancySdkHttpClient")).isInstanceOf(SdkHttpClient.class);
				assertThat(context.getBean("tenancyAwsCredentialsProvider")).isInstanceOf(DefaultCredentialsProvider.class);
				assertThat(context.getBean("stsClient")).isInstanceOf(StsClient.class);
				assertThat(context.getBean("tenantCredentialsProvider")).isInstanceOf(StsTenantCredentialsProvider.class);
				assertThat(context.getBean("tenantKeyTemplate")).isEqualTo(TenantKeyTemplate.defaultTemplate());
				assertThat(context).hasSingleBean(DynamoDbKeySchema.class);
				assertThat(context).hasSingleBean(TenancyPolicies.class);
				assertThat(context).hasSingleBean(TenantRequestGuard.class);
				assertThat(context).hasSingleBean(TenantScopedDynamoDbClientFactory.class);
				assertThat(context).hasSingleBean(DynamoDbExceptionTranslator.class);
				assertThat(context.getBean("tenantTaskDecorator")).isInstanceOf(TaskDecorator.class);
				assertThat(context.getBean(TenantScopedDynamoDbClientFactory.class).mode()).isEqualTo(IsolationMode.IAM);
			});
		}

		@Test
		void grantsTheConfiguredTablesAndIndexesInTheConfiguredRegionAndRoleAccount() {
			contextRunner.run((context) -> {
				TenancyPolicies policies = context.getBean(TenancyPolicies.class);
				assertThat(policies.resources()).containsExactly(ITEMS_ARN, ITEMS_ARN + "/index/by-status");
				assertThat(policies.keySchema().partitionKey("items", "by-status")).isEqualTo("gsi1pk");
				assertThat(policies.actions()).isEqualTo(TenancyPolicies.DEFAULT_ACTIONS);
				assertThat(context.getBean(StsTenantCredentialsProvider.class).roleArn()).isEqualTo(ROLE_ARN);
			});
		}

		@Test
		void appliesTableNamePrefixAndPartitionKeyTemplate() {
			contextRunner
				.withPropertyValues("tenancy.table-name-prefix=prod-", "tenancy.partition-key-template=T|{tenant}",
						"tenancy.actions=GetItem,Query")
				.run((context) -> {
					TenancyPolicies policies = context.getBean(TenancyPolicies.class);
					assertThat(policies.keySchema().tables()).containsExactly("prod-items");
					assertThat(policies.keyTemplate().partitionKey(TenantId.of("acme"))).isEqualTo("T|acme");
					assertThat(policies.actions()).containsExactly("dynamodb:GetItem", "dynamodb:Query");
				});
		}

		@Test // TH-7
		void tenantScopedClientFailsClosedWithoutTenantAndNeverCallsAws() {
			contextRunner.withUserConfiguration(StubAwsConfiguration.class).run((context) -> {
				DynamoDbClient scoped = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
						DynamoDbClient.class);
				assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> scoped.getItem(getItem("items")))
					.withMessageContaining("No tenant is bound").withMessageContaining("DynamoDB getItem");
				StubAwsHttpClient http = context.getBean(StubAwsHttpClient.class);
				assertThat(http.stsCalls()).isZero();
				assertThat(http.dynamoDbCalls()).isZero();
			});
		}

		@Test
		void tenantScopedClientSignsWithTheTenantSessionAndIsGuarded() {
			contextRunner.withUserConfiguration(StubAwsConfiguration.class).run((context) -> {
				DynamoDbClient scoped = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
						DynamoDbClient.class);
				StubAwsHttpClient http = context.getBean(StubAwsHttpClient.class);
				try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
					scoped.getItem(getItem("items"));
					assertThatExceptionOfType(TenantAccessDeniedException.class)
						.isThrownBy(() -> scoped.getItem(getItem("other-table")))
						.withMessageContaining("Tenant 'acme' was denied dynamodb:GetItem");
				}
				assertThat(http.stsCalls()).isEqualTo(1);
				assertThat(http.dynamoDbCalls()).isEqualTo(1);
			});
		}

		@Test // TH-8
		void taskDecoratorRunsTasksWithTheSubmittingThreadsTenant() throws Exception {
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				contextRunner.run((context) -> {
					TaskDecorator decorator = context.getBean("tenantTaskDecorator", TaskDecorator.class);
					CompletableFuture<String> seen = new CompletableFuture<>();
					try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
						executor.execute(decorator.decorate(() -> seen.complete(String.valueOf(TenantContext.currentOrNull()))));
					}
					assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("acme");
					CompletableFuture<String> after = new CompletableFuture<>();
					executor.execute(() -> after.complete(String.valueOf(TenantContext.currentOrNull())));
					assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("null");
				});
			}
			finally {
				executor.shutdownNow();
			}
		}

	}

	@Nested
	class ApplicationIsolation {

		@Test
		void needsNoStsAndSignsWithBaseCredentials() {
			contextRunner
				.withPropertyValues("tenancy.isolation-mode=application", "tenancy.sts.role-arn=",
						"tenancy.account-id=210987654321")
				.withUserConfiguration(StubAwsConfiguration.class)
				.run((context) -> {
					assertThat(context).doesNotHaveBean(StsClient.class);
					assertThat(context).doesNotHaveBean(TenantCredentialsProvider.class);
					assertThat(context.getBean(TenantScopedDynamoDbClientFactory.class).mode())
						.isEqualTo(IsolationMode.APPLICATION);
					assertThat(context.getBean(TenancyPolicies.class).resources())
						.contains("arn:aws:dynamodb:eu-central-1:210987654321:table/items");
					DynamoDbClient scoped = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
							DynamoDbClient.class);
					StubAwsHttpClient http = context.getBean(StubAwsHttpClient.class);
					TenantContext.runAs(TenantId.of("acme"), () -> scoped.getItem(getItem("items")));
					assertThat(http.stsCalls()).isZero();
					assertThat(http.dynamoDbCalls()).isEqualTo(1);
				});
		}

	}

	@Nested
	class BackOff {

		@Test
		void toUserDefinedAwsBeans() {
			contextRunner.withUserConfiguration(UserAwsBeans.class).run((context) -> {
				assertThat(context).doesNotHaveBean("tenancySdkHttpClient");
				assertThat(context).doesNotHaveBean("tenancyAwsCredentialsProvider");
				assertThat(context).doesNotHaveBean("stsClient");
				assertThat(context.getBean(SdkHttpClient.class)).isSameAs(context.getBean("userHttpClient"));
				assertThat(context.getBean(AwsCredentialsProvider.class)).isSameAs(context.getBean("userCredentials"));
				assertThat(context.getBean(StsClient.class)).isSameAs(context.getBean("userStsClient"));
				assertThat(context).hasSingleBean(TenantScopedDynamoDbClientFactory.class);
			});
		}

		@Test
		void toUserDefinedTenancyBeans() {
			contextRunner.withUserConfiguration(UserTenancyBeans.class).run((context) -> {
				assertThat(context.getBean(TenantKeyTemplate.class)).isSameAs(context.getBean("userKeyTemplate"));
				assertThat(context.getBean(DynamoDbKeySchema.class)).isSameAs(context.getBean("userKeySchema"));
				assertThat(context.getBean(TenancyPolicies.class)).isSameAs(context.getBean("userPolicies"));
				assertThat(context.getBean(TenantCredentialsProvider.class)).isSameAs(context.getBean("userSessions"));
				assertThat(context).doesNotHaveBean(StsTenantCredentialsProvider.class);
				assertThat(context.getBean(TenantRequestGuard.class)).isSameAs(context.getBean("userGuard"));
				assertThat(context.getBean(DynamoDbExceptionTranslator.class)).isSameAs(context.getBean("userTranslator"));
				assertThat(context.getBean("tenantTaskDecorator")).isSameAs(UserTenancyBeans.DECORATOR);
				assertThat(context.getBean(TenantResolver.class)).isSameAs(context.getBean("userResolver"));
			});
		}

		@Test
		void toUserDefinedClientFactory() {
			contextRunner.withUserConfiguration(StubAwsConfiguration.class, UserClientFactory.class).run((context) -> {
				assertThat(context).hasSingleBean(TenantScopedDynamoDbClientFactory.class);
				assertThat(context.getBean(TenantScopedDynamoDbClientFactory.class))
					.isSameAs(context.getBean("userFactory"));
				assertThat(context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT))
					.isSameAs(context.getBean(TenantScopedDynamoDbClientFactory.class).client());
			});
		}

	}

	@Nested
	class SpringSecurity {

		@Test
		void resolvesTheTenantFromTheConfiguredClaim() {
			contextRunner.withPropertyValues("tenancy.tenant-claim=org").run((context) -> {
				assertThat(context.getBean("tenantResolver")).isInstanceOf(SecurityContextTenantResolver.class);
				assertThat(context.getBean(SecurityContextTenantResolver.class).claim()).isEqualTo("org");
			});
		}

		@Test
		@DisplayName("TH-8: @Async work submitted by a thread with only an authenticated principal runs as its tenant")
		void th8TaskDecoratorUsesThePrincipalsTenantWhenNoScopeIsOpen() throws Exception {
			ExecutorService executor = Executors.newSingleThreadExecutor();
			try {
				contextRunner.run((context) -> {
					TaskDecorator decorator = context.getBean("tenantTaskDecorator", TaskDecorator.class);
					CompletableFuture<String> seen = new CompletableFuture<>();
					SecurityContextHolder.getContext().setAuthentication(principal("acme"));
					try {
						executor.execute(
								decorator.decorate(() -> seen.complete(String.valueOf(TenantContext.currentOrNull()))));
					}
					finally {
						SecurityContextHolder.clearContext();
					}
					assertThat(seen.get(10, TimeUnit.SECONDS)).isEqualTo("acme");
					CompletableFuture<String> anonymous = new CompletableFuture<>();
					executor.execute(decorator
						.decorate(() -> anonymous.complete(String.valueOf(TenantContext.currentOrNull()))));
					assertThat(anonymous.get(10, TimeUnit.SECONDS)).isEqualTo("null");
				});
			}
			finally {
				executor.shutdownNow();
			}
		}

		private static Authentication principal(String tenant) {
			TenantAwarePrincipal alice = () -> tenant;
			return UsernamePasswordAuthenticationToken.authenticated(alice, null, List.of());
		}

		@Test
		void noResolverWithoutSpringSecurity() {
			contextRunner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class)).run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TenantResolver.class);
				assertThat(context).hasSingleBean(TenantScopedDynamoDbClientFactory.class);
			});
		}

	}

	@Nested
	class TenantScoping {

		@Test
		void advisorsForTenantScopedApplicationBeans() {
			contextRunner.run((context) -> {
				assertThat(context).hasSingleBean(TenantScopedAdvisor.class);
				assertThat(context).hasSingleBean(CrossTenantAdvisor.class);
			});
		}

		@Test
		void backsOffForEnableTenantScoping() {
			contextRunner.withUserConfiguration(ExplicitScoping.class).run((context) -> {
				assertThat(context).hasSingleBean(TenantScopedAdvisor.class);
				assertThat(context).doesNotHaveBean(TenancyAutoConfiguration.TenantScopingAdvisorConfiguration.class);
			});
		}

		@Test
		void disabledByProperty() {
			contextRunner.withPropertyValues("tenancy.scoping.enabled=false")
				.run((context) -> assertThat(context).doesNotHaveBean(TenantScopedAdvisor.class));
		}

	}

	@Nested
	class Customizers {

		@Test
		void keySchemaCustomizersDeclareFurtherTables() {
			contextRunner
				.withBean(TenancyKeySchemaCustomizer.class, () -> (builder) -> builder.table("audit", "pk", "sk"))
				.run((context) -> assertThat(context.getBean(TenancyPolicies.class).resources())
					.containsExactly(ITEMS_ARN, ITEMS_ARN + "/index/by-status",
							"arn:aws:dynamodb:eu-central-1:123456789012:table/audit"));
		}

		@Test
		void clientCustomizersAreAppliedAndMayExtendTheOverrideConfiguration() {
			contextRunner
				.withBean(TenantScopedDynamoDbClientCustomizer.class,
						() -> (builder) -> builder.overrideConfiguration(builder.overrideConfiguration()
							.toBuilder()
							.apiCallTimeout(Duration.ofSeconds(7))
							.build()))
				.withUserConfiguration(StubAwsConfiguration.class)
				.run((context) -> {
					DynamoDbClient scoped = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
							DynamoDbClient.class);
					assertThat(scoped.serviceClientConfiguration().overrideConfiguration().apiCallTimeout())
						.contains(Duration.ofSeconds(7));
					assertThat(scoped.serviceClientConfiguration().region()).isEqualTo(Region.EU_CENTRAL_1);
				});
		}

		@Test // TH-1
		void aCustomizerThatReplacesTheOverrideConfigurationCannotDropTheGuardTH1() {
			contextRunner
				.withBean(TenantScopedDynamoDbClientCustomizer.class,
						() -> (builder) -> builder.overrideConfiguration((config) -> config.apiCallTimeout(Duration.ofSeconds(7))))
				.withUserConfiguration(StubAwsConfiguration.class)
				.run((context) -> {
					DynamoDbClient scoped = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
							DynamoDbClient.class);
					try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
						assertThatExceptionOfType(TenantAccessDeniedException.class)
							.isThrownBy(() -> scoped.getItem(getItem("other-table")))
							.withMessageContaining("client-side guard");
					}
					assertThat(context.getBean(StubAwsHttpClient.class).dynamoDbCalls()).isZero();
				});
		}

		@Test
		void credentialsDecoratorsWrapTheTenantSessions() {
			contextRunner
				.withBean(TenantCredentialsProviderDecorator.class,
						() -> (delegate) -> new RecordingTenantCredentialsProvider(delegate))
				.withUserConfiguration(StubAwsConfiguration.class)
				.run((context) -> {
					DynamoDbClient scoped = context.getBean(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
							DynamoDbClient.class);
					TenantContext.runAs(TenantId.of("acme"), () -> scoped.getItem(getItem("items")));
					assertThat(RecordingTenantCredentialsProvider.TENANTS).contains(TenantId.of("acme"));
				});
		}

	}

	@Nested
	class DisabledByProperty {

		@Test
		void tenancyEnabledFalse() {
			contextRunner.withPropertyValues("tenancy.enabled=false").run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(TenancyProperties.class);
				assertThat(context).doesNotHaveBean(DynamoDbClient.class);
				assertThat(context).doesNotHaveBean(TenantScopedDynamoDbClientFactory.class);
				assertThat(context).doesNotHaveBean(TaskDecorator.class);
			});
		}

		@Test
		void taskDecoratorEnabledFalse() {
			contextRunner.withPropertyValues("tenancy.task-decorator.enabled=false").run((context) -> {
				assertThat(context).doesNotHaveBean(TaskDecorator.class);
				assertThat(context).hasSingleBean(TenantScopedDynamoDbClientFactory.class);
			});
		}

	}

	static GetItemRequest getItem(String table) {
		return GetItemRequest.builder()
			.tableName(table)
			.key(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#1")))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserAwsBeans {

		@Bean
		SdkHttpClient userHttpClient() {
			return new StubAwsHttpClient();
		}

		@Bean
		AwsCredentialsProvider userCredentials() {
			return AnonymousCredentialsProvider.create();
		}

		@Bean
		StsClient userStsClient() {
			return mock(StsClient.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTenancyBeans {

		static final TaskDecorator DECORATOR = (runnable) -> runnable;

		@Bean
		TenantKeyTemplate userKeyTemplate() {
			return TenantKeyTemplate.of("ORG#{tenant}");
		}

		@Bean
		DynamoDbKeySchema userKeySchema() {
			return DynamoDbKeySchema.builder().table("orders", "pk").build();
		}

		@Bean
		TenancyPolicies userPolicies(DynamoDbKeySchema schema, TenantKeyTemplate template) {
			return TenancyPolicies.builder()
				.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
				.keySchema(schema)
				.keyTemplate(template)
				.build();
		}

		@Bean
		TenantCredentialsProvider userSessions() {
			return mock(TenantCredentialsProvider.class);
		}

		@Bean
		TenantRequestGuard userGuard(TenancyPolicies policies) {
			return new TenantRequestGuard(new DynamoDbRequestContextExtractor(policies.arns(), policies.keySchema()),
					PolicyEvaluator.create(), (tenant) -> {
						throw new IllegalStateException("not called");
					}, TenantGuardListener.NONE);
		}

		@Bean
		DynamoDbExceptionTranslator userTranslator() {
			return new DynamoDbExceptionTranslator();
		}

		@Bean
		TaskDecorator tenantTaskDecorator() {
			return DECORATOR;
		}

		@Bean
		TenantResolver userResolver() {
			return Optional::empty;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenantScoping
	static class ExplicitScoping {

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientFactory {

		@Bean
		TenantScopedDynamoDbClientFactory userFactory(SdkHttpClient httpClient, AwsCredentialsProvider credentials,
				TenantRequestGuard guard) {
			return TenantScopedDynamoDbClientFactory.builder()
				.mode(IsolationMode.APPLICATION)
				.httpClient(httpClient)
				.region(Region.EU_CENTRAL_1)
				.baseCredentials(credentials)
				.guard(guard)
				.build();
		}

	}

}
