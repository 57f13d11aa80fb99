package dev.tenancy.columns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.SiloTableTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * How {@link ColumnRestrictingDynamoDbClient} shapes requests of column-restricted sessions (TH-12).
 */
class ColumnRestrictingDynamoDbClientTests {

	private static final DynamoDbKeySchema KEYS = DynamoDbKeySchema.builder()
		.table("project-management", "pk", "sk")
		.index("project-management", "tasksByStatus", "gsi2pk", "sk")
		.build();

	private static final Set<String> ATTRIBUTES = new LinkedHashSet<>(List.of("pk", "sk", "gsi2pk", "name",
			"status", "version"));

	private final Recording recording = new Recording();

	private static final AccessVariant RESTRICTED = AccessVariant.of("restricted");

	private final AtomicReference<AccessVariant> access = new AtomicReference<>(RESTRICTED);

	private final ColumnRestrictingDynamoDbClient client = new ColumnRestrictingDynamoDbClient(this.recording, KEYS,
			Map.of(RESTRICTED, ATTRIBUTES), this.access::get);

	@Test
	void restrictedGetItemProjectsTheAllowedAttributesTH12() {
		this.client.getItem(GetItemRequest.builder().tableName("project-management").key(key("PROJECT#p-1")).build());
		GetItemRequest sent = this.recording.last(GetItemRequest.class);
		assertThat(sent.projectionExpression()).isEqualTo("#rc0, #rc1, #rc2, #rc3, #rc4, #rc5");
		assertThat(sent.expressionAttributeNames()).isEqualTo(Map.of("#rc0", "pk", "#rc1", "sk", "#rc2", "gsi2pk",
				"#rc3", "name", "#rc4", "status", "#rc5", "version"));
	}

