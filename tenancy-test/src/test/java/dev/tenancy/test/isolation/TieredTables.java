package dev.tenancy.test.isolation;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The tiered setup of the gateway isolation tests: a pooled table with index {@code byStatus}, the silo tables of
 * silo tenants {@code acme} and {@code globex}, and the policies generated for them.
 */
final class TieredTables {

	private TieredTables() {
	}

	/**
	 * Create the pooled table and the silo tables of {@code acme} and {@code globex} in the kit.
	 * @return the policies of that setup (tag key {@value TenancyTestKit#TENANT_TAG})
	 */
	static TenancyPolicies create(TenancyTestKit kit, String table, @Nullable String applicationPrincipalArn) {
		kit.createTable(table, TestItem.SCHEMA);
		kit.createSiloTable(table, table + "-acme");
		kit.createSiloTable(table, table + "-globex");
		return TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", kit.region().id(), kit.accountId()))
			.keySchema(DynamoDbKeySchema.builder()
				.table(table, "pk", "sk")
				.index(table, "byStatus", "gsiPk", "gsiSk")
				.build())
			.tenantTables(TenantTables.tiered(
					TenantTierResolver.silo(List.of(TenantId.of("acme"), TenantId.of("globex"))),
					SiloTableTemplate.defaultTemplate()))
			.tenantTagKey(TenancyTestKit.TENANT_TAG)
			.applicationPrincipalArn(applicationPrincipalArn)
			.build();
	}

	/** An item with partition key {@code pk}, sort key {@code sk} and the index key {@code <pk>#STATUS#OPEN}. */
	static Map<String, AttributeValue> item(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "gsiPk",
				AttributeValue.fromS(pk + "#STATUS#OPEN"), "gsiSk", AttributeValue.fromS(sk));
	}

}
