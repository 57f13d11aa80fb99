package dev.tenancy.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.Note;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

@SuppressWarnings("unchecked")
class TenancyTemplateTests {

	private static final TenantId ACME = TenantId.of("acme");

	private final DynamoDbClient client = mock(DynamoDbClient.class);

	private final List<String> withheld = new ArrayList<>();

	private final TenancyTemplate template = TenancyTemplate.builder()
		.client(this.client)
		.keyTemplate(keyTemplate())
		.readCheckListener((tenant, operation, table, index) -> this.withheld
			.add(tenant + " " + operation + " " + table + " " + index))
		.maxBatchAttempts(3)
		.batchBackoff(BackoffStrategy.retryImmediately())
		.build();

	private TenantScope scope;

	static TenantKeyTemplate keyTemplate() {
		return TenantKeyTemplate.defaultTemplate();
	}

	@BeforeEach
	void openScope() {
		this.scope = TenantContext.open(ACME);
	}

	@AfterEach
	void closeScope() {
		this.scope.close();
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

	private static Map<String, AttributeValue> item(String pk, String sk, String name) {
		return new HashMap<>(Map.of("pk", s(pk), "sk", s(sk), "name", s(name)));
	}

	private QueryRequest queried() {
		ArgumentCaptor<QueryRequest> request = ArgumentCaptor.forClass(QueryRequest.class);
		verify(this.client).query(request.capture());
		return request.getValue();
	}

	@Test
	void saveWritesTheTenantKeysAndReturnsTheEntityAsStored() {
		given(this.client.putItem(any(PutItemRequest.class))).willReturn(PutItemResponse.builder().build());
		Project project = new Project("p-1", "Apollo", ProjectStatus.OPEN);

		Project saved = this.template.save(project);

		ArgumentCaptor<PutItemRequest> request = ArgumentCaptor.forClass(PutItemRequest.class);
		verify(this.client).putItem(request.capture());
		Map<String, AttributeValue> written = request.getValue().item();
		assertThat(request.getValue().tableName()).isEqualTo("app");
		assertThat(written).containsEntry("pk", s("TENANT#acme"))
			.containsEntry("sk", s("PROJECT#p-1"))
			.containsEntry("gsi1pk", s("TENANT#acme#STATUS#OPEN"))
			.containsEntry("version", AttributeValue.fromN("1"))
			.doesNotContainKey("gsi2pk");
		assertThat(request.getValue().conditionExpression()).isEqualTo("attribute_not_exists(#v)");
		assertThat(saved.getTenant()).isEqualTo("acme");
		assertThat(saved.getId()).isEqualTo("p-1");
		assertThat(saved.getStatusKey()).isEqualTo("STATUS#OPEN");
		assertThat(saved.getVersion()).isEqualTo(1L);
	}

	@Test
	@DisplayName("TH-13: an entity whose partition key names another tenant is refused before any request")
	void th13ForeignPartitionKeyIsRefused() {
		Project project = new Project("p-1", "Apollo", ProjectStatus.OPEN);
		project.setTenant("TENANT#globex");

		assertThatExceptionOfType(TenantKeyMismatchException.class).isThrownBy(() -> this.template.save(project))
			.withMessage("Tenant 'acme' was refused dynamodb:PutItem of a 'dev.tenancy.repository.Project': its "
					+ "partition-key property names another tenant. The partition key is derived from the tenant "
					+ "scope; leave the property null or set it to the current tenant.");
		project.setTenant("globex");
		assertThatExceptionOfType(TenantKeyMismatchException.class).isThrownBy(() -> this.template.insert(project));
		assertThatExceptionOfType(TenantKeyMismatchException.class)
			.isThrownBy(() -> this.template.saveAll(List.of(Note.builder().tenant("globex").id("n").build())));
		verifyNoInteractions(this.client);
	}

	@Test
	void anEntityCarryingItsOwnTenantIsWritten() {
		given(this.client.putItem(any(PutItemRequest.class))).willReturn(PutItemResponse.builder().build());
		Note note = Note.builder().tenant("acme").id("n-1").text("hello").build();

		Note saved = this.template.save(note);

		assertThat(saved.tenant()).isEqualTo("acme");
		assertThat(saved.id()).isEqualTo("n-1");
		assertThat(saved.text()).isEqualTo("hello");
	}

	@Test
	@DisplayName("TH-7: without a tenant scope every operation fails before any request")
	void th7NoScopeNoRequest() {
		this.scope.close();

		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.template.findById("p-1", Project.class))
			.withMessageContaining("No tenant is bound to thread")
			.withMessageContaining("findById of 'Project'");
		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> this.template.findAll(Project.class));
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.template.save(new Project("p-1", "x", null)));
		assertThatExceptionOfType(MissingTenantException.class)
			.isThrownBy(() -> this.template.transactWrite((tx) -> tx.deleteById(Project.class, "p-1")));
		verifyNoInteractions(this.client);
	}

	@Test
	void findByIdReadsTheTenantsKeyAndStripsThePrefixes() {
		given(this.client.getItem(any(GetItemRequest.class))).willReturn(GetItemResponse.builder()
			.item(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-1"), "name", s("Apollo"), "gsi1pk",
					s("TENANT#acme#STATUS#OPEN"), "status", s("OPEN")))
			.build());

		Project project = this.template.findById("p-1", Project.class).orElseThrow();

		ArgumentCaptor<GetItemRequest> request = ArgumentCaptor.forClass(GetItemRequest.class);
		verify(this.client).getItem(request.capture());
		assertThat(request.getValue().key()).isEqualTo(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-1")));
		assertThat(project.getTenant()).isEqualTo("acme");
		assertThat(project.getId()).isEqualTo("p-1");
		assertThat(project.getStatusKey()).isEqualTo("STATUS#OPEN");
		assertThat(project.getName()).isEqualTo("Apollo");
	}

	@Test
	@DisplayName("TH-14: an item of another tenant in a GetItem response never reaches the caller and is counted")
	void th14ForeignItemFromGetItem() {
		given(this.client.getItem(any(GetItemRequest.class)))
			.willReturn(GetItemResponse.builder().item(item("TENANT#globex", "PROJECT#p-1", "Secret")).build());

		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.template.findById("p-1", Project.class))
			.withMessageStartingWith("Tenant 'acme' was denied dynamodb:GetItem on table/app by the read-side tenant "
					+ "check: DynamoDB returned an item whose partition key does not belong to the tenant")
			.withMessageNotContaining("Secret")
			.satisfies((ex) -> assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.READ_CHECK));
		assertThat(this.withheld).containsExactly("acme GetItem app null");
	}

	@Test
	@DisplayName("TH-14: a Query page with one foreign item fails whole; no item of it is returned")
	void th14ForeignItemInQueryPage() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder()
			.items(item("TENANT#acme", "PROJECT#p-1", "Mine"), item("TENANT#acme2", "PROJECT#p-2", "Theirs"))
			.build());

		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.template.findAll(Project.class))
			.satisfies((ex) -> assertThat(ex.getAction()).isEqualTo("dynamodb:Query"));
		assertThat(this.withheld).containsExactly("acme Query app null");
	}

	@Test
	@DisplayName("TH-14: an index read whose index key belongs to another tenant is withheld")
	void th14ForeignIndexKey() {
		Map<String, AttributeValue> item = item("TENANT#acme", "PROJECT#p-1", "Mine");
		item.put("gsi1pk", s("TENANT#globex#STATUS#OPEN"));
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().items(item).build());

		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> this.template
			.find(TenancyQuery.index("byStatus", List.of(s("OPEN"))), Project.class))
			.satisfies((ex) -> assertThat(ex.getResource()).isEqualTo("table/app/index/byStatus"));
		assertThat(this.withheld).containsExactly("acme Query app byStatus");
	}

	/**
	 * An item of globex's partition whose index key names acme's index partition, as a write of globex before the
	 * guard confined index keys (or a write bypassing the walls) could have left it.
	 */
	private static Map<String, AttributeValue> plantedUnderAcmesIndexKey() {
		Map<String, AttributeValue> item = item("TENANT#globex", "PROJECT#p-9", "Planted");
		item.put("gsi1pk", s("TENANT#acme#STATUS#OPEN"));
		return item;
	}

	@Test
	@DisplayName("TH-23: a count on an index reads keys and applies the read-side check; a planted foreign item "
			+ "fails it instead of being counted")
	void th23CountOnAnIndexChecksEachItem() {
		Map<String, AttributeValue> own = item("TENANT#acme", "PROJECT#p-1", "Mine");
		own.put("gsi1pk", s("TENANT#acme#STATUS#OPEN"));
		given(this.client.query(any(QueryRequest.class)))
			.willReturn(QueryResponse.builder().items(own, plantedUnderAcmesIndexKey()).count(2).build());

		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.template.count(TenancyQuery.index("byStatus", List.of(s("OPEN"))), Project.class))
			.withMessageNotContaining("Planted")
			.satisfies((ex) -> {
				assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.READ_CHECK);
				assertThat(ex.getAction()).isEqualTo("dynamodb:Query");
				assertThat(ex.getResource()).isEqualTo("table/app/index/byStatus");
			});
		assertThat(this.withheld).containsExactly("acme Query app byStatus");
		QueryRequest request = queried();
		assertThat(request.select()).isNull();
		assertThat(request.projectionExpression()).isEqualTo("#tpk, #tsk, #pk");
	}

	@Test
	@DisplayName("TH-23: a count on an index counts the tenant's own items from their keys")
	void th23CountOnAnIndexCountsOwnItems() {
		Map<String, AttributeValue> first = item("TENANT#acme", "PROJECT#p-1", "One");
		first.put("gsi1pk", s("TENANT#acme#STATUS#OPEN"));
		Map<String, AttributeValue> second = item("TENANT#acme", "PROJECT#p-2", "Two");
		second.put("gsi1pk", s("TENANT#acme#STATUS#OPEN"));
		given(this.client.query(any(QueryRequest.class)))
			.willReturn(QueryResponse.builder().items(first, second).build());

		assertThat(this.template.count(TenancyQuery.index("byStatus", List.of(s("OPEN"))), Project.class))
			.isEqualTo(2);
		assertThat(queried().select()).isNull();
		assertThat(this.withheld).isEmpty();
	}

	@Test
	@DisplayName("TH-23: exists on an index applies the read-side check; a planted foreign item fails it")
	void th23ExistsOnAnIndexChecksTheItem() {
		given(this.client.query(any(QueryRequest.class)))
			.willReturn(QueryResponse.builder().items(plantedUnderAcmesIndexKey()).build());

		assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.template.exists(TenancyQuery.index("byStatus", List.of(s("OPEN"))), Project.class))
			.satisfies((ex) -> assertThat(ex.getLayer()).isEqualTo(EnforcementLayer.READ_CHECK));
		assertThat(this.withheld).containsExactly("acme Query app byStatus");
		assertThat(queried().select()).isNull();
	}

	@Test
	void findAllQueriesTheTenantPartitionNarrowedToTheTypeAndFollowsPages() {
		Map<String, AttributeValue> last = Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-1"));
		given(this.client.query(any(QueryRequest.class)))
			.willReturn(QueryResponse.builder()
				.items(item("TENANT#acme", "PROJECT#p-1", "One"))
				.lastEvaluatedKey(last)
				.build())
			.willReturn(QueryResponse.builder().items(item("TENANT#acme", "PROJECT#p-2", "Two")).build());

		List<Project> projects = this.template.findAll(Project.class);

		assertThat(projects).extracting(Project::getId).containsExactly("p-1", "p-2");
		ArgumentCaptor<QueryRequest> requests = ArgumentCaptor.forClass(QueryRequest.class);
		verify(this.client, times(2)).query(requests.capture());
		QueryRequest first = requests.getAllValues().get(0);
		assertThat(first.keyConditionExpression()).isEqualTo("#pk = :pk AND begins_with(#tsk, :sk0)");
		assertThat(first.expressionAttributeNames()).isEqualTo(Map.of("#pk", "pk", "#tsk", "sk"));
		assertThat(first.expressionAttributeValues())
			.isEqualTo(Map.of(":pk", s("TENANT#acme"), ":sk0", s("PROJECT#")));
		assertThat(first.indexName()).isNull();
		assertThat(requests.getAllValues().get(1).exclusiveStartKey()).isEqualTo(last);
	}

	@Test
	void countSelectsCountAcrossPages() {
		given(this.client.query(any(QueryRequest.class)))
			.willReturn(QueryResponse.builder().count(3).lastEvaluatedKey(Map.of("pk", s("TENANT#acme"))).build())
			.willReturn(QueryResponse.builder().count(2).build());

		assertThat(this.template.count(Note.class)).isEqualTo(5);
		ArgumentCaptor<QueryRequest> requests = ArgumentCaptor.forClass(QueryRequest.class);
		verify(this.client, times(2)).query(requests.capture());
		assertThat(requests.getAllValues()).allSatisfy((request) -> {
			assertThat(request.select()).isEqualTo(Select.COUNT);
			assertThat(request.expressionAttributeValues()).containsEntry(":sk0", s("NOTE#"));
		});
	}

	static Stream<Arguments> sortKeyConditions() {
		String max = new String(Character.toChars(Character.MAX_CODE_POINT));
		return Stream.of(
				Arguments.of(Operator.EQ, List.of("p-1"), "#pk = :pk AND #tsk = :sk0", List.of("PROJECT#p-1")),
				Arguments.of(Operator.BEGINS_WITH, List.of("p-"), "#pk = :pk AND begins_with(#tsk, :sk0)",
						List.of("PROJECT#p-")),
				Arguments.of(Operator.BETWEEN, List.of("a", "m"), "#pk = :pk AND #tsk BETWEEN :sk0 AND :sk1",
						List.of("PROJECT#a", "PROJECT#m")),
				Arguments.of(Operator.LT, List.of("m"), "#pk = :pk AND #tsk BETWEEN :sk0 AND :sk1",
						List.of("PROJECT#", "PROJECT#m")),
				Arguments.of(Operator.LE, List.of("m"), "#pk = :pk AND #tsk BETWEEN :sk0 AND :sk1",
						List.of("PROJECT#", "PROJECT#m")),
				Arguments.of(Operator.GT, List.of("m"), "#pk = :pk AND #tsk BETWEEN :sk0 AND :sk1",
						List.of("PROJECT#m", "PROJECT#" + max)),
				Arguments.of(Operator.GE, List.of("m"), "#pk = :pk AND #tsk BETWEEN :sk0 AND :sk1",
						List.of("PROJECT#m", "PROJECT#" + max)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sortKeyConditions")
	@DisplayName("sort-key conditions on the id stay inside the entity's prefix")
	void sortKeyConditionsStayInsideThePrefix(Operator operator, List<String> ids, String expression,
			List<String> stored) {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().build());

		this.template.find(TenancyQuery.table()
			.withSortKeyCondition(new KeyCondition(operator, ids.stream().map(AttributeValue::fromS).toList())),
				Project.class);

		QueryRequest request = queried();
		assertThat(request.keyConditionExpression()).isEqualTo(expression);
		assertThat(request.expressionAttributeValues()).containsEntry(":pk", s("TENANT#acme"))
			.containsEntry(":sk0", s(stored.get(0)));
		if (stored.size() > 1) {
			assertThat(request.expressionAttributeValues()).containsEntry(":sk1", s(stored.get(1)));
		}
	}

	@Test
	void lessThanDropsTheItemAtTheExclusiveBound() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder()
			.items(item("TENANT#acme", "PROJECT#a", "A"), item("TENANT#acme", "PROJECT#m", "M"))
			.build());

		List<Project> found = this.template.find(
				TenancyQuery.table().withSortKeyCondition(KeyCondition.of(Operator.LT, s("m"))), Project.class);

		assertThat(found).extracting(Project::getId).containsExactly("a");
	}

	@Test
	void anEmptyBetweenRangeSendsNoRequest() {
		List<Project> found = this.template.find(
				TenancyQuery.table().withSortKeyCondition(KeyCondition.of(Operator.BETWEEN, s("m"), s("a"))),
				Project.class);

		assertThat(found).isEmpty();
		verifyNoInteractions(this.client);
	}

	@Test
	void indexQueryComposesTheTenantIndexKeyAndNarrowsToTheEntityType() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().build());

		this.template.find(TenancyQuery.index("byStatus", List.of(s("OPEN")))
			.withSortKeyCondition(KeyCondition.of(Operator.GE, AttributeValue.fromN("2")))
			.withAscending(false)
			.withLimit(Limit.of(10)), Project.class);

		QueryRequest request = queried();
		assertThat(request.indexName()).isEqualTo("byStatus");
		assertThat(request.keyConditionExpression()).isEqualTo("#pk = :pk AND #sk >= :sk0");
		assertThat(request.filterExpression()).isEqualTo("begins_with(#tsk, :type)");
		assertThat(request.expressionAttributeNames())
			.isEqualTo(Map.of("#pk", "gsi1pk", "#sk", "priority", "#tsk", "sk"));
		assertThat(request.expressionAttributeValues()).isEqualTo(Map.of(":pk", s("TENANT#acme#STATUS#OPEN"), ":sk0",
				AttributeValue.fromN("2"), ":type", s("PROJECT#")));
		assertThat(request.scanIndexForward()).isFalse();
		assertThat(request.limit()).isEqualTo(10);
		assertThat(request.consistentRead()).isNull();
	}

	@Test
	@DisplayName("a query filter is sent after the tenant key condition, with its own placeholders")
	void tableQueryWithAFilter() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().build());

		this.template.find(TenancyQuery.table()
			.withFilter(new QueryFilter("#f0 = :f0", Map.of("#f0", "owner"), Map.of(":f0", s("ann")))), Project.class);

		QueryRequest request = queried();
		assertThat(request.keyConditionExpression()).isEqualTo("#pk = :pk AND begins_with(#tsk, :sk0)");
		assertThat(request.filterExpression()).isEqualTo("#f0 = :f0");
		assertThat(request.expressionAttributeNames()).isEqualTo(Map.of("#pk", "pk", "#tsk", "sk", "#f0", "owner"));
		assertThat(request.expressionAttributeValues())
			.isEqualTo(Map.of(":pk", s("TENANT#acme"), ":sk0", s("PROJECT#"), ":f0", s("ann")));
	}

	@Test
	@DisplayName("a query filter on an index is combined with the entity-type filter")
	void indexQueryWithAFilter() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().build());

		this.template.find(TenancyQuery.index("byStatus", List.of(s("OPEN")))
			.withFilter(new QueryFilter("#f0 = :f0 OR attribute_not_exists(#f0)", Map.of("#f0", "owner"),
					Map.of(":f0", s("ann")))),
				Project.class);

		QueryRequest request = queried();
		assertThat(request.keyConditionExpression()).isEqualTo("#pk = :pk");
		assertThat(request.filterExpression())
			.isEqualTo("begins_with(#tsk, :type) AND (#f0 = :f0 OR attribute_not_exists(#f0))");
		assertThat(request.expressionAttributeValues()).containsEntry(":pk", s("TENANT#acme#STATUS#OPEN"))
			.containsEntry(":type", s("PROJECT#"))
			.containsEntry(":f0", s("ann"));
	}

	@Test
	@DisplayName("a limited query with a selective filter doubles the items each further page evaluates")
	void limitedFilteredQueryGrowsItsPages() {
		QueryResponse empty = QueryResponse.builder()
			.lastEvaluatedKey(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-0")))
			.build();
		given(this.client.query(any(QueryRequest.class))).willReturn(empty, empty, empty, empty,
				QueryResponse.builder().items(item("TENANT#acme", "PROJECT#p-9", "Nine")).build());

		List<Project> found = this.template.find(TenancyQuery.table()
			.withFilter(new QueryFilter("#f0 = :f0", Map.of("#f0", "owner"), Map.of(":f0", s("ann"))))
			.withLimit(Limit.of(1)), Project.class);

		assertThat(found).extracting(Project::getId).containsExactly("p-9");
		ArgumentCaptor<QueryRequest> requests = ArgumentCaptor.forClass(QueryRequest.class);
		verify(this.client, times(5)).query(requests.capture());
		assertThat(requests.getAllValues()).extracting(QueryRequest::limit).containsExactly(1, 2, 4, 8, 16);
	}

	@Test
	@DisplayName("a limited query without a filter asks each page for exactly the items still missing")
	void limitedUnfilteredQueryAsksForWhatIsMissing() {
		given(this.client.query(any(QueryRequest.class))).willReturn(
				QueryResponse.builder()
					.items(item("TENANT#acme", "PROJECT#p-1", "One"))
					.lastEvaluatedKey(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-1")))
					.build(),
				QueryResponse.builder().items(item("TENANT#acme", "PROJECT#p-2", "Two")).build());

		List<Project> found = this.template.find(TenancyQuery.table().withLimit(Limit.of(3)), Project.class);

		assertThat(found).extracting(Project::getId).containsExactly("p-1", "p-2");
		ArgumentCaptor<QueryRequest> requests = ArgumentCaptor.forClass(QueryRequest.class);
		verify(this.client, times(2)).query(requests.capture());
		assertThat(requests.getAllValues()).extracting(QueryRequest::limit).containsExactly(3, 2);
	}

	@Test
	void aFilterUsesItsOwnPlaceholdersOnly() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new QueryFilter("#pk = :pk", Map.of("#pk", "pk"), Map.of(":pk", s("TENANT#b"))))
			.withMessageContaining("must start with '#f'");
	}

	@Test
	@DisplayName("#15 a projected query reads the keys and the projected attributes only")
	void projectedQueryReadsTheKeysAndTheProjectedAttributes() {
		given(this.client.query(any(QueryRequest.class)))
			.willReturn(QueryResponse.builder().items(item("TENANT#acme", "PROJECT#p-1", "One")).build());

		List<Project> found = this.template.find(TenancyQuery.table().withProjection(List.of("name", "sk")),
				Project.class);

		assertThat(found).extracting(Project::getName).containsExactly("One");
		QueryRequest request = queried();
		assertThat(request.projectionExpression()).isEqualTo("#pk, #tsk, #p0");
		assertThat(request.expressionAttributeNames()).containsEntry("#pk", "pk")
			.containsEntry("#tsk", "sk")
			.containsEntry("#p0", "name");
		assertThat(request.select()).isNull();
	}

	@Test
	@DisplayName("#15 a projected index query also reads the table keys (read-side check) and the index sort key")
	void projectedIndexQueryReadsTheKeysOfTableAndIndex() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().build());

		this.template.find(TenancyQuery.index("byStatus", List.of(s("OPEN"))).withProjection(List.of("name")),
				Project.class);

		QueryRequest request = queried();
		assertThat(request.projectionExpression()).isEqualTo("#tpk, #tsk, #pk, #pisk, #p0");
		assertThat(request.expressionAttributeNames()).containsEntry("#tpk", "pk")
			.containsEntry("#pk", "gsi1pk")
			.containsEntry("#pisk", "priority")
			.containsEntry("#p0", "name");
	}

	@Test
	void scrollPositionsHoldTheIdentityNotTheTenant() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder()
			.items(item("TENANT#acme", "PROJECT#p-1", "One"), item("TENANT#acme", "PROJECT#p-2", "Two"),
					item("TENANT#acme", "PROJECT#p-3", "Three"))
			.build());

		Window<Project> window = this.template.scroll(TenancyQuery.table().withLimit(Limit.of(2)),
				ScrollPosition.keyset(), Project.class);

		assertThat(window.getContent()).extracting(Project::getId).containsExactly("p-1", "p-2");
		assertThat(window.hasNext()).isTrue();
		assertThat(window.positionAt(1)).isEqualTo(ScrollPosition.forward(Map.of("id", "p-2")));
		assertThat(queried().limit()).isEqualTo(3);
	}

	@Test
	void scrollingFromAPositionStartsAfterItInTheCurrentTenant() {
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().build());

		this.template.scroll(TenancyQuery.table().withLimit(Limit.of(2)), ScrollPosition.forward(Map.of("id", "p-2")),
				Project.class);

		assertThat(queried().exclusiveStartKey())
			.isEqualTo(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-2")));
	}

	@Test
	void offsetScrollingIsRefused() {
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.scroll(TenancyQuery.table(), ScrollPosition.offset(10), Project.class))
			.withMessageContaining("DynamoDB pages by key; use ScrollPosition.keyset()");
		verifyNoInteractions(this.client);
	}

	@Test
	void saveAllChunksBatchWritesOfTwentyFive() {
		given(this.client.batchWriteItem(any(BatchWriteItemRequest.class)))
			.willReturn(BatchWriteItemResponse.builder().build());
		List<Note> notes = IntStream.range(0, 60).mapToObj((i) -> Note.of("n-" + i, "text " + i)).toList();

		List<Note> saved = this.template.saveAll(notes);

		ArgumentCaptor<BatchWriteItemRequest> requests = ArgumentCaptor.forClass(BatchWriteItemRequest.class);
		verify(this.client, times(3)).batchWriteItem(requests.capture());
		assertThat(requests.getAllValues()).extracting((request) -> request.requestItems().get("app").size())
			.containsExactly(25, 25, 10);
		assertThat(requests.getAllValues().get(0).requestItems().get("app").get(0).putRequest().item())
			.containsEntry("pk", s("TENANT#acme"))
			.containsEntry("sk", s("NOTE#n-0"));
		assertThat(saved).extracting(Note::id).containsExactlyElementsOf(notes.stream().map(Note::id).toList());
	}

	@Test
	void unprocessedItemsAreRetriedAndFailClearlyWhenTheyStay() {
		WriteRequest stuck = WriteRequest.builder()
			.putRequest((put) -> put.item(Map.of("pk", s("TENANT#acme"), "sk", s("NOTE#n-1"))))
			.build();
		given(this.client.batchWriteItem(any(BatchWriteItemRequest.class)))
			.willReturn(BatchWriteItemResponse.builder().unprocessedItems(Map.of("app", List.of(stuck))).build());

		assertThatExceptionOfType(IncompleteBatchException.class)
			.isThrownBy(() -> this.template.saveAll(List.of(Note.of("n-1", "a"), Note.of("n-2", "b"))))
			.withMessage("BatchWriteItem on table 'app' left 1 of 2 items unprocessed after 3 attempts (the other 1 "
					+ "were processed; batch calls are not atomic). The table is throttled: retry the remaining items "
					+ "later or raise its capacity.");
		ArgumentCaptor<BatchWriteItemRequest> requests = ArgumentCaptor.forClass(BatchWriteItemRequest.class);
		verify(this.client, times(3)).batchWriteItem(requests.capture());
		assertThat(requests.getAllValues().get(2).requestItems().get("app")).containsExactly(stuck);
	}

	@Test
	void findAllByIdChunksBatchGetsOfOneHundredAndRetriesUnprocessedKeys() {
		Map<String, AttributeValue> retried = Map.of("pk", s("TENANT#acme"), "sk", s("NOTE#n-7"));
		given(this.client.batchGetItem(any(BatchGetItemRequest.class)))
			.willReturn(BatchGetItemResponse.builder()
				.responses(Map.of("app", List.of(item("TENANT#acme", "NOTE#n-3", "x"))))
				.unprocessedKeys(Map.of("app", KeysAndAttributes.builder().keys(retried).build()))
				.build())
			.willReturn(BatchGetItemResponse.builder()
				.responses(Map.of("app", List.of(Map.of("pk", s("TENANT#acme"), "sk", s("NOTE#n-7")))))
				.build())
			.willReturn(BatchGetItemResponse.builder().build());
		List<String> ids = IntStream.range(0, 150).mapToObj((i) -> "n-" + i).toList();

		List<Note> found = this.template.findAllById(ids, Note.class);

		assertThat(found).extracting(Note::id).containsExactly("n-3", "n-7");
		ArgumentCaptor<BatchGetItemRequest> requests = ArgumentCaptor.forClass(BatchGetItemRequest.class);
		verify(this.client, times(3)).batchGetItem(requests.capture());
		assertThat(requests.getAllValues()).extracting((request) -> request.requestItems().get("app").keys().size())
			.containsExactly(100, 1, 50);
	}

	@Test
	void aStaleVersionFailsWithOptimisticLockingFailure() {
		given(this.client.putItem(any(PutItemRequest.class)))
			.willThrow(ConditionalCheckFailedException.builder().message("The conditional request failed").build());
		Project project = new Project("p-1", "Apollo", ProjectStatus.OPEN);
		project.setVersion(4L);

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.template.save(project))
			.withMessage("The 'Project' with id 'p-1' was modified concurrently (expected version 4); reload it and "
					+ "retry.");
		ArgumentCaptor<PutItemRequest> request = ArgumentCaptor.forClass(PutItemRequest.class);
		verify(this.client).putItem(request.capture());
		assertThat(request.getValue().conditionExpression()).isEqualTo("#v = :v");
		assertThat(request.getValue().expressionAttributeValues()).containsEntry(":v", AttributeValue.fromN("4"));
		assertThat(request.getValue().item()).containsEntry("version", AttributeValue.fromN("5"));
	}

	@Test
	void insertOfATakenIdFailsWithDuplicateKey() {
		given(this.client.putItem(any(PutItemRequest.class)))
			.willThrow(ConditionalCheckFailedException.builder().message("The conditional request failed").build());

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.template.insert(Note.of("n-1", "x")))
			.withMessage("Cannot insert the 'Note' with id 'n-1': an item with this id already exists in the tenant; "
					+ "use save to replace it.");
		ArgumentCaptor<PutItemRequest> request = ArgumentCaptor.forClass(PutItemRequest.class);
		verify(this.client).putItem(request.capture());
		assertThat(request.getValue().conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
	}

	@Test
	void transactionKeysEveryActionInTheTenantAndNamesTheFailedCondition() {
		given(this.client.transactWriteItems(any(TransactWriteItemsRequest.class)))
			.willThrow(TransactionCanceledException.builder()
				.message("Transaction cancelled")
				.cancellationReasons(CancellationReason.builder().code("None").build(),
						CancellationReason.builder().code("ConditionalCheckFailed").build())
				.build());

		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.template
				.transactWrite((tx) -> tx.deleteById(Project.class, "p-1").insert(Note.of("n-1", "x"))))
			.withMessage("Transaction canceled: cannot insert the 'Note' with id 'n-1', an item with this id already "
					+ "exists in the tenant.");
		ArgumentCaptor<TransactWriteItemsRequest> request = ArgumentCaptor.forClass(TransactWriteItemsRequest.class);
		verify(this.client).transactWriteItems(request.capture());
		assertThat(request.getValue().transactItems().get(0).delete().key())
			.isEqualTo(Map.of("pk", s("TENANT#acme"), "sk", s("PROJECT#p-1")));
		assertThat(request.getValue().transactItems().get(1).put().item()).containsEntry("pk", s("TENANT#acme"));
	}

}
