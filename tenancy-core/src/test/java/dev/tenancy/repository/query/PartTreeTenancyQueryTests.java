package dev.tenancy.repository.query;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

import dev.tenancy.annotation.TenantIndex;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.core.KeyCondition;
import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyQuery;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import dev.tenancy.repository.TenantScopedRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.dao.IncorrectResultSizeDataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.core.support.DefaultRepositoryMetadata;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * Query derivation: one test per supported keyword (the bound {@link TenancyQuery}) and one per rejected method shape
 * (the startup error).
 */
class PartTreeTenancyQueryTests {

	private final TenancyOperations operations = mock(TenancyOperations.class);

	private final ArgumentCaptor<TenancyQuery> query = ArgumentCaptor.forClass(TenancyQuery.class);

	@BeforeEach
	void mappingContext() {
		given(this.operations.mappingContext()).willReturn(new TenancyMappingContext());
		given(this.operations.find(any(), eq(Project.class))).willReturn(List.of());
	}

	private Object execute(String name, Object... args) {
		return query(ProjectRepository.class, name, args.length, this.operations).execute(args);
	}

	private TenancyQuery found() {
		verify(this.operations).find(this.query.capture(), eq(Project.class));
		return this.query.getValue();
	}

	private static PartTreeTenancyQuery query(Class<?> repository, String name, int parameters,
			TenancyOperations operations) {
		Method method = Arrays.stream(repository.getMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.filter((candidate) -> parameters < 0 || candidate.getParameterCount() == parameters)
			.findFirst()
			.orElseThrow();
		return new PartTreeTenancyQuery(new TenancyQueryMethod(method, new DefaultRepositoryMetadata(repository),
				new SpelAwareProxyProjectionFactory()), operations);
	}

	private PartTreeTenancyQuery query(Class<?> repository, String name) {
		return query(repository, name, -1, this.operations);
	}

	private static KeyCondition condition(Operator operator, String... values) {
		return new KeyCondition(operator, Arrays.stream(values).map(AttributeValue::fromS).toList());
	}

	@Test
	void findAllByIsAQueryOnTheTenantPartition() {
		execute("findAllBy");
		assertThat(found()).isEqualTo(TenancyQuery.table());
	}

	@Test
	void isEqualsOnTheId() {
		execute("findByIdIs", "p-1");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.EQ, "p-1"));
	}

	@Test
	void equalsOnTheId() {
		execute("findByIdEquals", "p-1");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.EQ, "p-1"));
	}

	@Test
	void startingWith() {
		execute("findByIdStartingWith", "p-", Sort.unsorted());
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.BEGINS_WITH, "p-"));
	}

	@Test
	void between() {
		execute("findByIdBetween", "a", "m");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.BETWEEN, "a", "m"));
	}

	@Test
	void lessThan() {
		execute("findByIdLessThan", "m");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.LT, "m"));
	}

	@Test
	void lessThanEqual() {
		execute("findByIdLessThanEqual", "m");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.LE, "m"));
	}

	@Test
	void greaterThan() {
		execute("findByIdGreaterThan", "m");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.GT, "m"));
	}

	@Test
	void greaterThanEqual() {
		execute("findByIdGreaterThanEqual", "m");
		assertThat(found().sortKeyCondition()).isEqualTo(condition(Operator.GE, "m"));
	}

	@Test
	void equalityOnTheAttributesOfATenantIndexQueriesThatIndex() {
		execute("findByStatus", ProjectStatus.OPEN);
		assertThat(found()).isEqualTo(TenancyQuery.index("byStatus", List.of(AttributeValue.fromS("OPEN"))));
	}

	@Test
	void aConditionOnTheIndexSortKey() {
		execute("findByStatusAndPriorityGreaterThan", ProjectStatus.OPEN, 3);
		TenancyQuery query = found();
		assertThat(query.index()).isEqualTo("byStatus");
		assertThat(query.sortKeyCondition()).isEqualTo(KeyCondition.of(Operator.GT, AttributeValue.fromN("3")));
	}

	@Test
	void tenantIndexAnnotationChoosesTheIndex() {
		execute("findByOwner", "ann");
		assertThat(found()).isEqualTo(TenancyQuery.index("byOwner", List.of(AttributeValue.fromS("ann"))));
	}

	@Test
	void orderByTheIndexSortKeyDescending() {
		execute("findByStatusOrderByPriorityDesc", ProjectStatus.CLOSED);
		TenancyQuery query = found();
		assertThat(query.index()).isEqualTo("byStatus");
		assertThat(query.ascending()).isFalse();
	}

	@Test
	void firstLimitsTheResults() {
		execute("findFirst3ByIdStartingWith", "p-");
		assertThat(found().limit()).isEqualTo(Limit.of(3));
	}

	@Test
	void topWithOrderByIdDescending() {
		given(this.operations.find(any(), eq(Project.class))).willReturn(List.of(new Project("p-9", "x", null)));
		Object result = execute("findTopByOrderByIdDesc");
		TenancyQuery query = found();
		assertThat(query.ascending()).isFalse();
		assertThat(query.limit()).isEqualTo(Limit.of(1));
		assertThat(result).hasToString("Project[p-9]");
	}

	@Test
	void limitParameter() {
		execute("findAllByOrderByIdDesc", Limit.of(5));
		TenancyQuery query = found();
		assertThat(query.limit()).isEqualTo(Limit.of(5));
		assertThat(query.ascending()).isFalse();
	}

	@Test
	void sortParameterChoosesTheDirectionOfTheSortKey() {
		execute("findByIdStartingWith", "p-", Sort.by(Sort.Direction.DESC, "id"));
		assertThat(found().ascending()).isFalse();
	}

	@Test
	void sortParameterOnAnotherPropertyIsRefused() {
		PartTreeTenancyQuery query = query(ProjectRepository.class, "findByIdStartingWith");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> query.execute(new Object[] { "p-", Sort.by("name") }))
			.withMessage("Query method 'PartTreeTenancyQueryTests.ProjectRepository.findByIdStartingWith' cannot be answered by a key "
					+ "condition: ordering by name: ASC is not possible: DynamoDB returns items in the order of the "
					+ "sort key 'id' only.");
	}

	@Test
	void windowWithScrollPosition() {
		Window<Project> window = Window.from(List.of(), (index) -> ScrollPosition.keyset());
		ScrollPosition position = ScrollPosition.forward(Map.of("id", "p-3"));
		given(this.operations.scroll(any(), eq(position), eq(Project.class))).willReturn(window);

		Object result = execute("findAllBy", position, Limit.of(2));

		verify(this.operations).scroll(this.query.capture(), eq(position), eq(Project.class));
		assertThat(this.query.getValue()).isEqualTo(TenancyQuery.table().withLimit(Limit.of(2)));
		assertThat(result).isInstanceOf(Window.class);
	}

	@Test
	void countProjection() {
		given(this.operations.count(any(), eq(Project.class))).willReturn(4L);
		assertThat(execute("countByIdStartingWith", "p-")).isEqualTo(4L);
		verify(this.operations).count(this.query.capture(), eq(Project.class));
		assertThat(this.query.getValue().sortKeyCondition()).isEqualTo(condition(Operator.BEGINS_WITH, "p-"));
	}

	@Test
	void existsProjection() {
		given(this.operations.exists(any(), eq(Project.class))).willReturn(true);
		assertThat(execute("existsByStatus", ProjectStatus.OPEN)).isEqualTo(true);
		verify(this.operations).exists(this.query.capture(), eq(Project.class));
		assertThat(this.query.getValue().index()).isEqualTo("byStatus");
	}

	@Test
	void deleteReturnsTheNumberOfDeletedEntities() {
		given(this.operations.delete(any(), eq(Project.class)))
			.willReturn(List.of(new Project("p-1", "a", null), new Project("p-2", "b", null)));
		assertThat(execute("deleteByIdStartingWith", "p-")).isEqualTo(2L);
	}

	@Test
	@SuppressWarnings({ "unchecked", "try" })
	void streamResultReadsPagesThroughKeysetWindowsInTheCallersTenant() {
		Window<Project> first = Window.from(List.of(new Project("p-1", "a", null)),
				(index) -> ScrollPosition.forward(Map.of("sk", "PROJECT#p-1")), true);
		Window<Project> last = Window.from(List.of(new Project("p-2", "b", null)), (index) -> ScrollPosition.keyset());
		given(this.operations.scroll(any(), any(), eq(Project.class))).willReturn(first, last);
		Stream<Project> stream;
		try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
			stream = (Stream<Project>) execute("streamByIdStartingWith", "p-");
		}
		verify(this.operations).scroll(this.query.capture(), eq(ScrollPosition.keyset()), eq(Project.class));
		assertThat(this.query.getValue().limit()).isEqualTo(Limit.of(TenantScopedStream.PAGE_SIZE));
		assertThat(stream.map(Project::getId)).containsExactly("p-1", "p-2");
		verify(this.operations).scroll(any(), eq(ScrollPosition.forward(Map.of("sk", "PROJECT#p-1"))),
				eq(Project.class));
		verify(this.operations, never()).find(any(), any());
	}

	@Test
	@DisplayName("TH-7 a Stream query without a tenant fails before any request")
	void streamResultWithoutTenantFailsClosed() {
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> execute("streamByIdStartingWith", "p-"));
		verify(this.operations, never()).scroll(any(), any(), any());
	}

	@Test
	@DisplayName("#15 a closed interface projection reads only its attributes")
	void closedInterfaceProjectionReadsOnlyItsAttributes() {
		given(this.operations.find(any(), eq(Project.class))).willReturn(List.of(new Project("p-1", "Apollo", null)));
		assertThat(execute("findNamesByStatus", ProjectStatus.OPEN)).asInstanceOf(
				org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies((name) -> assertThat(((ProjectName) name).getName()).isEqualTo("Apollo"));
		assertThat(found().projection()).containsExactly("name");
	}

	@Test
	@DisplayName("#15 a DTO projection reads only its attributes")
	void dtoProjectionReadsOnlyItsAttributes() {
		execute("findSummariesByStatus", ProjectStatus.OPEN);
		assertThat(found().projection()).containsExactly("name", "status", "priority");
	}

	@Test
	@DisplayName("#15 a dynamic projection reads the attributes of the requested type, or whole items for the entity")
	void dynamicProjectionReadsTheAttributesOfTheRequestedType() {
		execute("findByIdBetween", "p-1", "p-3", ProjectName.class);
		assertThat(found().projection()).containsExactly("name");
		PartTreeTenancyQuery entity = query(ProjectRepository.class, "findByIdBetween", 3, this.operations);
		entity.execute(new Object[] { "p-1", "p-3", Project.class });
		verify(this.operations, org.mockito.Mockito.times(2)).find(this.query.capture(), eq(Project.class));
		assertThat(this.query.getValue().projection()).isEmpty();
	}

	@Test
	void openProjectionsAndEntitiesReadWholeItems() {
		execute("findLabelsByStatus", ProjectStatus.OPEN);
		assertThat(found().projection()).isEmpty();
		assertThat(TenancyQuery.table().projection()).isEmpty();
	}

	@Test
	void singleResultWithMoreThanOneMatchIsAnError() {
		given(this.operations.find(any(), eq(Project.class)))
			.willReturn(List.of(new Project("p-1", "a", null), new Project("p-2", "b", null)));
		assertThatExceptionOfType(IncorrectResultSizeDataAccessException.class)
			.isThrownBy(() -> execute("findOneByIdStartingWith", "p-"))
			.withMessageContaining("'PartTreeTenancyQueryTests.ProjectRepository.findOneByIdStartingWith' expects at most one result");
		assertThat(found().limit()).isEqualTo(Limit.of(2));
	}

	@Test
	void aNullKeyArgumentIsRefused() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> execute("findByStatus", (Object) null))
			.withMessage("The argument for 'status' of 'PartTreeTenancyQueryTests.ProjectRepository.findByStatus' must not be null: it is part "
					+ "of the key condition.");
	}

	static Stream<Arguments> rejected() {
		return Stream.of(
				Arguments.of(RejectedRepository.class, "findByName", "'name' is not a key attribute (the sort key 'id', or an attribute of a "
						+ "@TenantIndexKey); answering it would need a Scan or filtering items after reading them."),
				Arguments.of(RejectedRepository.class, "findByIdOrName", "'Or' would need one Query per alternative; declare one method per "
						+ "alternative."),
				Arguments.of(RejectedRepository.class, "findByIdIgnoreCase", "IgnoreCase on 'id': DynamoDB key conditions compare exactly; "
						+ "store a normalized value and compare with that."),
				Arguments.of(RejectedRepository.class, "findByIdContaining", "'IsContaining' on 'id' has no DynamoDB key condition"),
				Arguments.of(RejectedRepository.class, "findByIdEndingWith", "'IsEndingWith' on 'id' has no DynamoDB key condition"),
				Arguments.of(RejectedRepository.class, "findByIdIsNull", "'IsNull' on 'id' has no DynamoDB key condition"),
				Arguments.of(RejectedRepository.class, "findByIdNot", "'IsNot' on 'id' has no DynamoDB key condition"),
				Arguments.of(RejectedRepository.class, "findByIdIn", "'IsIn' on 'id' has no DynamoDB key condition"),
				Arguments.of(RejectedRepository.class, "findByIdLike", "'IsLike' on 'id' has no DynamoDB key condition"),
				Arguments.of(RejectedRepository.class, "findByIdStartingWithAndIdLessThan", "'id' has two conditions, but a key condition "
						+ "holds one per sort key; use Between."),
				Arguments.of(RejectedRepository.class, "findByStatusGreaterThan", "'status' is part of the key of index 'byStatus', which needs "
						+ "Is/Equals on all of [status]."),
				Arguments.of(RejectedRepository.class, "findByStatusAndIdStartingWith", "'id' is the table's sort key, but the query uses index "
						+ "'byStatus', whose key it is not part of."),
				Arguments.of(RejectedRepository.class, "findByStatusAndOwner", "the conditions name the keys of indexes [byStatus, byOwner], "
						+ "but a Query uses exactly one index; declare one method per index."),
				Arguments.of(RejectedRepository.class, "findByOwnerAndPriority", "'priority' is not a key attribute"),
				Arguments.of(RejectedRepository.class, "findByIdStartingWithOrderByName", "ordering by name: ASC is not possible: DynamoDB "
						+ "returns items in the order of the sort key 'id' only."),
				Arguments.of(RejectedRepository.class, "findByOwnerOrderByPriority", "ordering by priority: ASC is not possible: the index has no "
						+ "sort key."),
				Arguments.of(PagingRepository.class, "findByIdStartingWith", "offset paging (Pageable, Page, Slice)"),
				Arguments.of(PagingRepository.class, "findPageByIdStartingWith", "offset paging (Pageable, Page, Slice)"),
				Arguments.of(RejectedRepository.class, "findDistinctByStatus", "Distinct has no DynamoDB equivalent"),
				Arguments.of(RejectedRepository.class, "findByPriority", "@TenantIndex names 'byPriority', which is not a tenant index of "
						+ "'Project'; declare it with @TenantIndexKey."),
				Arguments.of(RejectedRepository.class, "findByStatusStartingWith", "'status' is part of the key of index 'byStatus'"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("rejected")
	@DisplayName("a method that no key condition can answer fails when the repository is created")
	void rejectedAtStartup(Class<?> repository, String method, String reason) {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> query(repository, method))
			.withMessageStartingWith("Query method '" + ClassUtils.getShortName(repository) + "." + method
					+ "' cannot be answered by a key condition: ")
			.withMessageContaining(reason);
	}

	interface ProjectRepository extends TenantScopedRepository<Project, String> {

		List<Project> findAllBy();

		Window<Project> findAllBy(ScrollPosition position, Limit limit);

		List<Project> findByIdIs(String id);

		Optional<Project> findByIdEquals(String id);

		List<Project> findByIdStartingWith(String prefix, Sort sort);

		List<Project> findByIdBetween(String from, String to);

		List<Project> findByIdLessThan(String id);

		List<Project> findByIdLessThanEqual(String id);

		List<Project> findByIdGreaterThan(String id);

		List<Project> findByIdGreaterThanEqual(String id);

		List<Project> findByStatus(ProjectStatus status);

		List<Project> findByStatusAndPriorityGreaterThan(ProjectStatus status, int priority);

		@TenantIndex("byOwner")
		List<Project> findByOwner(String owner);

		List<Project> findByStatusOrderByPriorityDesc(ProjectStatus status);

		List<Project> findFirst3ByIdStartingWith(String prefix);

		Optional<Project> findTopByOrderByIdDesc();

		List<Project> findAllByOrderByIdDesc(Limit limit);

		long countByIdStartingWith(String prefix);

		boolean existsByStatus(ProjectStatus status);

		long deleteByIdStartingWith(String prefix);

		Stream<Project> streamByIdStartingWith(String prefix);

		Optional<Project> findOneByIdStartingWith(String prefix);

		<T> List<T> findByIdBetween(String from, String to, Class<T> type);

		List<ProjectSummary> findSummariesByStatus(ProjectStatus status);

		List<ProjectLabel> findLabelsByStatus(ProjectStatus status);

		List<ProjectName> findNamesByStatus(ProjectStatus status);

	}

	/** A closed interface projection. */
	interface ProjectName {

		String getName();

	}

	/** An open interface projection: needs the whole entity. */
	interface ProjectLabel {

		@org.springframework.beans.factory.annotation.Value("#{target.name + ' (' + target.status + ')'}")
		String getLabel();

	}

	/** A DTO projection. */
	record ProjectSummary(String name, ProjectStatus status, Integer priority) {
	}

	interface RejectedRepository extends TenantScopedRepository<Project, String> {

		List<Project> findByName(String name);

		List<Project> findByIdOrName(String id, String name);

		List<Project> findByIdIgnoreCase(String id);

		List<Project> findByIdContaining(String part);

		List<Project> findByIdEndingWith(String suffix);

		List<Project> findByIdIsNull();

		List<Project> findByIdNot(String id);

		List<Project> findByIdIn(List<String> ids);

		List<Project> findByIdLike(String pattern);

		List<Project> findByIdStartingWithAndIdLessThan(String prefix, String to);

		List<Project> findByStatusGreaterThan(ProjectStatus status);

		List<Project> findByStatusAndIdStartingWith(ProjectStatus status, String prefix);

		List<Project> findByStatusAndOwner(ProjectStatus status, String owner);

		List<Project> findByOwnerAndPriority(String owner, Integer priority);

		List<Project> findByIdStartingWithOrderByName(String prefix);

		List<Project> findByOwnerOrderByPriority(String owner);

		List<Project> findDistinctByStatus(ProjectStatus status);

		@TenantIndex("byPriority")
		List<Project> findByPriority(Integer priority);

		List<Project> findByStatusStartingWith(ProjectStatus status);

	}

	interface PagingRepository extends TenantScopedRepository<Project, String> {

		List<Project> findByIdStartingWith(String prefix, Pageable pageable);

		Page<Project> findPageByIdStartingWith(String prefix, Pageable pageable);

	}

}
