package dev.tenancy.lifecycle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;

/**
 * The audit record of a purge: what was removed, from where, by whom and when.
 *
 * @param tenant the purged tenant
 * @param tier its tier
 * @param itemsRemoved the number of base items removed per physical table (their index entries went with them)
 * @param checksum the {@link ItemChecksum} of the removed items
 * @param tablesDeleted the silo tables deleted (only with a table dropper)
 * @param tablesRemaining the silo tables left in place, emptied of the tenant's items
 * @param started when the purge started
 * @param finished when it finished
 * @param initiator who started it
 * @author tenancy
 * @since 0.4
 */
public record PurgeRecord(TenantId tenant, TenantTier tier, Map<String, Long> itemsRemoved, String checksum,
		List<String> tablesDeleted, List<String> tablesRemaining, Instant started, Instant finished,
		String initiator) {

	/**
	 * Copies the collections.
	 */
	public PurgeRecord {
		itemsRemoved = Map.copyOf(itemsRemoved);
		tablesDeleted = List.copyOf(tablesDeleted);
		tablesRemaining = List.copyOf(tablesRemaining);
	}

	/**
	 * @return the number of base items removed from every table
	 */
	public long totalItemsRemoved() {
		return this.itemsRemoved.values().stream().mapToLong(Long::longValue).sum();
	}

}
