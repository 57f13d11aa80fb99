package dev.tenancy.test.repository;

import java.util.List;
import java.util.UUID;

import dev.tenancy.aop.CrossTenantAccess;
import dev.tenancy.aop.EnableTenantScoping;
import dev.tenancy.aop.TenantTaskDecorator;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.core.TableNameResolver;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsListener;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.dynamodb.TierChangeEviction;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.keys.TenantTables;
import dev.tenancy.repository.config.EnableTenancyRepositories;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.IssuedSession;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The application under test: tenant-scoped repositories on the shared tenant-scoped client, which signs each
 * request with the tenant's STS session (from the kit's local STS, with the generated session policy), is checked by
 * the client-side guard, and goes through the kit's IAM-enforcing gateway to DynamoDB Local.
 */
@Configuration(proxyBeanMethods = false)
@EnableTenancyRepositories(basePackageClasses = ProjectRepository.class)
@EnableTenantScoping
@EnableAsync
public class RepositoryTestConfiguration {

	/** The physical name of the shared table of this test run. */
	public static final String TABLE = "repo-" + UUID.randomUUID().toString().substring(0, 8) + "-app";

	/** The one silo tenant of this test run; every other tenant is pooled. */
	public static final TenantId SILO_TENANT = TenantId.of("vault-" + UUID.randomUUID().toString().substring(0, 8));

	/** The identity of the cross-tenant e-mail lookup. */
	static final String DIRECTORY_USER_ARN = "arn:aws:iam::" + TenancyTestKit.ACCOUNT_ID + ":user/tenant-directory";

	@Bean(destroyMethod = "")
	TenancyTestKit tenancyTestKit() {
		TenancyTestKit kit = TenancyTestKit.shared();
		createTable(kit.adminDynamoDbClient());
		kit.createSiloTable(TABLE, SiloTableTemplate.defaultTemplate().tableName(TABLE, SILO_TENANT));
		return kit;
	}

	/** The tiers: {@link #SILO_TENANT} in a silo table, every other tenant pooled until assigned another tier. */
	@Bean
	TenantTierRegistry tenantTierRegistry() {
		return TenantTierRegistry.of(TenantTierResolver.silo(List.of(SILO_TENANT)));
	}

	/** Which table each tenant addresses: {@link #TABLE} for pooled tenants, {@code <table>-<tenant>} for silo ones. */
	@Bean
	TenantTables tenantTables(TenantTierRegistry tenantTierRegistry) {
		return TenantTables.tiered(tenantTierRegistry, SiloTableTemplate.defaultTemplate());
	}

	@Bean
	TenantKeyTemplate tenantKeyTemplate() {
		return TenantKeyTemplate.defaultTemplate();
	}

	@Bean
	TenancyMappingContext tenancyMappingContext(TenantTables tenantTables) {
		String prefix = TABLE.substring(0, TABLE.length() - "app".length());
		return new TenancyMappingContext(TableNameResolver.prefixed(prefix), tenantTables);
	}

	@Bean
	TenancyPolicies tenancyPolicies(TenancyMappingContext mappingContext) {
		DynamoDbKeySchema keySchema = mappingContext.keySchema(List.of(Project.class, Note.class, Login.class));
		return TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", TenancyTestKit.REGION.id(), TenancyTestKit.ACCOUNT_ID))
			.keySchema(keySchema)
			.tenantTables(mappingContext.tenantTables())
			.build();
	}

	@Bean(destroyMethod = "close")
	StsTenantCredentialsProvider tenantCredentials(TenancyTestKit kit, TenancyPolicies policies,
			ObjectProvider<TenantCredentialsListener> listeners) {
		return StsTenantCredentialsProvider.builder()
			.listener((tenant, latency, failure) -> listeners
				.forEach((listener) -> listener.onAssumeRole(tenant, latency, failure)))
			.stsClient(kit.stsClient())
			.ownsStsClient(false)
			.roleArn(TenancyTestKit.TENANT_ROLE_ARN)
			.tenantTagKey(TenancyTestKit.TENANT_TAG)
			.sessionPolicy(policies::sessionPolicyJson)
			.build();
	}

	@Bean
	WireRequests wireRequests() {
		return new WireRequests();
	}

	@Bean
	ReadCheckEvents readCheckEvents() {
		return new ReadCheckEvents();
	}

