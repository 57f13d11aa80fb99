package dev.tenancy.repository.support;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.repository.Note;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.TenantScopedRepository;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.mapping.MappingException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

class TenancyRepositoryFactoryTests {

	private final TenancyOperations operations = mock(TenancyOperations.class);

	private final AtomicReference<Optional<TenantId>> principal = new AtomicReference<>(Optional.empty());

	private TenancyRepositoryFactory factory;

	@BeforeEach
	void factory() {
		given(this.operations.mappingContext()).willReturn(new TenancyMappingContext());
		this.factory = new TenancyRepositoryFactory(this.operations);
		this.factory.addRepositoryProxyPostProcessor(new TenantScopedRepositoryProxyPostProcessor(this.principal::get));
	}

	@Test
	void anAnnotatedRepositoryInterfaceRunsEachCallInThePrincipalsTenant() {
		AtomicReference<Optional<TenantId>> seen = new AtomicReference<>();
		given(this.operations.findAll(Project.class)).willAnswer((invocation) -> {
			seen.set(TenantContext.current());
			return List.of(new Project("p-1", "Apollo", null));
		});
		this.principal.set(Optional.of(TenantId.of("acme")));

		List<Project> projects = this.factory.getRepository(ProjectRepository.class).findAll();

		assertThat(projects).extracting(Project::getId).containsExactly("p-1");
		assertThat(seen.get()).contains(TenantId.of("acme"));
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	@DisplayName("TH-7: a @TenantScoped repository called without a tenant fails before any operation")
	void th7NoTenantNoOperation() {
		ProjectRepository repository = this.factory.getRepository(ProjectRepository.class);

		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> repository.findById("p-1"))
			.withMessageStartingWith("No tenant for @TenantScoped 'TenancyRepositoryFactoryTests.ProjectRepository"
					+ ".findById'");
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> repository.findByIdStartingWith("p"));
		verify(this.operations, atLeastOnce()).mappingContext();
		verifyNoMoreInteractions(this.operations);
	}

	@Test
	void objectMethodsOfATenantScopedRepositoryNeedNoTenant() {
		ProjectRepository repository = this.factory.getRepository(ProjectRepository.class);

		assertThat(repository.toString()).isNotBlank();
		assertThat(repository.equals(repository)).isTrue();
		assertThat(repository.hashCode()).isEqualTo(repository.hashCode());
		verify(this.operations, atLeastOnce()).mappingContext();
		verifyNoMoreInteractions(this.operations);
	}

	@Test
	void aMethodLevelAnnotationAlsoScopesTheRepository() {
		given(this.operations.count(Note.class)).willAnswer((invocation) -> (long) TenantContext.require("count")
			.value()
			.length());
		this.principal.set(Optional.of(TenantId.of("globex")));

		assertThat(this.factory.getRepository(NoteRepository.class).count()).isEqualTo(6L);
		verify(this.operations).count(eq(Note.class));
	}

	@Test
	void aRepositoryWithAMethodNoKeyConditionCanAnswerIsNotCreated() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.factory.getRepository(BrokenRepository.class))
			.havingRootCause()
			.withMessage("Query method 'TenancyRepositoryFactoryTests.BrokenRepository.findByName' cannot be "
					+ "answered by a key condition: 'name' is not a key attribute (the sort key 'id', or an attribute "
					+ "of a @TenantIndexKey); answering it would need a Scan or filtering items after reading them.");
	}

	@Test
	void theIdMustBeAString() {
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> this.factory.getRepository(LongIdRepository.class))
			.withMessageContaining("declares id type 'java.lang.Long'")
			.withMessageContaining("must be a String");
	}

	@TenantScoped
	interface ProjectRepository extends TenantScopedRepository<Project, String> {

		List<Project> findByIdStartingWith(String prefix);

	}

	interface NoteRepository extends TenantScopedRepository<Note, String> {

		@Override
		@TenantScoped
		long count();

	}

	interface BrokenRepository extends TenantScopedRepository<Project, String> {

		List<Project> findByName(String name);

	}

	interface LongIdRepository extends TenantScopedRepository<Project, Long> {

	}

}
