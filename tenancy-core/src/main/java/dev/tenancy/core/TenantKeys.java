package dev.tenancy.core;

import dev.tenancy.context.TenantId;
import dev.tenancy.keys.TenantTables;

/**
 * The tenant of one operation, its partition key and its tables, computed once per operation.
 *
 * @param tenant the tenant bound to the scope
 * @param partitionKey the tenant's partition key, for example {@code TENANT#acme}
 * @param tables decides the tenant's physical tables
 */
record TenantKeys(TenantId tenant, String partitionKey, TenantTables tables) {

	/**
	 * @param metadata the entity
	 * @return the table the tenant's items of the entity live in: its pooled table, or the tenant's silo table
	 */
	String table(TenantEntityMetadata<?> metadata) {
		return this.tables.tableName(metadata.tableName(), this.tenant);
	}

}
