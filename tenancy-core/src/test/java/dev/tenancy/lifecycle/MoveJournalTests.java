package dev.tenancy.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Both journals keep the last state of a tenant's move; the file journal survives a new instance (a restart) and
 * names the file when it cannot be read.
 */
class MoveJournalTests {

	private static final TenantId ACME = TenantId.of("acme");

	private static final MoveState FENCED = MoveState.fenced(ACME, TenantTier.POOL, TenantTier.SILO,
			Instant.parse("2026-12-04T08:00:00Z"), "ops");

	@TempDir
	Path directory;

	@Test
	void theFileJournalKeepsEveryFieldAcrossInstances() {
		MoveState copying = FENCED.copying(1, Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk",
				AttributeValue.fromS("PROJECT#7")));
		FileMoveJournal.in(this.directory).save(copying);
		assertThat(FileMoveJournal.in(this.directory).find(ACME)).contains(copying);
		MoveState verified = copying.verified(12, "ab".repeat(32));
		FileMoveJournal.in(this.directory).save(verified);
		assertThat(FileMoveJournal.in(this.directory).find(ACME)).contains(verified);
		assertThat(FileMoveJournal.in(this.directory).find(TenantId.of("globex"))).isEmpty();
		FileMoveJournal.in(this.directory).remove(ACME);
		assertThat(FileMoveJournal.in(this.directory).find(ACME)).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void theInMemoryJournalKeepsTheLastState() {
		InMemoryMoveJournal journal = new InMemoryMoveJournal();
		journal.save(FENCED);
		journal.save(FENCED.in(MovePhase.COPIED));
		assertThat(journal.find(ACME)).hasValueSatisfying((state) -> assertThat(state.phase())
			.isEqualTo(MovePhase.COPIED));
		journal.remove(ACME);
		assertThat(journal.find(ACME)).isEmpty();
	}

	@Test
	void anUnreadableFileIsNamed() throws IOException {
		Files.writeString(this.directory.resolve("acme.move.json"), "{not json");
		assertThatExceptionOfType(TenantLifecycleException.class)
			.isThrownBy(() -> FileMoveJournal.in(this.directory).find(ACME))
			.withMessageContaining("acme.move.json")
			.withMessageContaining("tenant 'acme'");
	}

	@Test
	void aMoveGoesFromOneTierToAnother() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MoveState.fenced(ACME, TenantTier.POOL, TenantTier.POOL, Instant.now(), "ops"));
	}

	@Test
	void phasesAfterTheSwitchCannotBeRolledBack() {
		assertThat(MovePhase.VERIFIED.switched()).isFalse();
		assertThat(MovePhase.SWITCHED.switched()).isTrue();
		assertThat(MovePhase.SOURCE_REMOVED.switched()).isTrue();
	}

}
