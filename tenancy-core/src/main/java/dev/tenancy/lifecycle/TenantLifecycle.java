package dev.tenancy.lifecycle;

import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.iam.policy.TenancyPolicies;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.util.Assert;

/**
 * A tenant's lifecycle operations: {@linkplain #move moving} it between tiers (resumable, with
 * {@linkplain #rollback rollback} before the switch), {@linkplain #export exporting} its items as JSON lines and
 * {@linkplain #purge purging} them when it is offboarded.
 * <p>
 * The data-plane work runs through the {@linkplain Builder#client(DynamoDbClient) lifecycle client}: a tenant-scoped
 * client (guard and STS session of the tenant) whose session policy is
 * {@link TenancyPolicies#migrationSessionPolicy(TenantId)}, granting the tenant's own partition keys in its pooled and
 * its silo tables and nothing else; build it with {@link LifecycleSessions}. It is never the application's identity.
 * Meanwhile the application's tenant-scoped client refuses the tenant's writes (move) or every request (purge) through
 * the {@link TenantFences} it was built with, with the retryable
 * {@link dev.tenancy.dynamodb.TenantUnavailableException}.
 * <p>
 * See docs/TIERS.md for the phases, the generated policies and what a deployment of several instances must do.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TenantLifecycle {

	private final LifecycleSettings settings;

	private final TenantMove move;

	private final TenantPurge purge;

	private TenantLifecycle(LifecycleSettings settings) {
		this.settings = settings;
		this.move = new TenantMove(settings);
		this.purge = new TenantPurge(settings);
	}

	/**
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Move a tenant to another tier: fence its writes, copy its items to the target tier's tables (which must exist
	 * and hold none of its items), verify count and checksum, switch its tier and lift the fence, remove the source
	 * copy. If a step fails the journal keeps the last phase reached: {@link #resume(TenantId)} continues from there,
	 * {@link #rollback(TenantId)} (before the switch) restores the start.
	 * @param tenant the tenant; must not be {@literal null}
	 * @param to the target tier; must not be {@literal null}
	 * @param initiator who starts the move, for the audit record
	 * @return the audit record
	 * @throws TenantLifecycleException if the move cannot start or stops; its message names the phase and the remedy
	 */
	public MoveRecord move(TenantId tenant, TenantTier to, String initiator) {
		Assert.notNull(tenant, "Tenant must not be null");
		Assert.notNull(to, "Target tier must not be null");
		Assert.hasText(initiator, "Initiator must not be empty");
		return this.move.start(tenant, to, initiator);
	}

	/**
	 * Continue a tenant's unfinished move from the last phase its journal recorded.
	 * @param tenant the tenant; must not be {@literal null}
	 * @return the audit record
	 * @throws TenantLifecycleException if there is no unfinished move or it stops again
	 */
	public MoveRecord resume(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		return this.move.resume(tenant);
	}

	/**
	 * Undo a tenant's unfinished move that has not switched the tier: remove the target copy, forget the move and lift
	 * the fence. The tenant stays in its tier with its data unchanged.
	 * @param tenant the tenant; must not be {@literal null}
	 * @throws TenantLifecycleException if there is no unfinished move or it has switched the tier
	 */
	public void rollback(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		this.move.rollback(tenant);
	}

	/**
	 * @param tenant the tenant; must not be {@literal null}
	 * @return the state of the tenant's unfinished move, if any
	 */
	public Optional<MoveState> unfinishedMove(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		return this.settings.journal().find(tenant);
	}

	/**
	 * Write every item of a tenant (in its current tier) as JSON lines ({@link TenantExport}). The tenant is not
	 * fenced: for a consistent export before a purge use {@link #purge(TenantId, Writer, String)}.
	 * @param tenant the tenant; must not be {@literal null}
	 * @param out where to write; must not be {@literal null}; flushed, not closed
	 * @return the number of items written
	 */
	public long export(TenantId tenant, Writer out) {
		Assert.notNull(tenant, "Tenant must not be null");
		Assert.notNull(out, "Writer must not be null");
		return this.purge.export(tenant, out);
	}

	/**
	 * Offboard a tenant: fence every request of it, refuse if it still has open scopes in this JVM once the drain
	 * timeout has passed (requests close theirs as soon as the fence refuses them; a job holding one does not), write
	 * its items
	 * to {@code export} (if given) and then remove every base item of it in its tier's tables (with their index
	 * entries), evict its cached sessions and policies, delete its silo tables if a table dropper is configured
	 * (otherwise they are left in place, empty of the tenant), and record what was removed. The tenant stays fenced in
	 * this JVM afterwards (lift it with {@link TenantFences#lift(TenantId)} if it is onboarded again).
	 * @param tenant the tenant; must not be {@literal null}
	 * @param export where to write the tenant's items first, or {@literal null} for no export
	 * @param initiator who purges the tenant, for the audit record
	 * @return the audit record
	 * @throws TenantInUseException if the tenant has open scopes (nothing was removed)
	 * @throws TenantLifecycleException if it has an unfinished move or the purge stops (run it again to finish)
	 */
	public PurgeRecord purge(TenantId tenant, @Nullable Writer export, String initiator) {
		Assert.notNull(tenant, "Tenant must not be null");
		Assert.hasText(initiator, "Initiator must not be empty");
		return this.purge.purge(tenant, export, initiator);
	}

	/**
	 * Builder for {@link TenantLifecycle}; {@link #client}, {@link #policies} and {@link #fences} are required.
	 */
	public static final class Builder {

		private @Nullable DynamoDbClient client;

		private @Nullable TenancyPolicies policies;

		private @Nullable TenantFences fences;

		private @Nullable TierAssignment tierAssignment;

		private MoveJournal journal = new InMemoryMoveJournal();

		private final List<TenantLifecycleListener> listeners = new ArrayList<>();

		private final List<TenantEviction> evictions = new ArrayList<>();

		private ToIntFunction<TenantId> openScopes = TenantContext::openScopes;

		private @Nullable TenancyAdminClient tableDropper;

		private Clock clock = Clock.systemUTC();

		private Duration retryAfter = Duration.ofSeconds(5);

		private Duration drainTimeout = Duration.ofSeconds(30);

		private Builder() {
		}

		/**
		 * @param client the lifecycle client: tenant-scoped, signed with the tenant's lifecycle session
		 * ({@link LifecycleSessions}), without fences
		 * @return this builder
		 */
		public Builder client(DynamoDbClient client) {
			Assert.notNull(client, "Client must not be null");
			this.client = client;
			return this;
		}

		/**
		 * @param policies the application's policies: their key schema names the tables, their tenant tables the
		 * tiers
		 * @return this builder
		 */
		public Builder policies(TenancyPolicies policies) {
			Assert.notNull(policies, "Policies must not be null");
			this.policies = policies;
			return this;
		}

		/**
		 * @param fences the fences of the application's tenant-scoped client
		 * @return this builder
		 */
		public Builder fences(TenantFences fences) {
			Assert.notNull(fences, "Fences must not be null");
			this.fences = fences;
			return this;
		}

		/**
		 * @param tierAssignment switches a tenant's tier (for example {@code TenantTierRegistry::assign}); required
		 * for moves
		 * @return this builder
		 */
		public Builder tierAssignment(TierAssignment tierAssignment) {
			Assert.notNull(tierAssignment, "Tier assignment must not be null");
			this.tierAssignment = tierAssignment;
			return this;
		}

		/**
		 * @param journal where moves record their phases (default {@link InMemoryMoveJournal}; use
		 * {@link FileMoveJournal} to resume after a crash of the JVM)
		 * @return this builder
		 */
		public Builder journal(MoveJournal journal) {
			Assert.notNull(journal, "Journal must not be null");
			this.journal = journal;
			return this;
		}

		/**
		 * @param listener receives the audit records
		 * @return this builder
		 */
		public Builder listener(TenantLifecycleListener listener) {
			Assert.notNull(listener, "Listener must not be null");
			this.listeners.add(listener);
			return this;
		}

		/**
		 * @param eviction drops a tenant's cached sessions or compiled policies, after a purge and after a move's
		 * switch (in addition to what the tier assignment's listeners evict)
		 * @return this builder
		 */
		public Builder eviction(TenantEviction eviction) {
			Assert.notNull(eviction, "Eviction must not be null");
			this.evictions.add(eviction);
			return this;
		}

		/**
		 * @param openScopes counts a tenant's open scopes in this JVM (a purge is refused while there are any);
		 * default {@link dev.tenancy.context.TenantContext#openScopes(TenantId)}
		 * @return this builder
		 */
		public Builder openScopes(ToIntFunction<TenantId> openScopes) {
			Assert.notNull(openScopes, "Open scopes must not be null");
			this.openScopes = openScopes;
			return this;
		}

		/**
		 * @param tableDropper an admin client whose identity may {@code dynamodb:DeleteTable} the silo tables (the
		 * default admin policy does not grant it); without one, purges and moves out of the silo tier leave the
		 * emptied silo tables in place and say so in their records
		 * @return this builder
		 */
		public Builder tableDropper(@Nullable TenancyAdminClient tableDropper) {
			this.tableDropper = tableDropper;
			return this;
		}

		/**
		 * @param clock dates the records (default UTC)
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			Assert.notNull(clock, "Clock must not be null");
			this.clock = clock;
			return this;
		}

		/**
		 * @param retryAfter what fenced callers are told to wait before retrying (default 5 seconds)
		 * @return this builder
		 */
		public Builder retryAfter(Duration retryAfter) {
			Assert.isTrue(retryAfter != null && !retryAfter.isNegative(), "Retry-after must not be negative");
			this.retryAfter = retryAfter;
			return this;
		}

		/**
		 * @param drainTimeout how long raising a fence waits for the tenant's requests in flight, and a purge for its
		 * open scopes to close (default 30 seconds)
		 * @return this builder
		 */
		public Builder drainTimeout(Duration drainTimeout) {
			Assert.isTrue(drainTimeout != null && !drainTimeout.isNegative(), "Drain timeout must not be negative");
			this.drainTimeout = drainTimeout;
			return this;
		}

		/**
		 * @return the lifecycle operations
		 */
		public TenantLifecycle build() {
			DynamoDbClient client = this.client;
			TenancyPolicies policies = this.policies;
			TenantFences fences = this.fences;
			Assert.state(client != null, "A lifecycle client is required (see LifecycleSessions)");
			Assert.state(policies != null, "The application's TenancyPolicies are required");
			Assert.state(fences != null, "The TenantFences of the application's tenant-scoped client are required");
			LifecycleTables tables = new LifecycleTables(policies.keySchema(), policies.tenantTables().siloTables(),
					policies.keyTemplate());
			return new TenantLifecycle(new LifecycleSettings(client, tables, policies.tenantTables(), fences,
					this.tierAssignment, this.journal, List.copyOf(this.listeners), List.copyOf(this.evictions),
					this.openScopes, this.tableDropper, this.clock, this.retryAfter, this.drainTimeout));
		}

	}

}