	@Bean(destroyMethod = "close")
	TenantScopedDynamoDbClientFactory tenantScopedDynamoDbClientFactory(TenancyTestKit kit, TenancyPolicies policies,
			StsTenantCredentialsProvider tenantCredentials, WireRequests wireRequests,
			ObjectProvider<TenantGuardListener> guardListeners, TenantTierRegistry tenantTierRegistry) {
		ResourceArns arns = policies.arns();
		TenantRequestGuard guard = new TenantRequestGuard(
				new DynamoDbRequestContextExtractor(arns, policies.keySchema()), PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, TenancyTestKit.TENANT_ROLE_ARN, TenancyTestKit.TENANT_TAG, 100),
				(tenant, operation, decision) -> guardListeners
					.forEach((listener) -> listener.onDenied(tenant, operation, decision)));
		tenantTierRegistry.addListener(new TierChangeEviction(guard, tenantCredentials));
		return TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(kit.httpClient())
			.region(TenancyTestKit.REGION)
			.endpointOverride(kit.dynamoDbEndpoint())
			.tenantCredentials(tenantCredentials)
			.guard(guard)
			// Keep the guard: overrideConfiguration(Consumer) would replace the factory's configuration.
			.customizer((builder) -> builder.overrideConfiguration(
					builder.overrideConfiguration().toBuilder().addExecutionInterceptor(wireRequests).build()))
			.build();
	}

	@Bean
	DynamoDbClient tenantScopedDynamoDbClient(TenantScopedDynamoDbClientFactory factory) {
		return factory.client();
	}

	@Bean
	TenancyTemplate tenancyTemplate(DynamoDbClient tenantScopedDynamoDbClient, TenantKeyTemplate tenantKeyTemplate,
			TenancyMappingContext tenancyMappingContext, ReadCheckEvents readCheckEvents) {
		return TenancyTemplate.builder()
			.client(tenantScopedDynamoDbClient)
			.keyTemplate(tenantKeyTemplate)
			.mappingContext(tenancyMappingContext)
			.readCheckListener(readCheckEvents)
			.batchBackoff(BackoffStrategy.retryImmediately())
			.consistentReads(true)
			.build();
	}

	/**
	 * The cross-tenant access of the sign-in lookup, with its own, separately configured identity: a user of the kit's
	 * STS that may only Query the {@code byEmail} index (the application's base identity may not use DynamoDB at all).
	 */
	@Bean
	CrossTenantAccess crossTenantAccess(TenancyTestKit kit) {
		IssuedSession lookup = kit.sts().registerBaseIdentity(DIRECTORY_USER_ARN, directoryPolicy());
		return CrossTenantAccess.builder()
			.name(TenantDirectory.ACCESS)
			.credentialsProvider(StaticCredentialsProvider.create(lookup.credentials()))
			.client((client) -> client.endpointOverride(kit.dynamoDbEndpoint())
				.region(TenancyTestKit.REGION)
				.httpClient(kit.httpClient()))
			.build();
	}

	private static String directoryPolicy() {
		return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"dynamodb:Query\","
				+ "\"Resource\":\"arn:aws:dynamodb:" + TenancyTestKit.REGION.id() + ":" + TenancyTestKit.ACCOUNT_ID
				+ ":table/" + TABLE + "/index/byEmail\"}]}";
	}

	@Bean
	TenantDirectory tenantDirectory(CrossTenantAccess crossTenantAccess, TenantKeyTemplate tenantKeyTemplate) {
		return new TenantDirectory(crossTenantAccess, tenantKeyTemplate, TABLE);
	}

	@Bean
	ProjectReports projectReports(ProjectRepository projectRepository) {
		return new ProjectReports(projectRepository);
	}

	@Bean
	ThreadPoolTaskExecutor taskExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setThreadNamePrefix("async-");
		executor.setTaskDecorator(new TenantTaskDecorator());
		return executor;
	}

	@Bean
	ThreadPoolTaskScheduler taskScheduler() {
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("job-");
		return scheduler;
	}

	private static void createTable(DynamoDbClient admin) {
		if (admin.listTables().tableNames().contains(TABLE)) {
			// Another test context of this run (one that adds beans to this configuration) created it.
			return;
		}
		admin.createTable(CreateTableRequest.builder()
			.tableName(TABLE)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.attributeDefinitions(attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S),
					attribute("gsi1pk", ScalarAttributeType.S), attribute("priority", ScalarAttributeType.N),
					attribute("gsi2pk", ScalarAttributeType.S), attribute("email", ScalarAttributeType.S))
			.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
			.globalSecondaryIndexes(index("byStatus", key("gsi1pk", KeyType.HASH), key("priority", KeyType.RANGE)),
					index("byOwner", key("gsi2pk", KeyType.HASH)), index("byEmail", key("email", KeyType.HASH)))
			.build());
	}

	private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
		return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

	private static GlobalSecondaryIndex index(String name, KeySchemaElement... keys) {
		return GlobalSecondaryIndex.builder()
			.indexName(name)
			.keySchema(keys)
			.projection(Projection.builder().projectionType(ProjectionType.ALL).build())
			.build();
	}

}
