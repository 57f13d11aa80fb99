package dev.tenancy.test.lifecycle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantFences;
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
import dev.tenancy.keys.TenantTables;
import dev.tenancy.lifecycle.LifecycleSessions;
import dev.tenancy.lifecycle.TenantLifecycle;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * One pooled table ({@code byStatus} index) with silo tables, the application's tenant-scoped client (its own STS
 * sessions and guard, with {@link TenantFences}) and the lifecycle client (lifecycle sessions, a
 * {@link FaultInjector}), all through the kit's IAM-enforcing gateway.
 */
final class LifecycleFixture implements AutoCloseable {

	static final String ROLE = TenancyTestKit.TENANT_ROLE_ARN;

	static final String TAG = TenancyTestKit.TENANT_TAG;

	final TenancyTestKit kit;

	final String table;

	final TenantTierRegistry tiers = TenantTierRegistry.of(TenantTierResolver.ALL_POOLED);

	final TenantTables tenantTables;

	final TenancyPolicies policies;

	final TenantFences fences = TenantFences.create();

	final FaultInjector faults = new FaultInjector();

	final List<TenantId> evicted = new ArrayList<>();

	final StsTenantCredentialsProvider appCredentials;

	final TenantRequestGuard appGuard;

	final TenantScopedDynamoDbClientFactory app;

	final StsTenantCredentialsProvider lifecycleCredentials;

	final TenantScopedDynamoDbClientFactory lifecycle;

	LifecycleFixture(TenancyTestKit kit, String name) {
		this.kit = kit;
		this.table = name + "-" + UUID.randomUUID().toString().substring(0, 8);
		kit.createTable(this.table, TestItem.SCHEMA);
		this.tenantTables = TenantTables.tiered(this.tiers, SiloTableTemplate.defaultTemplate());
		this.policies = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", kit.region().id(), kit.accountId()))
			.keySchema(DynamoDbKeySchema.builder()
				.table(this.table, "pk", "sk")
				.index(this.table, "byStatus", "gsiPk", "gsiSk")
				.build())
			.tenantTables(this.tenantTables)
			.build();
		this.appCredentials = StsTenantCredentialsProvider.builder()
			.stsClient(kit.stsClient())
			.ownsStsClient(false)
			.roleArn(ROLE)
			.tenantTagKey(TAG)
			.sessionPolicy(this.policies::sessionPolicyJson)
			.build();
		this.appGuard = new TenantRequestGuard(
				new DynamoDbRequestContextExtractor(this.policies.arns(), this.policies.keySchema()),
				PolicyEvaluator.create(), new TenantSessionPolicies(this.policies, ROLE, TAG, 100),
				TenantGuardListener.NONE, this.policies.keyTemplate());
		this.tiers.addListener(new TierChangeEviction(this.appGuard, this.appCredentials));
		this.app = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(kit.httpClient())
			.region(TenancyTestKit.REGION)
			.endpointOverride(kit.dynamoDbEndpoint())
			.tenantCredentials(this.appCredentials)
			.guard(this.appGuard)
			.fences(this.fences)
			.build();
		this.lifecycleCredentials = LifecycleSessions.credentials(this.policies, kit.stsClient(), ROLE, TAG).build();
		this.lifecycle = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.IAM)
			.httpClient(kit.httpClient())
			.region(TenancyTestKit.REGION)
			.endpointOverride(kit.dynamoDbEndpoint())
			.tenantCredentials(this.lifecycleCredentials)
			.guard(LifecycleSessions.guard(this.policies, ROLE, TAG))
			.customizer((builder) -> builder.overrideConfiguration(
					builder.overrideConfiguration().toBuilder().addExecutionInterceptor(this.faults).build()))
			.build();
	}

	String siloTable(TenantId tenant) {
		return this.table + "-" + tenant;
	}

	/** Put the tenant in the silo tier and create its silo table. */
	void silo(TenantId tenant) {
		this.kit.createSiloTable(this.table, siloTable(tenant));
		this.tiers.assign(tenant, TenantTier.SILO);
	}

	/** Create the tenant's silo table without putting it in the silo tier. */
	void createSiloTable(TenantId tenant) {
		this.kit.createSiloTable(this.table, siloTable(tenant));
	}

	TenantLifecycle.Builder lifecycleBuilder() {
		return TenantLifecycle.builder()
			.client(this.lifecycle.client())
			.policies(this.policies)
			.fences(this.fences)
			.tierAssignment(this.tiers::assign)
			.eviction(this.evicted::add);
	}

	/** The application's write of an item of the tenant, to the table of its current tier. */
	void write(TenantId tenant, String id, String payload) {
		TenantContext.runAs(tenant, () -> this.app.client()
			.putItem((request) -> request.tableName(this.tenantTables.tableName(this.table, tenant))
				.item(item(tenant, id, payload))));
	}

	static Map<String, AttributeValue> item(TenantId tenant, String id, String payload) {
		String pk = "TENANT#" + tenant;
		Map<String, AttributeValue> item = new HashMap<>();
		item.put("pk", AttributeValue.fromS(pk));
		item.put("sk", AttributeValue.fromS("ITEM#" + id));
		item.put("gsiPk", AttributeValue.fromS(pk + "#STATUS#OPEN"));
		item.put("gsiSk", AttributeValue.fromS("ITEM#" + id));
		item.put("payload", AttributeValue.fromS(payload));
		item.put("tags", AttributeValue.fromSs(List.of("a", id)));
		item.put("size", AttributeValue.fromN(String.valueOf(id.length())));
		return item;
	}

	/** Every item of the tenant's partition in a physical table, read on DynamoDB Local directly. */
	List<Map<String, AttributeValue>> partition(String physicalTable, TenantId tenant) {
		return query(physicalTable, null, "pk", "TENANT#" + tenant);
	}

	/** Every index entry of the tenant's {@code STATUS#OPEN} key in a physical table, on DynamoDB Local directly. */
	List<Map<String, AttributeValue>> indexEntries(String physicalTable, TenantId tenant) {
		return query(physicalTable, "byStatus", "gsiPk", "TENANT#" + tenant + "#STATUS#OPEN");
	}

	private List<Map<String, AttributeValue>> query(String physicalTable, String index, String attribute,
			String value) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		if (!this.kit.dynamoDbLocalClient().listTables().tableNames().contains(physicalTable)) {
			return items;
		}
		for (QueryResponse page : this.kit.dynamoDbLocalClient()
			.queryPaginator((request) -> request.tableName(physicalTable)
				.indexName(index)
				.keyConditionExpression("#k = :v")
				.expressionAttributeNames(Map.of("#k", attribute))
				.expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
				.consistentRead(index == null))) {
			items.addAll(page.items());
		}
		return items;
	}

	/** Seed items of the tenant directly in a physical table (DynamoDB Local). */
	void seed(String physicalTable, TenantId tenant, int count) {
		DynamoDbClient local = this.kit.dynamoDbLocalClient();
		for (int i = 0; i < count; i++) {
			Map<String, AttributeValue> item = item(tenant, "seed-" + i, tenant + " payload " + i);
			local.putItem((request) -> request.tableName(physicalTable).item(item));
		}
	}

	@Override
	public void close() {
		this.app.close();
		this.lifecycle.close();
		this.appCredentials.close();
		this.lifecycleCredentials.close();
	}

}
