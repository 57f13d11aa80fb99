package dev.tenancy.test.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.annotation.TenantIndex;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.support.TenancyRepositoryFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static dev.tenancy.test.repository.ProjectFixtures.allOf;
import static dev.tenancy.test.repository.ProjectFixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * One test per supported derived-query keyword, each run for tenant acme while tenant globex holds items that would
 * match too, and one per rejected method shape, which fails when the repository is created.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class DerivedQueryIntegrationTests {

	private static final TenantId ACME = Tenants.next("acme");

	private static final TenantId GLOBEX = Tenants.next("globex");

	private static volatile boolean seeded;

	private final TenantId acme = ACME;

	private final TenantId globex = GLOBEX;

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private TenancyOperations operations;

	@BeforeEach
	void data() {
		if (!seeded) {
			ProjectFixtures.seed(this.projects, 6, this.acme, this.globex);
			seeded = true;
		}
	}

	private <T> T asAcme(java.util.function.Supplier<T> query) {
		return TenantContext.callAs(this.acme, query);
	}

	@Test
	@DisplayName("#15 a closed interface projection of a tenant-index query returns only the tenant's items")
	void interfaceProjection() {
		List<ProjectRepository.ProjectName> names = asAcme(() -> this.projects.findNamesByStatus(ProjectStatus.OPEN));
		assertThat(names).extracting(ProjectRepository.ProjectName::getName)
			.containsExactlyInAnyOrder(this.acme + " 1", this.acme + " 3", this.acme + " 5");
	}

	@Test
	@DisplayName("#15 a DTO projection returns only the tenant's items")
	void dtoProjection() {
		List<ProjectRepository.ProjectSummary> summaries = asAcme(() -> this.projects.findSummariesByOwner("bob"));
		assertThat(summaries).extracting(ProjectRepository.ProjectSummary::name)
			.containsExactlyInAnyOrder(this.acme + " 4", this.acme + " 5", this.acme + " 6");
		assertThat(summaries).extracting(ProjectRepository.ProjectSummary::priority).containsOnly(4, 5, 6);
	}

	@Test
	@DisplayName("#15 a dynamic projection returns the requested type, for the tenant only")
	void dynamicProjection() {
		assertThat(asAcme(() -> this.projects.findByIdBetween("p-2", "p-3", ProjectRepository.ProjectName.class)))
			.extracting(ProjectRepository.ProjectName::getName)
			.containsExactly(this.acme + " 2", this.acme + " 3");
		allOf(this.acme, asAcme(() -> this.projects.findByIdBetween("p-2", "p-3", Project.class)));
	}

	@Test
	@DisplayName("#15 an open interface projection (SpEL over the whole entity) returns only the tenant's items")
	void openProjection() {
		List<ProjectRepository.ProjectLabel> labels = asAcme(() -> this.projects.findLabelsByStatus(ProjectStatus.OPEN));
		assertThat(labels).isNotEmpty()
			.extracting(ProjectRepository.ProjectLabel::getLabel)
			.allSatisfy((label) -> assertThat(label).startsWith(this.acme + " ").endsWith(" [OPEN]"));
	}

	@Test
	@DisplayName("#15 findById and findAll with a dynamic projection return the tenant's items only")
	void findByIdAndFindAllWithDynamicProjections() {
		assertThat(asAcme(() -> this.projects.findById("p-2", ProjectRepository.ProjectName.class))).get()
			.extracting(ProjectRepository.ProjectName::getName)
			.isEqualTo(this.acme + " 2");
		assertThat(asAcme(() -> this.projects.findAllBy(ProjectRepository.ProjectSummary.class))).isNotEmpty()
			.extracting(ProjectRepository.ProjectSummary::name)
			.allSatisfy((name) -> assertThat(name).startsWith(this.acme + " "));
	}

	@Test
	@DisplayName("#15 projections scroll by keyset")
	void projectedWindows() {
		Window<ProjectRepository.ProjectName> first = asAcme(
				() -> this.projects.findNamesByStatus(ProjectStatus.OPEN, ScrollPosition.keyset(), Limit.of(2)));
		assertThat(first.getContent()).hasSize(2);
		assertThat(first.hasNext()).isTrue();
		Window<ProjectRepository.ProjectName> second = asAcme(() -> this.projects
			.findNamesByStatus(ProjectStatus.OPEN, first.positionAt(first.size() - 1), Limit.of(2)));
		assertThat(second.getContent()).extracting(ProjectRepository.ProjectName::getName)
			.singleElement()
			.satisfies((name) -> assertThat(name).startsWith(this.acme + " "));
	}

	@Test
	void is() {
		assertThat(asAcme(() -> this.projects.findByIdIs("p-2"))).get()
			.extracting(Project::getName)
			.isEqualTo(this.acme + " 2");
	}

	@Test
	void equals() {
		assertThat(asAcme(() -> this.projects.findByIdEquals("p-3"))).get()
			.extracting(Project::getName)
			.isEqualTo(this.acme + " 3");
	}

	@Test
	void startingWith() {
		List<Project> found = asAcme(() -> this.projects.findByIdStartingWith("p-"));
		assertThat(ids(found)).containsExactly("p-1", "p-2", "p-3", "p-4", "p-5", "p-6");
		allOf(this.acme, found);
	}

	@Test
	void between() {
		List<Project> found = asAcme(() -> this.projects.findByIdBetween("p-2", "p-4"));
		assertThat(ids(found)).containsExactly("p-2", "p-3", "p-4");
		allOf(this.acme, found);
	}

	@Test
	void lessThan() {
		assertThat(ids(asAcme(() -> this.projects.findByIdLessThan("p-3")))).containsExactly("p-1", "p-2");
	}

	@Test
	void lessThanEqual() {
		assertThat(ids(asAcme(() -> this.projects.findByIdLessThanEqual("p-3")))).containsExactly("p-1", "p-2",
				"p-3");
	}

	@Test
	void greaterThan() {
		assertThat(ids(asAcme(() -> this.projects.findByIdGreaterThan("p-4")))).containsExactly("p-5", "p-6");
	}

	@Test
	void greaterThanEqual() {
		assertThat(ids(asAcme(() -> this.projects.findByIdGreaterThanEqual("p-4")))).containsExactly("p-4", "p-5",
				"p-6");
	}

	@Test
	void equalityOnATenantIndex() {
		List<Project> found = asAcme(() -> this.projects.findByStatus(ProjectStatus.OPEN));
		assertThat(ids(found)).containsExactly("p-1", "p-3", "p-5");
		allOf(this.acme, found);
	}

	@Test
	void betweenOnTheIndexSortKey() {
		assertThat(ids(asAcme(() -> this.projects.findByStatusAndPriorityBetween(ProjectStatus.CLOSED, 2, 4))))
			.containsExactly("p-2", "p-4");
	}

	@Test
	void lessThanOnTheIndexSortKey() {
		assertThat(ids(asAcme(() -> this.projects.findByStatusAndPriorityLessThan(ProjectStatus.OPEN, 5))))
			.containsExactly("p-1", "p-3");
	}

	@Test
	void greaterThanEqualOnTheIndexSortKey() {
		assertThat(ids(asAcme(() -> this.projects.findByStatusAndPriorityGreaterThanEqual(ProjectStatus.OPEN, 3))))
			.containsExactly("p-3", "p-5");
	}

	@Test
	void indexNamedOnTheMethod() {
		List<Project> found = asAcme(() -> this.projects.findByOwner("bob"));
		assertThat(ids(found)).containsExactlyInAnyOrder("p-4", "p-5", "p-6");
		allOf(this.acme, found);
	}

	@Test
	void orderByTheIndexSortKey() {
		assertThat(ids(asAcme(() -> this.projects.findByStatusOrderByPriorityDesc(ProjectStatus.OPEN))))
			.containsExactly("p-5", "p-3", "p-1");
	}

	@Test
	void first() {
		assertThat(ids(asAcme(() -> this.projects.findFirst2ByIdStartingWith("p-")))).containsExactly("p-1", "p-2");
	}

	@Test
	void topOrderByIdDescending() {
		assertThat(asAcme(() -> this.projects.findTopByOrderByIdDesc())).get()
			.extracting(Project::getName)
			.isEqualTo(this.acme + " 6");
	}

	@Test
	void limit() {
		assertThat(ids(asAcme(() -> this.projects.findAllBy(Limit.of(4))))).containsExactly("p-1", "p-2", "p-3",
				"p-4");
	}

	@Test
	void sortOnTheSortKey() {
		assertThat(ids(asAcme(() -> this.projects.findByIdStartingWith("p-", Sort.by(Sort.Direction.DESC, "id")))))
			.containsExactly("p-6", "p-5", "p-4", "p-3", "p-2", "p-1");
	}

	@Test
	void keysetScrolling() {
		List<String> seen = new ArrayList<>();
		Window<Project> window = asAcme(() -> this.projects.findAllBy(ScrollPosition.keyset(), Limit.of(4)));
		seen.addAll(ids(window.getContent()));
		assertThat(window.hasNext()).isTrue();
		ScrollPosition position = window.positionAt(window.size() - 1);
		assertThat(position.toString()).doesNotContain("TENANT#").doesNotContain(this.acme.value());

		window = asAcme(() -> this.projects.findAllBy(position, Limit.of(4)));
		seen.addAll(ids(window.getContent()));

		assertThat(window.hasNext()).isFalse();
		assertThat(seen).containsExactly("p-1", "p-2", "p-3", "p-4", "p-5", "p-6");
		assertThat(TenantContext.callAs(this.globex, () -> ids(this.projects.findAllBy(position, Limit.of(4))
			.getContent()))).as("the same position continues inside the caller's own tenant").containsExactly("p-5",
					"p-6");
	}

	@Test
	void keysetScrollingOnAnIndex() {
		Window<Project> first = asAcme(
				() -> this.projects.findByStatus(ProjectStatus.OPEN, ScrollPosition.keyset(), Limit.of(2)));
		Window<Project> second = asAcme(
				() -> this.projects.findByStatus(ProjectStatus.OPEN, first.positionAt(1), Limit.of(2)));

		assertThat(ids(first.getContent())).containsExactly("p-1", "p-3");
		assertThat(ids(second.getContent())).containsExactly("p-5");
		assertThat(second.hasNext()).isFalse();
	}

	@Test
	void count() {
		assertThat(asAcme(() -> this.projects.countByStatus(ProjectStatus.CLOSED))).isEqualTo(3);
	}

	@Test
	void exists() {
		assertThat(asAcme(() -> this.projects.existsByOwner("ann"))).isTrue();
		assertThat(asAcme(() -> this.projects.existsByOwner("carl"))).isFalse();
	}

	@Test
	void delete() {
		TenantId deleting = Tenants.next("initech");
		ProjectFixtures.seed(this.projects, 6, deleting);

		assertThat(TenantContext.callAs(deleting, () -> this.projects.deleteByIdStartingWith("p-"))).isEqualTo(6);
		assertThat(TenantContext.callAs(deleting, () -> this.projects.count())).isZero();
		assertThat(asAcme(() -> this.projects.count())).isEqualTo(6);
	}

	static Stream<Arguments> rejected() {
		return Stream.of(
				Arguments.of(ByName.class, "'name' is not a key attribute"),
				Arguments.of(ByIdOrName.class, "'Or' would need one Query per alternative"),
				Arguments.of(ByIdIgnoreCase.class, "IgnoreCase on 'id'"),
				Arguments.of(ByIdContaining.class, "'IsContaining' on 'id' has no DynamoDB key condition"),
				Arguments.of(ByIdEndingWith.class, "'IsEndingWith' on 'id' has no DynamoDB key condition"),
				Arguments.of(ByIdIsNull.class, "'IsNull' on 'id' has no DynamoDB key condition"),
				Arguments.of(ByIdIn.class, "'IsIn' on 'id' has no DynamoDB key condition"),
				Arguments.of(ByIdNot.class, "'IsNot' on 'id' has no DynamoDB key condition"),
				Arguments.of(ByIdLike.class, "'IsLike' on 'id' has no DynamoDB key condition"),
				Arguments.of(TwoSortKeyConditions.class, "'id' has two conditions"),
				Arguments.of(IndexKeyRange.class, "'status' is part of the key of index 'byStatus'"),
				Arguments.of(IndexAndId.class, "'id' is the table's sort key, but the query uses index 'byStatus'"),
				Arguments.of(TwoIndexes.class, "the conditions name the keys of indexes [byStatus, byOwner]"),
				Arguments.of(OrderByName.class, "ordering by name: ASC is not possible"),
				Arguments.of(Paged.class, "offset paging (Pageable, Page, Slice)"),
				Arguments.of(Distinct.class, "Distinct has no DynamoDB equivalent"),
				Arguments.of(UnknownIndex.class, "@TenantIndex names 'byName', which is not a tenant index"),
				Arguments.of(GlobalIndex.class, "'email' is not a key attribute"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rejected")
	void rejectedAtStartup(Class<?> repository, String reason) {
		TenancyRepositoryFactory factory = new TenancyRepositoryFactory(this.operations);
		String method = repository.getDeclaredMethods()[0].getName();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> factory.getRepository(repository))
			.havingRootCause()
			.withMessageStartingWith("Query method 'DerivedQueryIntegrationTests." + repository.getSimpleName() + "."
					+ method + "' cannot be answered by a key condition: ")
			.withMessageContaining(reason);
	}

	interface ByName extends TenantScopedRepository<Project, String> {

		List<Project> findByName(String name);

	}

	interface ByIdOrName extends TenantScopedRepository<Project, String> {

		List<Project> findByIdOrName(String id, String name);

	}

	interface ByIdIgnoreCase extends TenantScopedRepository<Project, String> {

		List<Project> findByIdIgnoreCase(String id);

	}

	interface ByIdContaining extends TenantScopedRepository<Project, String> {

		List<Project> findByIdContaining(String part);

	}

	interface ByIdEndingWith extends TenantScopedRepository<Project, String> {

		List<Project> findByIdEndingWith(String suffix);

	}

	interface ByIdIsNull extends TenantScopedRepository<Project, String> {

		List<Project> findByIdIsNull();

	}

	interface ByIdIn extends TenantScopedRepository<Project, String> {

		List<Project> findByIdIn(List<String> ids);

	}

	interface ByIdNot extends TenantScopedRepository<Project, String> {

		List<Project> findByIdNot(String id);

	}

	interface ByIdLike extends TenantScopedRepository<Project, String> {

		List<Project> findByIdLike(String pattern);

	}

	interface TwoSortKeyConditions extends TenantScopedRepository<Project, String> {

		List<Project> findByIdGreaterThanAndIdLessThan(String from, String to);

	}

	interface IndexKeyRange extends TenantScopedRepository<Project, String> {

		List<Project> findByStatusGreaterThan(ProjectStatus status);

	}

	interface IndexAndId extends TenantScopedRepository<Project, String> {

		List<Project> findByStatusAndIdStartingWith(ProjectStatus status, String prefix);

	}

	interface TwoIndexes extends TenantScopedRepository<Project, String> {

		List<Project> findByStatusAndOwner(ProjectStatus status, String owner);

	}

	interface OrderByName extends TenantScopedRepository<Project, String> {

		List<Project> findByIdStartingWithOrderByName(String prefix);

	}

	interface Paged extends TenantScopedRepository<Project, String> {

		Page<Project> findByStatus(ProjectStatus status, Pageable pageable);

	}

	interface Distinct extends TenantScopedRepository<Project, String> {

		List<Project> findDistinctByStatus(ProjectStatus status);

	}

	interface UnknownIndex extends TenantScopedRepository<Project, String> {

		@TenantIndex("byName")
		List<Project> findByName(String name);

	}

	interface GlobalIndex extends TenantScopedRepository<Login, String> {

		List<Login> findByEmail(String email);

	}

}
