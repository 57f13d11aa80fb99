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
import dev.tenancy.core.KeyCondition;
import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.core.QueryFilter;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyQuery;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import dev.tenancy.repository.TenantScopedRepository;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.projection.SpelAwareProxyProjectionFactory;
import org.springframework.data.repository.core.support.DefaultRepositoryMetadata;
import org.springframework.data.repository.query.Param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Declared queries: the {@link TenancyQuery} each declaration binds to (the same a derived query would), and one
 * startup refusal per rule.
 */
class DeclaredTenancyQueryTests {

	private final TenancyOperations operations = mock(TenancyOperations.class);

	private final ArgumentCaptor<TenancyQuery> query = ArgumentCaptor.forClass(TenancyQuery.class);

	@BeforeEach
	void mappingContext() {
		given(this.operations.mappingContext()).willReturn(new TenancyMappingContext());
		given(this.operations.find(any(), eq(Project.class))).willReturn(List.of());
	}

	private Object execute(String name, Object... args) {
		return query(DeclaringRepository.class, name).execute(args);
	}

	private TenancyQuery found() {
		verify(this.operations).find(this.query.capture(), eq(Project.class));
		return this.query.getValue();
	}

	private DeclaredTenancyQuery query(Class<?> repository, String name) {
		Method method = Arrays.stream(repository.getMethods())
			.filter((candidate) -> candidate.getName().equals(name))
			.findFirst()
			.orElseThrow();
		return new DeclaredTenancyQuery(new TenancyQueryMethod(method, new DefaultRepositoryMetadata(repository),
				new SpelAwareProxyProjectionFactory()), this.operations);
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static AttributeValue n(String value) {
		return AttributeValue.fromN(value);
	}

	@Test
	@DisplayName("a sort-key condition is the derived query's: identities without the type prefix, by parameter name")
	void betweenOnTheIdBindsParametersByName() {
		execute("range", "p-9", "p-1");
		assertThat(found()).isEqualTo(
				TenancyQuery.table().withSortKeyCondition(KeyCondition.of(Operator.BETWEEN, s("p-1"), s("p-9"))));
	}

	@Test
	void beginsWithOnTheId() {
		execute("startingWith", "p-");
		assertThat(found().sortKeyCondition()).isEqualTo(KeyCondition.of(Operator.BEGINS_WITH, s("p-")));
	}

	@Test
	void comparisonsOnTheId() {
		execute("after", "p-3");
		assertThat(found().sortKeyCondition()).isEqualTo(KeyCondition.of(Operator.GT, s("p-3")));
	}

	@Test
	void anEmptyKeyConditionReadsTheWholeTenantPartitionOfTheType() {
		execute("all");
		assertThat(found()).isEqualTo(TenancyQuery.table());
	}

	@Test
	@DisplayName("an index query composes the index's tenant key from the equalities, with the index sort key")
	void indexQuery() {
		execute("urgent", 3, ProjectStatus.OPEN);
		assertThat(found()).isEqualTo(TenancyQuery.index("byStatus", List.of(s("OPEN")))
			.withSortKeyCondition(KeyCondition.of(Operator.GE, n("3"))));
	}

	@Test
	void indexNamedWithTenantIndex() {
		execute("ownedBy", "ann");
		assertThat(found()).isEqualTo(TenancyQuery.index("byOwner", List.of(s("ann"))));
	}

	@Test
	@DisplayName("a filter is rendered with placeholders for names and values, values converted like the attribute")
	void filter() {
		execute("openOf", "p-", "ann", 2, 5);
		assertThat(found().filter()).isEqualTo(new QueryFilter(
				"(#f0 = :f0 OR attribute_not_exists(#f0)) AND NOT #f1 BETWEEN :f1 AND :f2",
				Map.of("#f0", "owner", "#f1", "priority"), Map.of(":f0", s("ann"), ":f1", n("2"), ":f2", n("5"))));
		assertThat(found().sortKeyCondition()).isEqualTo(KeyCondition.of(Operator.BEGINS_WITH, s("p-")));
	}

	@Test
	void filterFunctionsAndInequality() {
		execute("named", "p-", "x", ProjectStatus.CLOSED);
		assertThat(found().filter()).isEqualTo(new QueryFilter("contains(#f0, :f0) AND #f1 <> :f1",
				Map.of("#f0", "name", "#f1", "status"), Map.of(":f0", s("x"), ":f1", s("CLOSED"))));
	}

	@Test
	void aNullFilterArgumentIsRefused() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> execute("openOf", "p-", null, 2, 5))
			.withMessage("The argument for 'owner' of 'DeclaredTenancyQueryTests.DeclaringRepository.openOf' must not "
					+ "be null: it is part of the filter; to match an absent attribute, declare "
					+ "attribute_not_exists(owner).");
	}

	@Test
	void directionAndLimit() {
		execute("latest", "p-");
		assertThat(found().ascending()).isFalse();
		assertThat(found().limit()).isEqualTo(Limit.of(1));
	}

	@Test
	void sortAndLimitParameters() {
		execute("sorted", "p-", Sort.by(Sort.Direction.DESC, "id"), Limit.of(4));
		assertThat(found().ascending()).isFalse();
		assertThat(found().limit()).isEqualTo(Limit.of(4));
	}

	@Test
	void windowWithScrollPosition() {
		ScrollPosition position = ScrollPosition.forward(Map.of("id", "p-3"));
		given(this.operations.scroll(any(), eq(position), eq(Project.class)))
			.willReturn(Window.from(List.of(), (index) -> ScrollPosition.keyset()));

		assertThat(execute("page", "p-", position, Limit.of(2))).isInstanceOf(Window.class);

		verify(this.operations).scroll(this.query.capture(), eq(position), eq(Project.class));
		assertThat(this.query.getValue()).isEqualTo(TenancyQuery.table()
			.withSortKeyCondition(KeyCondition.of(Operator.BEGINS_WITH, s("p-")))
			.withLimit(Limit.of(2)));
	}

	@Test
	void countExistsAndDelete() {
		given(this.operations.count(any(), eq(Project.class))).willReturn(3L);
		given(this.operations.exists(any(), eq(Project.class))).willReturn(true);
		given(this.operations.delete(any(), eq(Project.class))).willReturn(List.of(new Project("p-1", "a", null)));

		assertThat(execute("countOpen", ProjectStatus.OPEN)).isEqualTo(3);
		assertThat(execute("anyOwnedBy", "ann")).isEqualTo(true);
		assertThat(execute("purge", "p-")).isEqualTo(1L);
		verify(this.operations).count(this.query.capture(), eq(Project.class));
		assertThat(this.query.getValue().index()).isEqualTo("byStatus");
	}

	@Test
	@DisplayName("a closed projection of a declared query reads only its attributes")
	void projection() {
		given(this.operations.find(any(), eq(Project.class))).willReturn(List.of(new Project("p-1", "Apollo", null)));
		assertThat(execute("names", "p-")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.singleElement()
			.satisfies((name) -> assertThat(((Name) name).getName()).isEqualTo("Apollo"));
		assertThat(found().projection()).containsExactly("name");
	}

	@Test
	void dynamicProjectionAndOptional() {
		given(this.operations.find(any(), eq(Project.class))).willReturn(List.of(new Project("p-1", "Apollo", null)));
		// the repository proxy wraps the single result into the Optional
		assertThat(execute("one", "p-1", Name.class)).isInstanceOfSatisfying(Name.class,
				(name) -> assertThat(name.getName()).isEqualTo("Apollo"));
		assertThat(found().sortKeyCondition()).isEqualTo(KeyCondition.of(Operator.EQ, s("p-1")));
	}

	static Stream<Arguments> refused() {
		return Stream.of(
				Arguments.of("tablePartitionKey", "the key condition names 'tenant', the table's partition key. The "
						+ "library adds the tenant's partition condition itself"),
				Arguments.of("partitionKeyAttribute", "names 'pk', the table's partition key"),
				Arguments.of("indexPartitionKeyInFilter", "the filter names 'statusKey', the partition key of index "
						+ "'byStatus'"),
				Arguments.of("unknownIndex", "'byName' is not a tenant index of 'Project'"),
				Arguments.of("unknownProperty", "names 'colour', which is not a property 'Project' maps"),
				Arguments.of("unboundParameter", "':to' is not a parameter of the method; its parameters are [from]"),
				Arguments.of("unusedParameter", "parameter 'owner' is not used by the query"),
				Arguments.of("orInKeyCondition", "is not a DynamoDB key condition"),
				Arguments.of("notAKey", "'name' is no key of the table (its sort key 'id'), so a key condition cannot "
						+ "use it (that would need a Scan); compare it in the filter."),
				Arguments.of("partiQl", "looks like PartiQL"),
				Arguments.of("literal", "''' at position 5 of 'id = 'p-1'' is not allowed"),
				Arguments.of("missingIndexKey", "index 'byStatus' is keyed by [status]"),
				Arguments.of("indexKeyWithoutIndex", "'status' composes the tenant key of index 'byStatus'; query that "
						+ "index with @Query(index = \"byStatus\")"),
				Arguments.of("twoSortKeyConditions", "'id' has two conditions"),
				Arguments.of("sortKeyInFilter", "the filter names 'id', the table's sort key"),
				Arguments.of("indexSortKeyInFilter", "the filter names 'priority', the sort key of index 'byStatus'"),
				Arguments.of("paged", "offset paging (Pageable, Page, Slice)"),
				Arguments.of("twoIndexes", "@Query names index 'byStatus', @TenantIndex names 'byOwner'"),
				Arguments.of("countReturningList", "a count returns long or int"),
				Arguments.of("longWithoutCount", "set @Query(count = true)"),
				Arguments.of("unknownFunction", "'size' at position 0 of 'size(name) > :max' is no supported function"),
				Arguments.of("beginsWithOnANumber", "begins_with on 'priority' needs a String"),
				Arguments.of("incomplete", "expected a :parameter (values are always parameters) at position 5 of "
						+ "'id > ', found the end"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	@DisplayName("a declared query that could leave the tenant partition, or cannot be checked, fails at startup")
	void refusedAtStartup(String method, String reason) {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> query(RefusedRepository.class, method))
			.withMessageStartingWith("Declared query of 'DeclaredTenancyQueryTests.RefusedRepository." + method
					+ "' is refused: ")
			.withMessageContaining(reason);
	}

	interface Name {

		String getName();

	}

	interface DeclaringRepository extends TenantScopedRepository<Project, String> {

		@Query("id BETWEEN :from AND :to")
		List<Project> range(String to, String from);

		@Query("begins_with(id, :prefix)")
		List<Project> startingWith(String prefix);

		@Query(keyCondition = "id > :id")
		List<Project> after(String id);

		@Query
		List<Project> all();

		@Query(index = "byStatus", value = "priority >= :min AND status = :status")
		List<Project> urgent(int min, ProjectStatus status);

		@TenantIndex("byOwner")
		@Query("owner = :owner")
		List<Project> ownedBy(String owner);

		@Query(value = "begins_with(id, :prefix)",
				filter = "(owner = :who or attribute_not_exists(owner)) and not priority between :low and :high")
		List<Project> openOf(String prefix, @Param("who") String owner, int low, int high);

		@Query(value = "begins_with(id, :prefix)", filter = "contains(name, :part) AND status <> :status")
		List<Project> named(String prefix, String part, ProjectStatus status);

		@Query(value = "begins_with(id, :prefix)", direction = Sort.Direction.DESC, limit = 1)
		Optional<Project> latest(String prefix);

		@Query("begins_with(id, :prefix)")
		List<Project> sorted(String prefix, Sort sort, Limit limit);

		@Query("begins_with(id, :prefix)")
		Window<Project> page(String prefix, ScrollPosition position, Limit limit);

		@Query(index = "byStatus", value = "status = :status", count = true)
		int countOpen(ProjectStatus status);

		@Query(index = "byOwner", value = "owner = :owner", exists = true)
		boolean anyOwnedBy(String owner);

		@Query(value = "begins_with(id, :prefix)", delete = true)
		long purge(String prefix);

		@Query("begins_with(id, :prefix)")
		List<Name> names(String prefix);

		@Query("id = :id")
		<T> Optional<T> one(String id, Class<T> type);

	}

	interface RefusedRepository extends TenantScopedRepository<Project, String> {

		@Query("tenant = :tenant AND id = :id")
		List<Project> tablePartitionKey(String tenant, String id);

		@Query("pk = :pk")
		List<Project> partitionKeyAttribute(String pk);

		@Query(index = "byStatus", value = "status = :status", filter = "statusKey = :key")
		List<Project> indexPartitionKeyInFilter(ProjectStatus status, String key);

		@Query(index = "byName", value = "name = :name")
		List<Project> unknownIndex(String name);

		@Query(value = "begins_with(id, :prefix)", filter = "colour = :colour")
		List<Project> unknownProperty(String prefix, String colour);

		@Query("id BETWEEN :from AND :to")
		List<Project> unboundParameter(String from);

		@Query("begins_with(id, :prefix)")
		List<Project> unusedParameter(String prefix, String owner);

		@Query("id = :a OR id = :b")
		List<Project> orInKeyCondition(String a, String b);

		@Query("name = :name")
		List<Project> notAKey(String name);

		@Query("SELECT * FROM app WHERE pk = 'TENANT#other'")
		List<Project> partiQl();

		@Query("id = 'p-1'")
		List<Project> literal();

		@Query(index = "byStatus", value = "priority > :priority")
		List<Project> missingIndexKey(int priority);

		@Query("status = :status")
		List<Project> indexKeyWithoutIndex(ProjectStatus status);

		@Query("id > :from AND id < :to")
		List<Project> twoSortKeyConditions(String from, String to);

		@Query(value = "begins_with(id, :prefix)", filter = "id <> :id")
		List<Project> sortKeyInFilter(String prefix, String id);

		@Query(index = "byStatus", value = "status = :status", filter = "priority > :min")
		List<Project> indexSortKeyInFilter(ProjectStatus status, int min);

		@Query("begins_with(id, :prefix)")
		Page<Project> paged(String prefix, Pageable pageable);

		@TenantIndex("byOwner")
		@Query(index = "byStatus", value = "status = :status")
		List<Project> twoIndexes(ProjectStatus status);

		@Query(value = "begins_with(id, :prefix)", count = true)
		List<Project> countReturningList(String prefix);

		@Query("begins_with(id, :prefix)")
		long longWithoutCount(String prefix);

		@Query(value = "begins_with(id, :prefix)", filter = "size(name) > :max")
		List<Project> unknownFunction(String prefix, int max);

		@Query(index = "byStatus", value = "status = :status AND begins_with(priority, :p)")
		List<Project> beginsWithOnANumber(ProjectStatus status, String p);

		@Query("id > ")
		List<Project> incomplete();

	}

}
