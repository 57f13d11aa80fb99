package dev.tenancy.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.lifecycle.TenantLifecycle;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.util.StringUtils;

/**
 * The lifecycle command: runs the one operation given by {@code tenancy.lifecycle.move} (with {@code .to}),
 * {@code .resume}, {@code .rollback} or {@code .purge} (with {@code .export-file}) once the application has started,
 * in its own configuration (its tables, tiers, fences and sessions), logs the audit record and, once the application
 * is ready, closes it.
 * A failure fails the application's startup, so the process exits with a non-zero status and the message names the
 * remedy.
 *
 * @author tenancy
 * @since 0.4
 */
class TenantLifecycleCommand implements ApplicationRunner, ApplicationListener<ApplicationReadyEvent>, Ordered {

	private static final Log logger = LogFactory.getLog(TenantLifecycleCommand.class);

	private static final String MOVE_RISK = "it fences the tenant's writes and switches its tier only in this "
			+ "process, so an instance of the application that serves the tenant meanwhile would keep writing to the "
			+ "source tables, and the move would delete those writes with the source copy.";

	private static final String PURGE_RISK = "it fences the tenant's requests only in this process, so an instance "
			+ "of the application that serves the tenant meanwhile would keep writing items the purge may not remove.";

	private final TenantLifecycle lifecycle;

	private final LifecycleProperties properties;

	private final ConfigurableApplicationContext context;

	TenantLifecycleCommand(TenantLifecycle lifecycle, LifecycleProperties properties,
			ConfigurableApplicationContext context) {
		this.lifecycle = lifecycle;
		this.properties = properties;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		String initiator = this.properties.getInitiator();
		String move = this.properties.getMove();
		if (StringUtils.hasText(move)) {
			TenantTier to = this.properties.getTo();
			if (to == null) {
				throw new InvalidTenancyConfigurationException("tenancy.lifecycle.to", null,
						"The move of tenant '" + move + "' has no target tier.",
						"Set 'tenancy.lifecycle.to' to 'pool' or 'silo'.", null);
			}
			requireNoServingInstances("move", move, MOVE_RISK);
			logger.info("Lifecycle command: " + this.lifecycle.move(TenantId.of(move), to, initiator));
		}
		else if (StringUtils.hasText(this.properties.getResume())) {
			requireNoServingInstances("resume", this.properties.getResume(), MOVE_RISK);
			logger.info("Lifecycle command: " + this.lifecycle.resume(TenantId.of(this.properties.getResume())));
		}
		else if (StringUtils.hasText(this.properties.getRollback())) {
			this.lifecycle.rollback(TenantId.of(this.properties.getRollback()));
			logger.info("Lifecycle command: rolled back the move of tenant '" + this.properties.getRollback() + "'");
		}
		else if (StringUtils.hasText(this.properties.getPurge())) {
			requireNoServingInstances("purge", this.properties.getPurge(), PURGE_RISK);
			purge(TenantId.of(this.properties.getPurge()), this.properties.getExportFile(), initiator);
		}
	}

	/**
	 * The command's fence and tier switch hold in this process only: an instance that serves the tenant meanwhile
	 * would go on writing to the tenant's current tables, and a move would then delete those writes with the source
	 * copy. Refused unless the operator confirms that no instance serves the tenant.
	 */
	private void requireNoServingInstances(String command, String tenant, String risk) {
		if (!this.properties.isNoServingInstances()) {
			throw new InvalidTenancyConfigurationException("tenancy.lifecycle.no-serving-instances", "false",
					String.format("The %s command for tenant '%s' was not run: %s", command, tenant, risk),
					"Stop every instance that serves the tenant (or route the tenant's traffic away from them), then "
							+ "run the command again with '--tenancy.lifecycle.no-serving-instances=true'. In a "
							+ "single running instance, use the TenantLifecycle bean instead: its fences hold there.",
					null);
		}
	}

	/**
	 * Close the application once it is ready, that is after every runner ran and every other listener was told.
	 */
	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.properties.isCloseAfterCommand() && event.getApplicationContext() == this.context) {
			logger.info("Lifecycle command done; closing the application");
			this.context.close();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	private void purge(TenantId tenant, @Nullable Path exportFile, String initiator) {
		if (exportFile == null) {
			logger.info("Lifecycle command: " + this.lifecycle.purge(tenant, null, initiator));
			return;
		}
		Writer out;
		try {
			out = Files.newBufferedWriter(exportFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Tenant '" + tenant + "' was not purged: its export file " + exportFile
					+ " could not be created (it must not exist yet)", ex);
		}
		try (out) {
			logger.info("Lifecycle command: exported to " + exportFile + " and "
					+ this.lifecycle.purge(tenant, out, initiator));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The export file " + exportFile + " of tenant '" + tenant
					+ "' could not be closed", ex);
		}
	}

}