	@Test
	@DisplayName("TH-12 a caller in a variant without a column restriction fails closed and nothing is sent")
	void aVariantWithoutRestrictionFailsClosedTH12() {
		this.access.set(AccessVariant.of("support"));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.client
				.getItem(GetItemRequest.builder().tableName("project-management").key(key("PROJECT#p-1")).build()))
			.withMessageContaining("'support' has no column restriction");
		assertThat(this.recording.requests).isEmpty();
	}

	@Test
	void fullAccessRequestsAreSentUnchanged() {
		this.access.set(AccessVariant.UNRESTRICTED);
		GetItemRequest get = GetItemRequest.builder().tableName("project-management").key(key("PROJECT#p-1")).build();
		PutItemRequest put = PutItemRequest.builder().tableName("project-management").item(item()).build();
		this.client.getItem(get);
		this.client.putItem(put);
		assertThat(this.recording.requests).containsExactly(get, put);
	}

	@Test
	void restrictedQueryKeepsItsNamesAndAddsTheProjection() {
		this.client.query(QueryRequest.builder()
			.tableName("project-management")
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
			.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
			.build());
		QueryRequest sent = this.recording.last(QueryRequest.class);
		assertThat(sent.projectionExpression()).startsWith("#rc0, ");
		assertThat(sent.expressionAttributeNames()).containsEntry("#pk", "pk")
			.containsEntry("#sk", "sk")
			.containsEntry("#rc3", "name");
	}

	@Test
	void restrictedRequestsWithTheirOwnProjectionOrSelectAreLeftForIamToJudge() {
		QueryRequest keysOnly = QueryRequest.builder().tableName("project-management").projectionExpression("#pk")
			.expressionAttributeNames(Map.of("#pk", "pk")).build();
		QueryRequest count = QueryRequest.builder().tableName("project-management").select(Select.COUNT).build();
		GetItemRequest hidden = GetItemRequest.builder().tableName("project-management").key(key("PROJECT#p-1"))
			.projectionExpression("budget").build();
		this.client.query(keysOnly);
		this.client.query(count);
		this.client.getItem(hidden);
		assertThat(this.recording.requests).containsExactly(keysOnly, count, hidden);
	}

	@Test
	void restrictedBatchGetProjectsEveryTable() {
		this.client.batchGetItem(BatchGetItemRequest.builder()
			.requestItems(Map.of("project-management", KeysAndAttributes.builder().keys(List.of(key("PROJECT#p-1"))).build()))
			.build());
		KeysAndAttributes sent = this.recording.last(BatchGetItemRequest.class).requestItems().get("project-management");
		assertThat(sent.projectionExpression()).startsWith("#rc0, ");
		assertThat(sent.expressionAttributeNames()).containsEntry("#rc5", "version");
	}

	@Test
	void restrictedPutItemBecomesAnUpdateThatKeepsHiddenAttributesTH12() {
		this.client.putItem(PutItemRequest.builder()
			.tableName("project-management")
			.item(item())
			.conditionExpression("#v = :v")
			.expressionAttributeNames(Map.of("#v", "version"))
			.expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))
			.build());
		assertThat(this.recording.requests).hasSize(1);
		UpdateItemRequest sent = this.recording.last(UpdateItemRequest.class);
		assertThat(sent.key()).isEqualTo(key("PROJECT#p-1"));
		assertThat(sent.conditionExpression()).isEqualTo("#v = :v");
		assertThat(sent.returnValuesAsString()).isNull();
		Map<String, String> names = sent.expressionAttributeNames();
		Map<String, AttributeValue> values = sent.expressionAttributeValues();
		List<String> set = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		String expression = sent.updateExpression();
		assertThat(expression).startsWith("SET ").contains(" REMOVE ");
		for (String assignment : expression.substring(4, expression.indexOf(" REMOVE ")).split(", ")) {
			String[] parts = assignment.split(" = ");
			set.add(names.get(parts[0]) + "=" + values.get(parts[1]).toString());
		}
		for (String placeholder : expression.substring(expression.indexOf(" REMOVE ") + 8).split(", ")) {
			removed.add(names.get(placeholder));
		}
		assertThat(set).containsExactlyInAnyOrder("name=" + AttributeValue.fromS("Rocket skates"),
				"version=" + AttributeValue.fromN("2"));
		// status is allowed but absent from the item: removed, as PutItem would; 'budget' is not named at all.
		assertThat(removed).containsExactlyInAnyOrder("gsi2pk", "status");
		assertThat(names).containsEntry("#v", "version").doesNotContainValue("budget");
		assertThat(values).containsEntry(":v", AttributeValue.fromN("1"));
	}

	@Test
	@DisplayName("TH-12 a restricted PutItem to a silo table becomes an update with the keys of its pooled table")
	void restrictedPutItemToASiloTableUsesThePooledTablesKeysTH12() {
		ColumnRestrictingDynamoDbClient tiered = new ColumnRestrictingDynamoDbClient(this.recording,
				KEYS.withSiloTables(SiloTableTemplate.defaultTemplate()), Map.of(RESTRICTED, ATTRIBUTES),
				this.access::get);
		tiered.putItem(PutItemRequest.builder().tableName("project-management-acme").item(item()).build());
		UpdateItemRequest sent = this.recording.last(UpdateItemRequest.class);
		assertThat(sent.tableName()).isEqualTo("project-management-acme");
		assertThat(sent.key()).isEqualTo(key("PROJECT#p-1"));
		assertThat(sent.expressionAttributeNames()).containsValues("name", "version").doesNotContainValue("pk");
	}

	@Test
	void restrictedPutItemToAnUnknownTableIsRefused() {
		ColumnRestrictingDynamoDbClient tiered = new ColumnRestrictingDynamoDbClient(this.recording,
				KEYS.withSiloTables(SiloTableTemplate.defaultTemplate()), Map.of(RESTRICTED, ATTRIBUTES),
				this.access::get);
		assertThatIllegalArgumentException().isThrownBy(() -> tiered
			.putItem(PutItemRequest.builder().tableName("other-acme").item(item()).build()))
			.withMessageContaining("'other-acme' is not in the tenancy key schema");
		assertThat(this.recording.requests).isEmpty();
	}

	private static Map<String, AttributeValue> key(String sortKey) {
		return Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS(sortKey));
	}

	private static Map<String, AttributeValue> item() {
		return Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#p-1"), "name",
				AttributeValue.fromS("Rocket skates"), "version", AttributeValue.fromN("2"));
	}

	/** Records what would be sent. */
	static final class Recording implements DynamoDbClient {

		final List<SdkRequest> requests = new ArrayList<>();

		<T extends SdkRequest> T last(Class<T> type) {
			assertThat(this.requests).isNotEmpty();
			return type.cast(this.requests.get(this.requests.size() - 1));
		}

		@Override
		public GetItemResponse getItem(GetItemRequest request) {
			this.requests.add(request);
			return GetItemResponse.builder().build();
		}

		@Override
		public QueryResponse query(QueryRequest request) {
			this.requests.add(request);
			return QueryResponse.builder().build();
		}

		@Override
		public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
			this.requests.add(request);
			return BatchGetItemResponse.builder().build();
		}

		@Override
		public PutItemResponse putItem(PutItemRequest request) {
			this.requests.add(request);
			return PutItemResponse.builder().build();
		}

		@Override
		public UpdateItemResponse updateItem(UpdateItemRequest request) {
			this.requests.add(request);
			return UpdateItemResponse.builder().build();
		}

		@Override
		public String serviceName() {
			return "dynamodb";
		}

		@Override
		public void close() {
		}

	}

}
