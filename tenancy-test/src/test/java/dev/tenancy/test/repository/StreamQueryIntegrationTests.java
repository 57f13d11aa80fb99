package dev.tenancy.test.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScopeConflictException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code Stream} results of derived queries, through the guard and the IAM-enforcing gateway: pages are read as the
 * stream is consumed, always for the tenant of the caller that created it, and never for another tenant.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class StreamQueryIntegrationTests {

	private static final int NOTES = 130;

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@Autowired
	private NoteRepository notes;

	@Autowired
	private WireRequests wire;

	@BeforeEach
	void seed() {
		List<Note> acmeNotes = IntStream.range(0, NOTES).mapToObj((i) -> Note.of(String.format("s-%03d", i), "acme " + i))
			.toList();
		TenantContext.runAs(this.acme, () -> this.notes.saveAll(acmeNotes));
		TenantContext.runAs(this.globex, () -> this.notes.saveAll(List.of(Note.of("s-000", "globex 0"),
				Note.of("s-001", "globex 1"), Note.of("s-002", "globex 2"))));
	}

	private List<String> queries() {
		return this.wire.requests().stream().filter((request) -> request.startsWith("Query ")).toList();
	}

	@Test
	@DisplayName("#15 a Stream result reads a page at a time, as it is consumed")
	void aStreamReadsPagesLazily() {
		TenantContext.runAs(this.acme, () -> {
			int before = queries().size();
			try (Stream<Note> stream = this.notes.findByIdStartingWith("s-")) {
				assertThat(queries()).hasSize(before + 1);
				assertThat(stream.limit(10).map(Note::id).toList()).hasSize(10).first().isEqualTo("s-000");
				assertThat(queries()).as("the first page holds the first ten").hasSize(before + 1);
			}
			try (Stream<Note> stream = this.notes.findByIdStartingWith("s-")) {
				List<Note> all = stream.toList();
				assertThat(all).hasSize(NOTES).allSatisfy((note) -> {
					assertThat(note.tenant()).isEqualTo(this.acme.value());
					assertThat(note.text()).startsWith("acme ");
				});
				assertThat(all.get(NOTES - 1).id()).isEqualTo("s-129");
			}
			assertThat(queries().subList(before + 1, queries().size())).as("the second stream read two pages")
				.containsExactly("Query " + this.acme, "Query " + this.acme);
		});
	}

	@Test
	@DisplayName("#15 a Stream consumed after the repository call keeps the caller's tenant")
	void aStreamKeepsTheTenantOfItsCaller() {
		Stream<Note> stream = TenantContext.callAs(this.acme, () -> this.notes.findByIdStartingWith("s-"));
		int before = queries().size();
		try (stream) {
			assertThat(TenantContext.current()).isEmpty();
			assertThat(stream.map(Note::text).toList()).hasSize(NOTES).allMatch((text) -> text.startsWith("acme "));
		}
		assertThat(queries().subList(before, queries().size())).containsExactly("Query " + this.acme);
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	@DisplayName("#15 a Stream cannot read for another tenant: consumed in globex's scope it fails before sending")
	void aStreamCannotReachAnotherTenantsItems() {
		Stream<Note> acmeStream = TenantContext.callAs(this.acme, () -> this.notes.findByIdStartingWith("s-"));
		TenantContext.runAs(this.globex, () -> {
			int before = this.wire.count();
			List<Note> seen = new ArrayList<>();
			try (acmeStream) {
				assertThatExceptionOfType(TenantScopeConflictException.class)
					.isThrownBy(() -> acmeStream.forEach(seen::add));
			}
			assertThat(seen).as("only the page read in acme's own call").hasSize(100);
			assertThat(this.wire.count()).as("no request sent from globex's scope").isEqualTo(before);
			try (Stream<Note> own = this.notes.findByIdStartingWith("s-")) {
				assertThat(own.map(Note::text)).containsExactly("globex 0", "globex 1", "globex 2");
			}
		});
	}

	@Test
	@DisplayName("#15 a closed Stream reads nothing more; a limited one reads only its limit")
	void closedAndLimitedStreams() {
		TenantContext.runAs(this.acme, () -> {
			int before = queries().size();
			Stream<Note> stream = this.notes.findByIdStartingWith("s-");
			stream.close();
			assertThat(queries()).hasSize(before + 1);
			try (Stream<Note> first = this.notes.findFirst5ByIdStartingWith("s-")) {
				assertThat(first.map(Note::id)).containsExactly("s-000", "s-001", "s-002", "s-003", "s-004");
			}
			assertThat(queries()).hasSize(before + 2);
		});
	}

}
