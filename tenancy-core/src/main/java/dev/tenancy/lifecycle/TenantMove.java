package dev.tenancy.lifecycle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantFences;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Moves a tenant between tiers, phase by phase ({@link MovePhase}), recording each in the {@link MoveJournal}: fence
 * the tenant's writes, copy its base items page by page to the target tier's tables (index entries follow their base
 * items; the keys are the same in both tiers), verify count and checksum of source and target, switch the tier (which
 * evicts the tenant's sessions and compiled policies) and lift the fence, remove the source copy. Every step is
 * idempotent (puts of the same item, deletes of absent items), so a resumed move repeats at most the page it was in.
 *
 * @author tenancy
 * @since 0.4
 */
final class TenantMove {

	private static final Log logger = LogFactory.getLog(TenantMove.class);

	private final LifecycleSettings settings;

	TenantMove(LifecycleSettings settings) {
		this.settings = settings;
	}

	MoveRecord start(TenantId tenant, TenantTier to, String initiator) {
		this.settings.journal().find(tenant).ifPresent((move) -> {
			throw new TenantLifecycleException(tenant, String.format("Tenant '%s' has an unfinished move from tier %s "
					+ "to tier %s (phase %s); resume it or roll it back before starting another.", tenant, move.from(),
					move.to(), move.phase()));
		});
		if (this.settings.tierAssignment() == null) {
			throw new TenantLifecycleException(tenant, "Tenant '" + tenant + "' was not moved: no TierAssignment is "
					+ "configured to switch its tier (for example TenantTierRegistry::assign, with the registry as the "
					+ "TenantTierResolver of the TenantTables). Nothing was copied.");
		}
		TenantTier from = this.settings.tenantTables().tierOf(tenant);
		if (from == to) {
			throw new TenantLifecycleException(tenant, "Tenant '" + tenant + "' is already in tier " + to
					+ "; nothing was moved.");
		}
		this.settings.fences().fenceOf(tenant).ifPresent((fence) -> {
			throw new TenantLifecycleException(tenant, String.format("Tenant '%s' was not moved: it is fenced because "
					+ "%s (since %s). Finish that operation first.", tenant, fence.reason(), fence.since()));
		});
		MoveState state = MoveState.fenced(tenant, from, to, this.settings.clock().instant(), initiator);
		fence(state);
		try {
			List<String> occupied = this.settings.asTenant(tenant, () -> occupiedTargets(tenant, to));
			if (!occupied.isEmpty()) {
				throw new TenantLifecycleException(tenant, String.format("Tenant '%s' was not moved to tier %s: its "
						+ "target tables %s already hold items of the tenant (left over from an earlier move or "
						+ "written around the library). Nothing was copied. Remove them (for example with a purge of "
						+ "that tier's copy) and start the move again.", tenant, to, occupied));
			}
			this.settings.journal().save(state);
		}
		catch (RuntimeException ex) {
			this.settings.fences().lift(tenant);
			throw ex;
		}
		logger.info(String.format("Moving tenant '%s' from tier %s to tier %s for %s: writes fenced", tenant, from, to,
				initiator));
		return run(state);
	}

	MoveRecord resume(TenantId tenant) {
		MoveState journaled = unfinished(tenant, "resume");
		MoveState state = journaled;
		if (!journaled.phase().switched()) {
			boolean fenced = this.settings.fences()
				.fenceOf(tenant)
				.filter((fence) -> fence.reason().equals(fenceReason(journaled)))
				.isPresent();
			fence(journaled);
			if (!fenced) {
				state = restartCopy(journaled);
			}
		}
		logger.info(String.format("Resuming the move of tenant '%s' from tier %s to tier %s after phase %s", tenant,
				state.from(), state.to(), state.phase()));
		return run(state);
	}

	/**
	 * The move's fence was not held in this JVM (it restarted, or the fence was lifted): the tenant may have written
	 * to the source since the copy began, so the copy starts over on an emptied target.
	 */
	private MoveState restartCopy(MoveState state) {
		TenantId tenant = state.tenant();
		logger.warn(String.format("The move of tenant '%s' from tier %s to tier %s (phase %s) was not fenced in this "
				+ "JVM until now; the tenant may have written since the copy began, so the target copy is removed and "
				+ "the copy starts over", tenant, state.from(), state.to(), state.phase()));
		removeTarget(state);
		MoveState restarted = MoveState.fenced(tenant, state.from(), state.to(), state.started(), state.initiator());
		this.settings.journal().save(restarted);
		return restarted;
	}

	private void removeTarget(MoveState state) {
		TenantId tenant = state.tenant();
		this.settings.asTenant(tenant, () -> {
			for (String pooled : this.settings.tables().pooledTables()) {
				TenantPartition target = partition(pooled, state.to(), tenant);
				target.forEachPage(null, (items, last) -> target.deleteAll(items));
			}
			return null;
		});
	}

	void rollback(TenantId tenant) {
		MoveState state = unfinished(tenant, "roll back");
		if (state.phase().switched()) {
			throw new TenantLifecycleException(tenant, String.format("The move of tenant '%s' from tier %s to tier %s "
					+ "cannot be rolled back: it switched the tier already (phase %s) and the target copy is the "
					+ "tenant's data now. Resume it to finish, then move the tenant back if needed.", tenant,
					state.from(), state.to(), state.phase()));
		}
		fence(state);
		removeTarget(state);
		this.settings.journal().remove(tenant);
		this.settings.fences().lift(tenant);
		logger.info(String.format("Rolled back the move of tenant '%s' from tier %s to tier %s (it had reached phase "
				+ "%s): the target copy is removed, the tenant stays in tier %s and its writes are no longer fenced",
				tenant, state.from(), state.to(), state.phase(), state.from()));
	}

	private MoveState unfinished(TenantId tenant, String action) {
		return this.settings.journal()
			.find(tenant)
			.orElseThrow(() -> new TenantLifecycleException(tenant, "Tenant '" + tenant + "' has no unfinished move "
					+ "to " + action + " in " + this.settings.journal() + "."));
	}

	private void fence(MoveState state) {
		this.settings.fences().raise(state.tenant(), TenantFences.Scope.WRITES, fenceReason(state),
				this.settings.retryAfter(), this.settings.drainTimeout());
	}

	private static String fenceReason(MoveState state) {
		return "it is being moved from tier " + state.from() + " to tier " + state.to();
	}

	private List<String> occupiedTargets(TenantId tenant, TenantTier to) {
		List<String> occupied = new ArrayList<>();
		for (String pooled : this.settings.tables().pooledTables()) {
			TenantPartition target = partition(pooled, to, tenant);
			try {
				if (!target.isEmpty()) {
					occupied.add(target.table());
				}
			}
			catch (ResourceNotFoundException ex) {
				throw new TenantLifecycleException(tenant, String.format("Tenant '%s' was not moved to tier %s: its "
						+ "target table '%s' does not exist. Nothing was copied. Create it first with the keys and "
						+ "indexes of table '%s' (for example with the TenancyAdminClient) and start the move again.",
						tenant, to, target.table(), pooled), ex);
			}
			catch (DynamoDbException ex) {
				throw new TenantLifecycleException(tenant, String.format("Tenant '%s' was not moved to tier %s: its "
						+ "target table '%s' could not be read (%s). Nothing was copied. If it does not exist, create "
						+ "it with the keys and indexes of table '%s' (for example with the TenancyAdminClient); "
						+ "check that the tenant role's ceiling policy allows it; then start the move again.", tenant,
						to, target.table(), ex.getMessage(), pooled), ex);
			}
		}
		return occupied;
	}

	private MoveRecord run(MoveState initial) {
		TenantId tenant = initial.tenant();
		MoveState state = initial;
		try {
			if (state.phase() == MovePhase.FENCED || state.phase() == MovePhase.COPYING) {
				state = copy(state);
			}
			if (state.phase() == MovePhase.COPIED) {
				state = verify(state);
			}
			if (state.phase() == MovePhase.VERIFIED || state.phase() == MovePhase.SWITCHED) {
				state = switchTier(state);
			}
			List<String> deleted = new ArrayList<>();
			List<String> remaining = new ArrayList<>();
			state = removeSource(state, deleted, remaining);
			MoveRecord record = new MoveRecord(tenant, state.from(), state.to(), state.count(),
					String.valueOf(state.checksum()), deleted, remaining, state.started(),
					this.settings.clock().instant(), state.initiator());
			this.settings.journal().remove(tenant);
			logger.info(String.format("Moved tenant '%s' from tier %s to tier %s for %s: %d items, checksum %s; source "
					+ "tables deleted %s, left in place (empty of the tenant) %s", tenant, record.from(), record.to(),
					record.initiator(), record.items(), record.checksum(), deleted, remaining));
			this.settings.notifyListeners(logger, (listener) -> listener.moved(record));
			return record;
		}
		catch (TenantLifecycleException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			MoveState reached = this.settings.journal().find(tenant).orElse(state);
			throw new TenantLifecycleException(tenant, String.format("The move of tenant '%s' from tier %s to tier %s "
					+ "stopped after phase %s: %s. %s", tenant, reached.from(), reached.to(), reached.phase(),
					ex.getMessage(), remedy(reached)), ex);
		}
	}

	private static String remedy(MoveState state) {
		return state.phase().switched()
				? "The tenant is in tier " + state.to() + " and writable; resume the move to remove the source copy."
				: "The tenant's writes stay fenced; resume the move (it continues from the journal) or roll it back.";
	}

	private MoveState copy(MoveState initial) {
		TenantId tenant = initial.tenant();
		List<String> pooledTables = this.settings.tables().pooledTables();
		MoveState state = initial;
		int first = (state.phase() == MovePhase.COPYING) ? state.table() : 0;
		for (int index = first; index < pooledTables.size(); index++) {
			String pooled = pooledTables.get(index);
			TenantPartition source = partition(pooled, state.from(), tenant);
			TenantPartition target = partition(pooled, state.to(), tenant);
			@Nullable Map<String, AttributeValue> start = (index == first && state.phase() == MovePhase.COPYING)
					? state.cursor() : null;
			MoveState[] progress = { state.copying(index, start) };
			int table = index;
			this.settings.asTenant(tenant, () -> source.forEachPage(start, (items, last) -> {
				target.putAll(items);
				if (last != null) {
					progress[0] = progress[0].copying(table, last);
					this.settings.journal().save(progress[0]);
				}
			}));
			state = progress[0].copying(index + 1, null);
			this.settings.journal().save(state);
		}
		state = state.in(MovePhase.COPIED);
		this.settings.journal().save(state);
		return state;
	}

	private MoveState verify(MoveState state) {
		TenantId tenant = state.tenant();
		ItemChecksum source = ItemChecksum.create();
		ItemChecksum target = ItemChecksum.create();
		this.settings.asTenant(tenant, () -> {
			for (String pooled : this.settings.tables().pooledTables()) {
				partition(pooled, state.from(), tenant)
					.forEachPage(null, (items, last) -> items.forEach((item) -> source.add(pooled, item)));
				partition(pooled, state.to(), tenant)
					.forEachPage(null, (items, last) -> items.forEach((item) -> target.add(pooled, item)));
			}
			return null;
		});
		if (source.count() != target.count() || !source.hex().equals(target.hex())) {
			throw new TenantLifecycleException(tenant, String.format("The move of tenant '%s' from tier %s to tier %s "
					+ "failed verification: the source has %s, the target %s. The tier was not switched and the "
					+ "tenant's writes stay fenced; roll the move back (it removes the target copy) and investigate "
					+ "what else wrote to the target.", tenant, state.from(), state.to(), source, target));
		}
		MoveState verified = state.verified(source.count(), source.hex());
		this.settings.journal().save(verified);
		return verified;
	}

	private MoveState switchTier(MoveState state) {
		TierAssignment assignment = this.settings.tierAssignment();
		if (assignment == null) {
			throw new TenantLifecycleException(state.tenant(), "Tenant '" + state.tenant() + "' was copied and "
					+ "verified but its tier cannot be switched: no TierAssignment is configured (for example "
					+ "TenantTierRegistry::assign). Configure one and resume the move.");
		}
		assignment.assign(state.tenant(), state.to());
		this.settings.evictions().forEach((eviction) -> eviction.evict(state.tenant()));
		MoveState switched = state.in(MovePhase.SWITCHED);
		this.settings.journal().save(switched);
		this.settings.fences().lift(state.tenant());
		logger.info(String.format("Switched tenant '%s' to tier %s (%d items verified, checksum %s); writes are no "
				+ "longer fenced", state.tenant(), state.to(), state.count(), state.checksum()));
		return switched;
	}

	private MoveState removeSource(MoveState state, List<String> deleted, List<String> remaining) {
		TenantId tenant = state.tenant();
		this.settings.asTenant(tenant, () -> {
			for (String pooled : this.settings.tables().pooledTables()) {
				TenantPartition source = partition(pooled, state.from(), tenant);
				source.forEachPage(null, (items, last) -> source.deleteAll(items));
			}
			return null;
		});
		List<String> sourceTables = this.settings.tables().tableNames(state.from(), tenant);
		TenancyAdminClient dropper = this.settings.tableDropper();
		if (state.from() == TenantTier.SILO && dropper != null) {
			for (String table : sourceTables) {
				try {
					dropper.dynamoDbClient().deleteTable((request) -> request.tableName(table));
				}
				catch (ResourceNotFoundException ex) {
					// Deleted by an earlier attempt of this move.
				}
				deleted.add(table);
			}
		}
		else {
			remaining.addAll(sourceTables);
		}
		MoveState removed = state.in(MovePhase.SOURCE_REMOVED);
		this.settings.journal().save(removed);
		return removed;
	}

	private TenantPartition partition(String pooled, TenantTier tier, TenantId tenant) {
		return this.settings.tables().partition(this.settings.client(), pooled, tier, tenant);
	}

}
