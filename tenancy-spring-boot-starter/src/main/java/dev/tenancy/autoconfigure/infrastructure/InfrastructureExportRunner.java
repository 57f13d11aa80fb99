package dev.tenancy.autoconfigure.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.Assert;

import dev.tenancy.infrastructure.InfrastructureFormat;

/**
 * The export command: with {@code tenancy.infrastructure.export=<format>} the application writes its infrastructure
 * to {@code tenancy.infrastructure.export-file} once it has started, and stops (it closes its context; run it with
 * {@code spring.main.web-application-type=none} so that it never serves).
 *
 * @author tenancy
 * @since 0.4
 */
public class InfrastructureExportRunner implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(InfrastructureExportRunner.class);

	private final InfrastructureExport export;

	private final InfrastructureFormat format;

	private final Path file;

	private final ConfigurableApplicationContext context;

	/**
	 * @param export the application's infrastructure
	 * @param format the format to write
	 * @param file the file to write
	 * @param context the application context, closed after the export
	 */
	public InfrastructureExportRunner(InfrastructureExport export, InfrastructureFormat format, Path file,
			ConfigurableApplicationContext context) {
		Assert.notNull(export, "Export must not be null");
		Assert.notNull(format, "Format must not be null");
		Assert.notNull(file, "File must not be null");
		Assert.notNull(context, "Context must not be null");
		this.export = export;
		this.format = format;
		this.file = file;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments args) {
		String document = this.export.render(this.format);
		try {
			Path parent = this.file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(this.file, document, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the " + this.format + " export to " + this.file, ex);
		}
		logger.info("Wrote the {} infrastructure of tenancy to {}; stopping (tenancy.infrastructure.export).",
				this.format, this.file.toAbsolutePath());
		this.context.close();
	}

}
