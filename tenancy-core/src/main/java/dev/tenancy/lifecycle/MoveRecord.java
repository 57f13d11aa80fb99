package dev.tenancy.lifecycle;

import java.time.Instant;
import java.util.List;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;

/**
 * The audit record of a completed move between tiers.
 *
 * @param tenant the moved tenant
 * @param from the source tier
 * @param to the target tier
 * @param items the number of base items moved (verified in source and target)
 * @param checksum their {@link ItemChecksum}
 * @param sourceTablesDeleted the source silo tables deleted (a move out of the silo tier, with a table dropper)
 * @param sourceTablesRemaining the source tables left in place, emptied of the tenant's items
 * @param started when the move started
 * @param finished when it finished
 * @param initiator who started it
 * @author tenancy
 * @since 0.4
 */
public record MoveRecord(TenantId tenant, TenantTier from, TenantTier to, long items, String checksum,
		List<String> sourceTablesDeleted, List<String> sourceTablesRemaining, Instant started, Instant finished,
		String initiator) {

	/**
	 * Copies the collections.
	 */
	public MoveRecord {
		sourceTablesDeleted = List.copyOf(sourceTablesDeleted);
		sourceTablesRemaining = List.copyOf(sourceTablesRemaining);
	}

}
