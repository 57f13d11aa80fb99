package dev.tenancy.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.keys.TenantTables;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the lifecycle operations share: the lifecycle client, the tables, the fences, the tiers, the journal, the
 * listeners and the timings.
 *
 * @param client the tenant-scoped client of lifecycle operations (the tenant's lifecycle session, not fenced)
 * @param tables the tenant's physical tables per tier
 * @param tenantTables the tenants' current tiers
 * @param fences the fences of the application's tenant-scoped client
 * @param tierAssignment switches a tenant's tier
 * @param journal records moves
 * @param listeners receive audit records
 * @param evictions drop a purged tenant's cached sessions and policies
 * @param openScopes counts a tenant's open scopes in this JVM
 * @param tableDropper deletes silo tables, or {@literal null} to leave them in place
 * @param clock dates the records
 * @param retryAfter what fenced callers are told to wait
 * @param drainTimeout how long raising a fence waits for requests in flight
 */
record LifecycleSettings(DynamoDbClient client, LifecycleTables tables, TenantTables tenantTables,
		TenantFences fences, @Nullable TierAssignment tierAssignment, MoveJournal journal,
		List<TenantLifecycleListener> listeners, List<TenantEviction> evictions, ToIntFunction<TenantId> openScopes,
		@Nullable TenancyAdminClient tableDropper, Clock clock, Duration retryAfter, Duration drainTimeout) {

	/**
	 * Run work as the tenant (the lifecycle client needs the tenant's scope).
	 */
	<T> T asTenant(TenantId tenant, Supplier<T> work) {
		return TenantContext.callAs(tenant, work);
	}

	/**
	 * Notify the listeners, logging (not throwing) their failures.
	 */
	void notifyListeners(Log logger, Consumer<TenantLifecycleListener> event) {
		for (TenantLifecycleListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Tenant lifecycle listener " + listener + " failed; the operation is complete", ex);
			}
		}
	}

}
