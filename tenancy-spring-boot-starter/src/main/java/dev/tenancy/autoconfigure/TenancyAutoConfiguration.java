package dev.tenancy.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.util.StringUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.tenancy.aop.EnableTenantScoping;
import dev.tenancy.aop.TenantScopedAdvisor;
import dev.tenancy.aop.TenantScopingConfiguration;
import dev.tenancy.aop.TenantTaskDecorator;
import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.context.SecurityContextTenantResolver;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantResolver;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsListener;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.dynamodb.DynamoDbExceptionTranslator;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.policy.SessionPolicyTooLargeException;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.policy.TenancyPoliciesBuilder;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.keys.TenantTables;

/**
 * Auto-configuration of tenancy: the base AWS clients, token vending, the policies, the
 * client-side guard, the tenant-scoped DynamoDB client, the Spring Security tenant resolver and tenant propagation to
 * task executors.
 * <p>
 * Least privilege by default: the only {@link DynamoDbClient} and {@link DynamoDbEnhancedClient} in the context are
 * the tenant-scoped ones, so injecting either without a qualifier yields a client that fails closed outside a tenant
 * scope and is confined to the tenant inside one. The application's base credentials sign STS requests only (in
 * isolation mode {@code application}, the guarded tenant-scoped client's requests too). An application-defined
 * DynamoDB client bean fails the startup ({@link UnscopedDynamoDbClientsCheck}) unless it is named in
 * {@code tenancy.allowed-unscoped-clients}; work that needs the application's own identity goes through the opt-in
 * {@link TenancyAdminClient}.
 * <p>
 * Beans, each backing off when the application defines its own of the same type unless said otherwise:
 * <ul>
 * <li>{@code tenancySdkHttpClient} ({@link SdkHttpClient}), one connection pool for every client below;</li>
 * <li>{@code tenancyAwsCredentialsProvider} ({@link AwsCredentialsProvider}), the application's base credentials;</li>
 * <li>{@code stsClient} and {@code tenantCredentialsProvider} ({@link StsTenantCredentialsProvider}), in isolation
 * mode {@code iam} only;</li>
 * <li>{@code tenantKeyTemplate}, {@code tenancyKeySchema}, {@code tenancyPolicies} and {@code tenantRequestGuard};</li>
 * <li>{@code tenancyTenantTierRegistry} ({@code TenantTierRegistry}), through which a tenant's tier can change at
 * runtime, and {@code tenancyTenantTables} ({@code TenantTables}) deciding each request's table from it: every tenant
 * pooled, unless {@code tenancy.tiers.silo-tenants} lists silo tenants, a {@code TenantTierResolver} bean decides the
 * tiers or {@code tenancy.tiers.enabled} is set; silo tables are named by {@code tenancy.tiers.silo-table-template};
 * {@code tenancyTierChangeEviction} drops a tenant's sessions and compiled policies when its tier changes;</li>
 * <li>{@code tenantFences} ({@link TenantFences}), which refuse a tenant's requests while a lifecycle operation (a
 * move between tiers, a purge) works on its data;</li>
 * <li>{@code tenantScopedDynamoDbClientFactory} (with those fences) and, from it,
 * {@code tenantScopedDynamoDbClient} and {@code tenantScopedDynamoDbEnhancedClient}: the clients every tenant-scoped
 * call goes through, primary and the only DynamoDB clients of the context, so a plain
 * {@code @Autowired DynamoDbClient} (and Spring Cloud AWS's {@code DynamoDbTemplate}, whose auto-configuration runs
 * after this one and backs off) gets them;</li>
 * <li>{@code tenancyUnscopedDynamoDbClientsCheck}, which fails the startup for any other DynamoDB client bean;</li>
 * <li>{@code tenancyAdminClient} ({@link TenancyAdminClient}), only with {@code tenancy.admin-client.enabled=true}:
 * signed with the base credentials, for creating tables and similar application-level work; its inner client is not
 * a bean;</li>
 * <li>{@code dynamoDbExceptionTranslator}, {@code tenantTaskDecorator} and, with Spring Security,
 * {@code tenantResolver};</li>
 * <li>the {@code @TenantScoped} and {@code @CrossTenant} advisors of {@link EnableTenantScoping}.</li>
 * </ul>
 * Invalid properties fail the startup with an {@link InvalidTenancyConfigurationException}.
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(afterName = { "io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration",
		"io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration" },
		beforeName = "io.awspring.cloud.autoconfigure.dynamodb.DynamoDbAutoConfiguration")
@ConditionalOnClass({ DynamoDbClient.class, StsClient.class, TenantScopedDynamoDbClientFactory.class })
@ConditionalOnBooleanProperty(name = "tenancy.enabled", matchIfMissing = true)
@EnableConfigurationProperties(TenancyProperties.class)
@Import({ TenancyTiersConfiguration.class, ColumnRestrictionsConfiguration.class })
public final class TenancyAutoConfiguration {

	/** Name of the tenant-scoped {@link DynamoDbClient} bean. */
	public static final String TENANT_SCOPED_DYNAMO_DB_CLIENT = "tenantScopedDynamoDbClient";

	/** Name of the tenant-scoped {@link DynamoDbEnhancedClient} bean. */
	public static final String TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT = "tenantScopedDynamoDbEnhancedClient";

	/** Name of the {@link TenantKeyTemplate} bean. */
	public static final String TENANT_KEY_TEMPLATE = "tenantKeyTemplate";

	@Bean
	@ConditionalOnMissingBean(SdkHttpClient.class)
	SdkHttpClient tenancySdkHttpClient() {
		return ApacheHttpClient.builder().build();
	}

	@Bean
	@ConditionalOnMissingBean(AwsCredentialsProvider.class)
	DefaultCredentialsProvider tenancyAwsCredentialsProvider() {
		return DefaultCredentialsProvider.builder().build();
	}

	@Bean(TENANT_KEY_TEMPLATE)
	@ConditionalOnMissingBean
	TenantKeyTemplate tenantKeyTemplate(TenancyProperties properties) {
		return valid("tenancy.partition-key-template", properties.getPartitionKeyTemplate(),
				"Set 'tenancy.partition-key-template' to a fixed literal followed by '" + TenantKeyTemplate.PLACEHOLDER
						+ "', for example 'TENANT#" + TenantKeyTemplate.PLACEHOLDER + "'.",
				() -> TenantKeyTemplate.of(properties.getPartitionKeyTemplate()));
	}

	@Bean
	@ConditionalOnMissingBean
	DynamoDbKeySchema tenancyKeySchema(TenancyProperties properties,
			ObjectProvider<TenancyKeySchemaCustomizer> customizers) {
		DynamoDbKeySchema.Builder builder = DynamoDbKeySchema.builder();
		String prefix = properties.getTableNamePrefix();
		for (Map.Entry<String, TenancyProperties.Table> entry : properties.getTables().entrySet()) {
			String name = entry.getKey();
			TenancyProperties.Table table = entry.getValue();
			String property = "tenancy.tables." + name;
			String tableName = prefix + name;
			String partitionKey = table.getPartitionKey();
			if (!StringUtils.hasText(partitionKey)) {
				throw new InvalidTenancyConfigurationException(property + ".partition-key", null,
						String.format("Table '%s' has no partition-key attribute.", tableName),
						String.format("Set '%s.partition-key' to the table's partition-key attribute, for example "
								+ "'pk'.", property),
						null);
			}
			valid(property, tableName, "Set '" + property + ".partition-key' (and '.sort-key') to the table's key "
					+ "attributes; table names (with 'tenancy.table-name-prefix') are 3 to 255 characters of letters, "
					+ "digits, '_', '.' and '-'.", () -> builder.table(tableName, partitionKey, table.getSortKey()));
			for (Map.Entry<String, TenancyProperties.Index> index : table.getIndexes().entrySet()) {
				String indexProperty = property + ".indexes." + index.getKey();
				String indexPartitionKey = index.getValue().getPartitionKey();
				if (!StringUtils.hasText(indexPartitionKey)) {
					throw new InvalidTenancyConfigurationException(indexProperty + ".partition-key", null,
							String.format("Index '%s' of table '%s' has no partition-key attribute.", index.getKey(),
									tableName),
							String.format("Set '%s.partition-key' to the index's partition-key attribute.",
									indexProperty),
							null);
				}
				valid(indexProperty, index.getKey(), "Set '" + indexProperty + ".partition-key' (and '.sort-key') "
						+ "to the index's key attributes; index names are 3 to 255 characters of letters, digits, "
						+ "'_', '.' and '-'.", () -> builder.index(tableName, index.getKey(), indexPartitionKey,
								index.getValue().getSortKey()));
			}
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return valid("tenancy.tables", properties.getTables().keySet(),
				"Declare every index under the table it belongs to.", builder::build);
	}

	@Bean
	@ConditionalOnMissingBean
	TenancyPolicies tenancyPolicies(TenancyProperties properties, DynamoDbKeySchema tenancyKeySchema,
			TenantKeyTemplate tenantKeyTemplate, TenantTables tenancyTenantTables) {
		TenancyAwsSettings aws = TenancyAwsSettings.resolve(properties);
		if (tenancyKeySchema.tables().isEmpty()) {
			throw new InvalidTenancyConfigurationException("tenancy.tables", null,
					"No table is declared for tenant-scoped code, so no tenant policy can grant anything.",
					"Declare the tables with 'tenancy.tables.<table>.partition-key' (and '.sort-key', "
							+ "'.indexes.<index>.partition-key'), or define a DynamoDbKeySchema bean.",
					null);
		}
		TenancyPoliciesBuilder builder = TenancyPolicies.builder()
			.arns(aws.arns())
			.keySchema(tenancyKeySchema)
			.keyTemplate(tenantKeyTemplate)
			.tenantTables(tenancyTenantTables);
		valid("tenancy.actions", properties.getActions(), "Set 'tenancy.actions' to a subset of "
				+ TenancyPolicies.DEFAULT_ACTIONS + ", or leave it unset to grant all of them.",
				() -> builder.actions(properties.getActions()));
		valid("tenancy.tenant-tag-key", properties.getTenantTagKey(), "Set 'tenancy.tenant-tag-key' to a valid "
				+ "session tag key, or leave it unset for 'tenant'.",
				() -> builder.tenantTagKey(properties.getTenantTagKey()));
		valid("tenancy.application-principal-arn", properties.getApplicationPrincipalArn(),
				"Set 'tenancy.application-principal-arn' to the ARN of the role or user the application runs as, "
						+ "or leave it unset.",
				() -> builder.applicationPrincipalArn(properties.getApplicationPrincipalArn()));
		try {
			return builder.build();
		}
		catch (IllegalArgumentException ex) {
			// The silo table template does not fit the tables (checked when the policies are built).
			throw new InvalidTenancyConfigurationException("tenancy.tiers.silo-table-template",
					properties.getTiers().getSiloTableTemplate(), String.valueOf(ex.getMessage()),
					"Choose a silo table template that gives every table a distinct, valid name per tenant.", ex);
		}
		catch (SessionPolicyTooLargeException ex) {
			// TH-16: a session policy over STS's limit would fail every tenant's first request; fail the startup.
			throw new InvalidTenancyConfigurationException("tenancy.tables", properties.getTables().keySet(),
					ex.getMessage(), "Declare fewer tables and indexes in 'tenancy.tables' (only those tenant-scoped "
							+ "code uses), grant fewer 'tenancy.actions', or shorten table and index names.",
					ex);
		}
	}

	@Bean
	@ConditionalOnMissingBean
	TenantRequestGuard tenantRequestGuard(TenancyProperties properties, TenancyPolicies tenancyPolicies,
			ColumnRestrictions tenancyColumnRestrictions, ObjectProvider<TenantGuardListener> listeners) {
		TenancyAwsSettings aws = TenancyAwsSettings.resolve(properties);
		long cacheSize = cacheSize(properties);
		Function<TenantId, PrincipalSession> sessions = tenancyColumnRestrictions.guardSessions(aws.sessionRoleArn(),
				tenancyPolicies.tenantTagKey(), cacheSize);
		DynamoDbRequestContextExtractor extractor = new DynamoDbRequestContextExtractor(tenancyPolicies.arns(),
				tenancyPolicies.keySchema());
		return new TenantRequestGuard(extractor, PolicyEvaluator.create(), sessions, guardListener(listeners),
				tenancyPolicies.keyTemplate());
	}

	@Bean
	@ConditionalOnMissingBean
	TenantFences tenantFences() {
		return TenantFences.create();
	}

	@Bean
	@ConditionalOnMissingBean
	TenantScopedDynamoDbClientFactory tenantScopedDynamoDbClientFactory(TenancyProperties properties,
			SdkHttpClient httpClient, AwsCredentialsProvider credentialsProvider,
			ObjectProvider<TenantCredentialsProvider> tenantCredentials, TenantRequestGuard tenantRequestGuard,
			TenantFences tenantFences,
			ObjectProvider<TenantCredentialsProviderDecorator> decorators,
			ObjectProvider<TenantScopedDynamoDbClientCustomizer> customizers) {
		TenancyAwsSettings aws = TenancyAwsSettings.resolve(properties);
		IsolationMode mode = properties.getIsolationMode();
		TenantScopedDynamoDbClientFactory.Builder builder = TenantScopedDynamoDbClientFactory.builder()
			.mode(mode)
			.httpClient(httpClient)
			.region(aws.region())
			.endpointOverride(properties.getDynamodb().getEndpoint())
			.guard(tenantRequestGuard)
			.fences(tenantFences)
			.customizer((clientBuilder) -> customizers.orderedStream()
				.forEach((customizer) -> customizer.customize(clientBuilder)));
		if (mode == IsolationMode.IAM) {
			TenantCredentialsProvider sessions = tenantCredentials.getObject();
			for (TenantCredentialsProviderDecorator decorator : decorators.orderedStream().toList()) {
				sessions = decorator.decorate(sessions);
			}
			builder.tenantCredentials(sessions);
		}
		else {
			builder.baseCredentials(credentialsProvider);
		}
		return builder.build();
	}

	@Bean(name = TENANT_SCOPED_DYNAMO_DB_CLIENT, destroyMethod = "")
	@Primary
	@ConditionalOnMissingBean(name = TENANT_SCOPED_DYNAMO_DB_CLIENT)
	DynamoDbClient tenantScopedDynamoDbClient(TenantScopedDynamoDbClientFactory tenantScopedDynamoDbClientFactory) {
		return tenantScopedDynamoDbClientFactory.client();
	}

	@Bean(TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT)
	@Primary
	@ConditionalOnMissingBean(name = TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT)
	DynamoDbEnhancedClient tenantScopedDynamoDbEnhancedClient(
			TenantScopedDynamoDbClientFactory tenantScopedDynamoDbClientFactory) {
		return tenantScopedDynamoDbClientFactory.enhancedClient();
	}

	@Bean
	UnscopedDynamoDbClientsCheck tenancyUnscopedDynamoDbClientsCheck(ConfigurableListableBeanFactory beanFactory,
			TenancyProperties properties) {
		return new UnscopedDynamoDbClientsCheck(beanFactory, properties.getAllowedUnscopedClients());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnBooleanProperty("tenancy.admin-client.enabled")
	@ConditionalOnMissingBean
	TenancyAdminClient tenancyAdminClient(TenancyProperties properties, SdkHttpClient httpClient,
			AwsCredentialsProvider credentialsProvider) {
		DynamoDbClientBuilder builder = DynamoDbClient.builder()
			.httpClient(httpClient)
			.credentialsProvider(credentialsProvider)
			.region(TenancyAwsSettings.resolve(properties).region());
		if (properties.getDynamodb().getEndpoint() != null) {
			builder.endpointOverride(properties.getDynamodb().getEndpoint());
		}
		return TenancyAdminClient.of(builder.build());
	}

	@Bean
	@ConditionalOnMissingBean
	DynamoDbExceptionTranslator dynamoDbExceptionTranslator() {
		return new DynamoDbExceptionTranslator();
	}

	@Bean
	@ConditionalOnMissingBean(name = "tenantTaskDecorator")
	@ConditionalOnBooleanProperty(name = "tenancy.task-decorator.enabled", matchIfMissing = true)
	TenantTaskDecorator tenantTaskDecorator(ObjectProvider<TenantResolver> tenantResolvers) {
		// Resolved at first use: the resolver may be declared by a configuration processed after this one.
		SingletonSupplier<TenantResolver> resolver = SingletonSupplier
			.of(() -> tenantResolvers.getIfUnique(TenantScopingConfiguration::defaultTenantResolver));
		return new TenantTaskDecorator(() -> resolver.obtain().resolve());
	}

	static long cacheSize(TenancyProperties properties) {
		long cacheSize = properties.getSts().getCacheSize();
		if (cacheSize < 1) {
			throw new InvalidTenancyConfigurationException("tenancy.sts.cache-size", cacheSize,
					"At least one tenant session must be cached.",
					"Set 'tenancy.sts.cache-size' to the number of tenants active within a session duration, or "
							+ "leave it unset for " + StsTenantCredentialsProvider.DEFAULT_MAXIMUM_TENANTS + ".",
					null);
		}
		return cacheSize;
	}

	static <T> T valid(String property, @Nullable Object value, String action, Supplier<T> supplier) {
		try {
			return supplier.get();
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidTenancyConfigurationException(property, value, String.valueOf(ex.getMessage()), action,
					ex);
		}
	}

	private static TenantGuardListener guardListener(ObjectProvider<TenantGuardListener> provider) {
		List<TenantGuardListener> listeners = provider.orderedStream().toList();
		if (listeners.isEmpty()) {
			return TenantGuardListener.NONE;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		return (tenant, operation, decision) -> listeners
			.forEach((listener) -> listener.onDenied(tenant, operation, decision));
	}

	static @Nullable TenantCredentialsListener credentialsListener(ObjectProvider<TenantCredentialsListener> provider) {
		List<TenantCredentialsListener> listeners = provider.orderedStream().toList();
		if (listeners.isEmpty()) {
			return null;
		}
		if (listeners.size() == 1) {
			return listeners.get(0);
		}
		return (tenant, latency, failure) -> listeners
			.forEach((listener) -> listener.onAssumeRole(tenant, latency, failure));
	}

	/**
	 * Token vending in isolation mode {@code iam}: the STS client and the per-tenant sessions.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "tenancy.isolation-mode", havingValue = "iam", matchIfMissing = true)
	static class IamIsolationConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StsClient stsClient(TenancyProperties properties, SdkHttpClient httpClient,
				AwsCredentialsProvider credentialsProvider) {
			StsClientBuilder builder = StsClient.builder()
				.httpClient(httpClient)
				.credentialsProvider(credentialsProvider)
				.region(TenancyAwsSettings.resolve(properties).region());
			if (properties.getSts().getEndpoint() != null) {
				builder.endpointOverride(properties.getSts().getEndpoint());
			}
			return builder.build();
		}

		@Bean
		@ConditionalOnMissingBean(TenantCredentialsProvider.class)
		TenantCredentialsProvider tenantCredentialsProvider(TenancyProperties properties, StsClient stsClient,
				ColumnRestrictions tenancyColumnRestrictions, ObjectProvider<TenantCredentialsListener> listeners) {
			TenantCredentialsListener listener = credentialsListener(listeners);
			return tenancyColumnRestrictions
				.credentials((variant) -> sessions(properties, stsClient, variant, listener));
		}

		/**
		 * The STS sessions of one access variant: its session policy, its role session names.
		 */
		private static StsTenantCredentialsProvider sessions(TenancyProperties properties, StsClient stsClient,
				ColumnRestrictions.Variant variant, @Nullable TenantCredentialsListener listener) {
			TenancyAwsSettings aws = TenancyAwsSettings.resolve(properties);
			StsProperties sts = properties.getSts();
			TenancyPolicies policies = variant.policies();
			StsTenantCredentialsProvider.Builder builder = StsTenantCredentialsProvider.builder()
				.stsClient(stsClient)
				.sessionPolicy(policies::sessionPolicyJson)
				.tenantTagKey(policies.tenantTagKey())
				.accessVariant(variant.variant())
				.maximumTenants(cacheSize(properties))
				.listener(listener);
			valid("tenancy.sts.role-arn", aws.roleArn(), "Set 'tenancy.sts.role-arn' to an ARN of the form "
					+ "'arn:<partition>:iam::<12-digit account id>:role/<optional path/><role name>'.",
					() -> builder.roleArn(String.valueOf(aws.roleArn())));
			valid("tenancy.sts.session-duration", sts.getSessionDuration(), "Set 'tenancy.sts.session-duration' to "
					+ "whole seconds from 900 (15m) to 43200 (12h), at most the role's maximum session duration and "
					+ "at most 1h when the application itself runs as a role session.",
					() -> builder.sessionDuration(sts.getSessionDuration()));
			valid("tenancy.sts.refresh-ahead", sts.getRefreshAhead(), "Set 'tenancy.sts.refresh-ahead' to a positive "
					+ "duration shorter than the session duration.", () -> builder.refreshAhead(sts.getRefreshAhead()));
			valid("tenancy.sts.stale-time", sts.getStaleTime(), "Set 'tenancy.sts.stale-time' to a positive duration "
					+ "no longer than 'tenancy.sts.refresh-ahead'.", () -> builder.staleTime(sts.getStaleTime()));
			valid("tenancy.sts.external-id", (sts.getExternalId() != null) ? "(hidden)" : null, "Set "
					+ "'tenancy.sts.external-id' to the external id of the role's trust policy, or leave it unset.",
					() -> builder.externalId(sts.getExternalId()));
			return valid("tenancy.sts.refresh-ahead", sts.getRefreshAhead(), "Set 'tenancy.sts.refresh-ahead' "
					+ "shorter than 'tenancy.sts.session-duration' and no shorter than 'tenancy.sts.stale-time'.",
					builder::build);
		}

	}

	/**
	 * {@code @TenantScoped} and {@code @CrossTenant} on application beans, unless the application declares
	 * {@code @EnableTenantScoping} itself. Repositories apply {@code @TenantScoped} without it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TenantScopedAdvisor.class)
	@ConditionalOnBooleanProperty(name = "tenancy.scoping.enabled", matchIfMissing = true)
	@EnableTenantScoping
	static class TenantScopingAdvisorConfiguration {

	}

	/**
	 * The tenant resolver when Spring Security is present: the tenant claim of the authenticated principal.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
	static class SecurityTenantResolverConfiguration {

		@Bean
		@ConditionalOnMissingBean(TenantResolver.class)
		SecurityContextTenantResolver tenantResolver(TenancyProperties properties) {
			return valid("tenancy.tenant-claim", properties.getTenantClaim(),
					"Set 'tenancy.tenant-claim' to the name of the JWT claim that holds the tenant id.",
					() -> new SecurityContextTenantResolver(properties.getTenantClaim()));
		}

	}

}
