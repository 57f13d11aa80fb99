package dev.tenancy.lifecycle;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.util.Assert;

/**
 * How far a move of a tenant between tiers got, as its {@link MoveJournal} records it.
 *
 * @param tenant the tenant
 * @param from the source tier
 * @param to the target tier
 * @param phase the last phase reached
 * @param table while {@link MovePhase#COPYING}: the index of the pooled table being copied (key schema order)
 * @param cursor while {@link MovePhase#COPYING}: the last evaluated key of the last copied page of that table, or
 * {@literal null} to start the table from the beginning
 * @param count from {@link MovePhase#VERIFIED}: the number of items verified in source and target
 * @param checksum from {@link MovePhase#VERIFIED}: their {@link ItemChecksum}
 * @param started when the move started
 * @param initiator who started it
 * @author tenancy
 * @since 0.4
 */
public record MoveState(TenantId tenant, TenantTier from, TenantTier to, MovePhase phase, int table,
		@Nullable Map<String, AttributeValue> cursor, long count, @Nullable String checksum, Instant started,
		String initiator) {

	/**
	 * Validates the state.
	 */
	public MoveState {
		Assert.notNull(tenant, "Tenant must not be null");
		Assert.isTrue(from != null && to != null && from != to, "A move goes from one tier to another");
		Assert.notNull(phase, "Phase must not be null");
		Assert.isTrue(table >= 0, "Table index must not be negative");
		Assert.notNull(started, "Start must not be null");
		Assert.hasText(initiator, "Initiator must not be empty");
		cursor = (cursor != null) ? Map.copyOf(cursor) : null;
	}

	/**
	 * @param tenant the tenant
	 * @param from the source tier
	 * @param to the target tier
	 * @param started when the move starts
	 * @param initiator who starts it
	 * @return the state of a move that has just fenced the tenant
	 */
	public static MoveState fenced(TenantId tenant, TenantTier from, TenantTier to, Instant started,
			String initiator) {
		return new MoveState(tenant, from, to, MovePhase.FENCED, 0, null, 0, null, started, initiator);
	}

	/**
	 * @param table the index of the pooled table being copied
	 * @param cursor the last evaluated key of its last copied page, or {@literal null}
	 * @return this state, copying
	 */
	public MoveState copying(int table, @Nullable Map<String, AttributeValue> cursor) {
		return new MoveState(this.tenant, this.from, this.to, MovePhase.COPYING, table, cursor, 0, null, this.started,
				this.initiator);
	}

	/**
	 * @param count the verified number of items
	 * @param checksum their checksum
	 * @return this state, verified
	 */
	public MoveState verified(long count, String checksum) {
		return new MoveState(this.tenant, this.from, this.to, MovePhase.VERIFIED, 0, null, count, checksum,
				this.started, this.initiator);
	}

	/**
	 * @param phase the phase reached
	 * @return this state in {@code phase}, keeping the verified count and checksum
	 */
	public MoveState in(MovePhase phase) {
		return new MoveState(this.tenant, this.from, this.to, phase, 0, null, this.count, this.checksum, this.started,
				this.initiator);
	}

}
