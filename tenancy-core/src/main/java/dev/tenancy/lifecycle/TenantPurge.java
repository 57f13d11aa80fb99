package dev.tenancy.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantFences;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Offboarding: export (optionally) and remove every base item of a tenant in its tier's tables (their index entries
 * go with them), drop its silo tables if a table dropper is configured, evict its cached sessions and record what was
 * removed. Refused while the tenant has open scopes in this JVM (after waiting up to the drain timeout for them to
 * close); the tenant is fenced (every request refused) from the start and stays fenced afterwards. Repeating a purge
 * that failed half-way finishes it.
 *
 * @author tenancy
 * @since 0.4
 */
final class TenantPurge {

	private static final Log logger = LogFactory.getLog(TenantPurge.class);

	private final LifecycleSettings settings;

	TenantPurge(LifecycleSettings settings) {
		this.settings = settings;
	}

	/**
	 * Write every item of the tenant's tier as JSON lines, as the tenant, without fencing it.
	 */
	long export(TenantId tenant, Writer out) {
		TenantTier tier = this.settings.tenantTables().tierOf(tenant);
		return this.settings.asTenant(tenant, () -> write(tenant, tier, out));
	}

	PurgeRecord purge(TenantId tenant, @Nullable Writer export, String initiator) {
		this.settings.journal().find(tenant).ifPresent((move) -> {
			throw new TenantLifecycleException(tenant, String.format("Tenant '%s' was not purged: its move from "
					+ "tier %s to tier %s stopped in phase %s. Resume or roll back the move first.", tenant,
					move.from(), move.to(), move.phase()));
		});
		Instant started = this.settings.clock().instant();
		TenantTier tier = this.settings.tenantTables().tierOf(tenant);
		TenantFences fences = this.settings.fences();
		Optional<TenantFences.Fence> previous = fences.fenceOf(tenant);
		fences.raise(tenant, TenantFences.Scope.ALL, "it is being offboarded (its data is being purged)",
				this.settings.retryAfter(), this.settings.drainTimeout());
		int openScopes = awaitNoOpenScopes(tenant);
		if (openScopes > 0) {
			if (previous.isEmpty()) {
				fences.lift(tenant);
			}
			throw new TenantInUseException(tenant, openScopes);
		}
		Map<String, Long> removed = new LinkedHashMap<>();
		ItemChecksum checksum = ItemChecksum.create();
		try {
			this.settings.asTenant(tenant, () -> {
				if (export != null) {
					write(tenant, tier, export);
				}
				remove(tenant, tier, removed, checksum);
				return null;
			});
		}
		catch (RuntimeException ex) {
			throw new TenantLifecycleException(tenant, String.format("The purge of tenant '%s' stopped after "
					+ "removing %d items (%s): %s. The tenant stays fenced; run the purge again to finish it (removing "
					+ "is idempotent).", tenant, checksum.count(), removed, ex.getMessage()), ex);
		}
		this.settings.evictions().forEach((eviction) -> eviction.evict(tenant));
		List<String> deleted = new ArrayList<>();
		List<String> remaining = new ArrayList<>();
		if (tier == TenantTier.SILO) {
			dropSiloTables(tenant, deleted, remaining);
		}
		fences.raise(tenant, TenantFences.Scope.ALL, "it was offboarded", this.settings.retryAfter(),
				this.settings.drainTimeout());
		PurgeRecord record = new PurgeRecord(tenant, tier, removed, checksum.hex(), deleted, remaining, started,
				this.settings.clock().instant(), initiator);
		logger.info(String.format("Purged tenant '%s' (tier %s) for %s: removed %d items %s, checksum %s; silo tables "
				+ "deleted %s, left in place %s; the tenant stays fenced in this JVM", tenant, tier, initiator,
				record.totalItemsRemoved(), removed, record.checksum(), deleted, remaining));
		this.settings.notifyListeners(logger, (listener) -> listener.purged(record));
		return record;
	}

	/**
	 * Wait (up to the drain timeout) for a moment when no thread of this JVM has the tenant bound: with the fence up,
	 * requests fail at once, so scopes that are only requests close; a scope held longer (a job) refuses the purge.
	 * @return the open scopes at the last look, {@code 0} if there was such a moment
	 */
	private int awaitNoOpenScopes(TenantId tenant) {
		long deadline = System.nanoTime() + this.settings.drainTimeout().toNanos();
		int open = this.settings.openScopes().applyAsInt(tenant);
		while (open > 0 && System.nanoTime() - deadline < 0 && !Thread.currentThread().isInterrupted()) {
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
			open = this.settings.openScopes().applyAsInt(tenant);
		}
		return open;
	}

	private long write(TenantId tenant, TenantTier tier, Writer out) {
		AtomicLong written = new AtomicLong();
		for (String pooled : this.settings.tables().pooledTables()) {
			this.settings.tables().partition(this.settings.client(), pooled, tier, tenant).forEachPage(null,
					(items, last) -> {
						items.forEach((item) -> TenantExport.write(out, pooled, item));
						written.addAndGet(items.size());
					});
		}
		try {
			out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not flush the export of tenant '" + tenant + "'", ex);
		}
		return written.get();
	}

	private void remove(TenantId tenant, TenantTier tier, Map<String, Long> removed, ItemChecksum checksum) {
		for (String pooled : this.settings.tables().pooledTables()) {
			TenantPartition partition = this.settings.tables().partition(this.settings.client(), pooled, tier, tenant);
			AtomicLong count = new AtomicLong();
			removed.put(partition.table(), 0L);
			partition.forEachPage(null, (items, last) -> {
				for (int from = 0; from < items.size(); from += TenantPartition.BATCH_SIZE) {
					List<Map<String, AttributeValue>> batch = items.subList(from,
							Math.min(from + TenantPartition.BATCH_SIZE, items.size()));
					partition.deleteAll(batch);
					batch.forEach((item) -> checksum.add(pooled, item));
					removed.put(partition.table(), count.addAndGet(batch.size()));
				}
			});
		}
	}

	private void dropSiloTables(TenantId tenant, List<String> deleted, List<String> remaining) {
		List<String> siloTables = this.settings.tables().tableNames(TenantTier.SILO, tenant);
		TenancyAdminClient dropper = this.settings.tableDropper();
		if (dropper == null) {
			remaining.addAll(siloTables);
			return;
		}
		for (String table : siloTables) {
			try {
				dropper.dynamoDbClient().deleteTable((request) -> request.tableName(table));
			}
			catch (ResourceNotFoundException ex) {
				// Already gone: nothing to delete.
			}
			deleted.add(table);
		}
	}

}
