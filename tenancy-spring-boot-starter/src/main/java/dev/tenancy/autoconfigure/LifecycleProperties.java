package dev.tenancy.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantTier;

/**
 * Lifecycle operations ({@code tenancy.lifecycle.*}): moving tenants between tiers and purging offboarded tenants,
 * as a {@code TenantLifecycle} bean and as a command that runs one operation in the application's own configuration
 * and then closes the application.
 *
 * @author tenancy
 * @since 0.4
 */
public class LifecycleProperties {

	/**
	 * Whether to register the TenantLifecycle bean (moves between tiers, export, purge). Implied by the command
	 * properties move, resume, rollback and purge. Needs isolation mode 'iam'.
	 */
	private boolean enabled;

	/**
	 * Command: move this tenant to the tier given by 'tenancy.lifecycle.to', then close the application.
	 */
	private @Nullable String move;

	/**
	 * Target tier of 'tenancy.lifecycle.move': 'pool' or 'silo'.
	 */
	private @Nullable TenantTier to;

	/**
	 * Command: resume this tenant's unfinished move from its journal, then close the application.
	 */
	private @Nullable String resume;

	/**
	 * Command: roll back this tenant's unfinished move (before its tier was switched), then close the application.
	 */
	private @Nullable String rollback;

	/**
	 * Command: purge this tenant (every item, its cached sessions; its silo tables with
	 * 'tenancy.lifecycle.drop-silo-tables'), then close the application.
	 */
	private @Nullable String purge;

	/**
	 * File the purge command writes the tenant's items to (JSON lines) before it removes them; it must not exist.
	 */
	private @Nullable Path exportFile;

	/**
	 * Directory of the move journal (one JSON file per tenant with an unfinished move), so that a move survives a
	 * restart. When not set, moves are journaled in memory.
	 */
	private @Nullable Path journalDirectory;

	/**
	 * Whether purges and moves out of the silo tier delete the emptied silo tables, with the TenancyAdminClient
	 * ('tenancy.admin-client.enabled'), whose identity then also needs dynamodb:DeleteTable on them.
	 */
	private boolean dropSiloTables;

	/**
	 * Who runs the command, recorded in the audit record.
	 */
	private String initiator = "tenancy.lifecycle command";

	/**
	 * What callers refused by a lifecycle fence are told to wait before retrying.
	 */
	private Duration retryAfter = Duration.ofSeconds(5);

	/**
	 * How long raising a fence waits for the tenant's requests in flight.
	 */
	private Duration drainTimeout = Duration.ofSeconds(30);

	/**
	 * Whether the commands that change a tenant's data (move, resume, purge) may run: they fence the tenant and switch
	 * its tier only in their own process, so every other instance of the application that serves the tenant must be
	 * stopped (or the tenant routed away from it) first. Set to true to confirm that none does.
	 */
	private boolean noServingInstances;

	/**
	 * Whether the command closes the application after it ran.
	 */
	private boolean closeAfterCommand = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getMove() {
		return this.move;
	}

	public void setMove(@Nullable String move) {
		this.move = move;
	}

	public @Nullable TenantTier getTo() {
		return this.to;
	}

	public void setTo(@Nullable TenantTier to) {
		this.to = to;
	}

	public @Nullable String getResume() {
		return this.resume;
	}

	public void setResume(@Nullable String resume) {
		this.resume = resume;
	}

	public @Nullable String getRollback() {
		return this.rollback;
	}

	public void setRollback(@Nullable String rollback) {
		this.rollback = rollback;
	}

	public @Nullable String getPurge() {
		return this.purge;
	}

	public void setPurge(@Nullable String purge) {
		this.purge = purge;
	}

	public @Nullable Path getExportFile() {
		return this.exportFile;
	}

	public void setExportFile(@Nullable Path exportFile) {
		this.exportFile = exportFile;
	}

	public @Nullable Path getJournalDirectory() {
		return this.journalDirectory;
	}

	public void setJournalDirectory(@Nullable Path journalDirectory) {
		this.journalDirectory = journalDirectory;
	}

	public boolean isDropSiloTables() {
		return this.dropSiloTables;
	}

	public void setDropSiloTables(boolean dropSiloTables) {
		this.dropSiloTables = dropSiloTables;
	}

	public String getInitiator() {
		return this.initiator;
	}

	public void setInitiator(String initiator) {
		this.initiator = initiator;
	}

	public Duration getRetryAfter() {
		return this.retryAfter;
	}

	public void setRetryAfter(Duration retryAfter) {
		this.retryAfter = retryAfter;
	}

	public Duration getDrainTimeout() {
		return this.drainTimeout;
	}

	public void setDrainTimeout(Duration drainTimeout) {
		this.drainTimeout = drainTimeout;
	}

	public boolean isNoServingInstances() {
		return this.noServingInstances;
	}

	public void setNoServingInstances(boolean noServingInstances) {
		this.noServingInstances = noServingInstances;
	}

	public boolean isCloseAfterCommand() {
		return this.closeAfterCommand;
	}

	public void setCloseAfterCommand(boolean closeAfterCommand) {
		this.closeAfterCommand = closeAfterCommand;
	}

}
