package dev.tenancy.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * A durable {@link MoveJournal}: one JSON file per tenant with an unfinished move ({@code <tenant>.move.json}) in a
 * directory, written to a temporary file, forced to disk and atomically renamed, so that a crash leaves either the
 * previous state or the new one. Put the directory on storage that outlives the instance (a volume), and give every
 * instance that may resume a move the same one. Thread-safe for different tenants; one move per tenant at a time.
 *
 * @author tenancy
 * @since 0.4
 */
public final class FileMoveJournal implements MoveJournal {

	private final Path directory;

	private FileMoveJournal(Path directory) {
		this.directory = directory;
	}

	/**
	 * @param directory the journal's directory; created if missing
	 * @return the journal
	 * @throws UncheckedIOException if the directory cannot be created
	 */
	public static FileMoveJournal in(Path directory) {
		Assert.notNull(directory, "Directory must not be null");
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the move journal directory " + directory, ex);
		}
		return new FileMoveJournal(directory);
	}

	private Path file(TenantId tenant) {
		return this.directory.resolve(tenant.value() + ".move.json");
	}

	@Override
	public Optional<MoveState> find(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		Path file = file(tenant);
		if (!Files.exists(file)) {
			return Optional.empty();
		}
		try {
			return Optional.of(state(ItemJson.MAPPER.readTree(Files.readAllBytes(file))));
		}
		catch (IOException | RuntimeException ex) {
			throw new TenantLifecycleException(tenant, "The move journal " + file + " of tenant '" + tenant
					+ "' cannot be read: " + ex.getMessage() + ". Repair or restore the file; the move was neither "
					+ "resumed nor rolled back.", ex);
		}
	}

	@Override
	public void save(MoveState state) {
		Assert.notNull(state, "State must not be null");
		Path file = file(state.tenant());
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		byte[] bytes = ItemJson.MAPPER.writeValueAsBytes(json(state));
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer buffer = ByteBuffer.wrap(bytes);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the move journal of tenant '" + state.tenant() + "' to "
					+ temporary, ex);
		}
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not replace the move journal " + file + " of tenant '"
					+ state.tenant() + "'", ex);
		}
	}

	@Override
	public void remove(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		try {
			Files.deleteIfExists(file(tenant));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not remove the move journal of tenant '" + tenant + "'", ex);
		}
	}

	private static ObjectNode json(MoveState state) {
		ObjectNode json = ItemJson.MAPPER.createObjectNode();
		json.put("tenant", state.tenant().value());
		json.put("from", state.from().name());
		json.put("to", state.to().name());
		json.put("phase", state.phase().name());
		json.put("table", state.table());
		if (state.cursor() != null) {
			json.set("cursor", ItemJson.json(state.cursor()));
		}
		json.put("count", state.count());
		if (state.checksum() != null) {
			json.put("checksum", state.checksum());
		}
		json.put("started", state.started().toString());
		json.put("initiator", state.initiator());
		return json;
	}

	private static MoveState state(JsonNode json) {
		JsonNode cursor = json.get("cursor");
		JsonNode checksum = json.get("checksum");
		return new MoveState(TenantId.of(json.required("tenant").stringValue()),
				TenantTier.valueOf(json.required("from").stringValue()),
				TenantTier.valueOf(json.required("to").stringValue()),
				MovePhase.valueOf(json.required("phase").stringValue()), json.required("table").intValue(),
				(cursor != null) ? ItemJson.item(cursor) : null, json.required("count").longValue(),
				(checksum != null) ? checksum.stringValue() : null,
				Instant.parse(json.required("started").stringValue()), json.required("initiator").stringValue());
	}

	@Override
	public String toString() {
		return "FileMoveJournal[" + this.directory + "]";
	}

}
