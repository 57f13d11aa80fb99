package dev.tenancy.lifecycle;

import java.util.ArrayList;
import java.util.List;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantKeyTemplate;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.util.Assert;

/**
 * The physical tables of a tenant in each tier, for the pooled tables of a key schema: the pooled table itself in
 * {@link TenantTier#POOL}, the tenant's silo table in {@link TenantTier#SILO}. Decided here from the key schema and the
 * silo table template, not from the tenant's current tier, so a move addresses source and target independently of
 * the switch.
 *
 * @author tenancy
 * @since 0.4
 */
final class LifecycleTables {

	private final DynamoDbKeySchema schema;

	private final @Nullable SiloTableTemplate siloTables;

	private final TenantKeyTemplate keyTemplate;

	LifecycleTables(DynamoDbKeySchema schema, @Nullable SiloTableTemplate siloTables, TenantKeyTemplate keyTemplate) {
		Assert.isTrue(!schema.tables().isEmpty(), "The key schema declares no table: there is nothing to move or "
				+ "purge. Declare the tenant-scoped tables in the DynamoDbKeySchema.");
		this.schema = schema;
		this.siloTables = siloTables;
		this.keyTemplate = keyTemplate;
	}

	/**
	 * @return the pooled tables, in the key schema's order (the order every step visits them)
	 */
	List<String> pooledTables() {
		return new ArrayList<>(this.schema.tables());
	}

	/**
	 * @param pooledTable a pooled table
	 * @param tier a tier
	 * @param tenant the tenant
	 * @return the tenant's physical table for {@code pooledTable} in {@code tier}
	 */
	String tableName(String pooledTable, TenantTier tier, TenantId tenant) {
		if (tier == TenantTier.POOL) {
			return pooledTable;
		}
		SiloTableTemplate silo = this.siloTables;
		Assert.state(silo != null, () -> "Tenant '" + tenant + "' has no silo tables: no silo table template is "
				+ "configured. Configure tiers (tenancy.tiers.* with the starter).");
		return silo.tableName(pooledTable, tenant);
	}

	/**
	 * @param tier a tier
	 * @param tenant the tenant
	 * @return the tenant's physical tables in {@code tier}
	 */
	List<String> tableNames(TenantTier tier, TenantId tenant) {
		return pooledTables().stream().map((table) -> tableName(table, tier, tenant)).toList();
	}

	/**
	 * @param client the lifecycle operation's client
	 * @param pooledTable a pooled table
	 * @param tier a tier
	 * @param tenant the tenant
	 * @return the tenant's partition in its physical table for {@code pooledTable} in {@code tier}
	 */
	TenantPartition partition(DynamoDbClient client, String pooledTable, TenantTier tier, TenantId tenant) {
		String partitionKey = this.schema.partitionKey(pooledTable);
		Assert.state(partitionKey != null, () -> "Table '" + pooledTable + "' has no partition key in the key schema");
		return new TenantPartition(client, tableName(pooledTable, tier, tenant), partitionKey,
				this.schema.sortKey(pooledTable), this.keyTemplate.partitionKey(tenant));
	}

}
