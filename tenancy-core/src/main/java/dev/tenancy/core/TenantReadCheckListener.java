package dev.tenancy.core;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;

/**
 * Callback for items withheld by the read-side check because their partition key does not belong to the scope's
 * tenant (TH-14), for metrics and audit logs. Implementations must be fast and must not throw.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenantReadCheckListener {

	/** A listener that ignores every event. */
	TenantReadCheckListener NONE = (tenant, operation, table, index) -> {
	};

	/**
	 * Called once per withheld item, before the read fails.
	 * @param tenant the tenant of the scope
	 * @param operation the DynamoDB API operation that returned the item, for example {@code Query}
	 * @param table the table name
	 * @param index the index name, or {@literal null} for the table
	 */
	void onForeignItem(TenantId tenant, String operation, String table, @Nullable String index);

}
