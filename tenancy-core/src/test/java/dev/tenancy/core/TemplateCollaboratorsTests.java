package dev.tenancy.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import dev.tenancy.context.TenantId;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.keys.TenantTables;
import dev.tenancy.repository.Project;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The template's collaborators on their own: one exception translation, batch retry, key-condition rendering and
 * version conditions.
 */
class TemplateCollaboratorsTests {

	private static final TenantKeys ACME = new TenantKeys(TenantId.of("acme"), "TENANT#acme",
			TenantTables.pooled());

	private final TenantEntityMetadata<Project> project = new TenancyMappingContext().getRequiredMetadata(Project.class);

	@Nested
	class Execute {

		@Test
		void translatesWhatTheCallThrows() {
			DynamoDbCalls calls = new DynamoDbCalls(new ScriptedClient());

			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> calls.execute((client) -> {
				throw ProvisionedThroughputExceededException.builder().message("slow down").build();
			}));
		}

		@Test
		void mapsAFailedConditionToTheCallersException() {
			DynamoDbCalls calls = new DynamoDbCalls(new ScriptedClient());
			DuplicateKeyException duplicate = new DuplicateKeyException("taken");

			assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> calls.execute((client) -> {
				throw ConditionalCheckFailedException.builder().message("no").build();
			}, (ex) -> duplicate)).isSameAs(duplicate);
			assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> calls.execute((client) -> {
				throw ConditionalCheckFailedException.builder().message("no").build();
			}, null)).isNotInstanceOf(DuplicateKeyException.class);
		}

	}

	@Nested
	class Batches {

		@Test
		void retriesUnprocessedItemsUntilAllAreWritten() {
			ScriptedClient client = new ScriptedClient();
			client.unprocessedRounds = 2;
			BatchExecutor batches = new BatchExecutor(new DynamoDbCalls(client), 8, BackoffStrategy.retryImmediately());

			batches.write("app", puts(30));

			assertThat(client.batchSizes).containsExactly(25, 1, 1, 5);
		}

		@Test
		void givesUpAfterTheLastAttemptNamingWhatWasProcessed() {
			ScriptedClient client = new ScriptedClient();
			client.unprocessedRounds = Integer.MAX_VALUE;
			BatchExecutor batches = new BatchExecutor(new DynamoDbCalls(client), 3, BackoffStrategy.retryImmediately());

			assertThatExceptionOfType(IncompleteBatchException.class).isThrownBy(() -> batches.write("app", puts(3)))
				.withMessageContaining("BatchWriteItem")
				.withMessageContaining("'app'");
			assertThat(client.batchSizes).containsExactly(3, 1, 1);
		}

		private List<WriteRequest> puts(int count) {
			List<WriteRequest> writes = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				writes.add(WriteRequest.builder()
					.putRequest(PutRequest.builder().item(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk",
							AttributeValue.fromS("PROJECT#" + i))).build())
					.build());
			}
			return writes;
		}

	}

	@Nested
	class KeyConditionRendering {

		private final KeyConditions conditions = new KeyConditions(new ItemConverter(TenantKeyTemplate.defaultTemplate(),
				TenantTables.pooled()),
				true);

		@Test
		void aTableQueryIsConfinedToTheTenantAndTheEntitysPrefix() {
			KeyConditions.PreparedQuery prepared = this.conditions.prepare(TemplateCollaboratorsTests.this.project,
					null, TenancyQuery.table(), ACME);

			QueryRequest request = prepared.request().build();
			assertThat(request.keyConditionExpression()).isEqualTo("#pk = :pk AND begins_with(#tsk, :sk0)");
			assertThat(prepared.values()).containsEntry(":pk", AttributeValue.fromS("TENANT#acme"))
				.containsEntry(":sk0", AttributeValue.fromS("PROJECT#"));
			assertThat(request.consistentRead()).isTrue();
		}

		@Test
		void anExclusiveBoundBecomesAnInclusiveRangeWithTheBoundExcluded() {
			TenancyQuery query = TenancyQuery.table()
				.withSortKeyCondition(KeyCondition.of(KeyCondition.Operator.LT, AttributeValue.fromS("p-5")));

			KeyConditions.PreparedQuery prepared = this.conditions.prepare(TemplateCollaboratorsTests.this.project,
					null, query, ACME);

			assertThat(prepared.request().build().keyConditionExpression())
				.isEqualTo("#pk = :pk AND #tsk BETWEEN :sk0 AND :sk1");
			assertThat(prepared.values()).containsEntry(":sk0", AttributeValue.fromS("PROJECT#"))
				.containsEntry(":sk1", AttributeValue.fromS("PROJECT#p-5"));
			assertThat(prepared.excluded()).isEqualTo(AttributeValue.fromS("PROJECT#p-5"));
		}

		@Test
		void anEmptyRangeIsNoQueryAtAll() {
			TenancyQuery query = TenancyQuery.table()
				.withSortKeyCondition(KeyCondition.of(KeyCondition.Operator.BETWEEN, AttributeValue.fromS("p-9"),
						AttributeValue.fromS("p-1")));

			assertThat(this.conditions.prepare(TemplateCollaboratorsTests.this.project, null, query, ACME)).isNull();
		}

		@Test
		void comparesInDynamoDbsOrder() {
			assertThat(KeyConditions.compareUtf8("a", "b")).isNegative();
			assertThat(KeyConditions.compareUtf8("\uFFFF", "\uD83D\uDE00")).as("code point order, not UTF-16").isNegative();
		}

	}

	@Nested
	class Versions {

		@Test
		void aFirstWriteExpectsNoItemAndStoresTheFirstVersion() {
			Map<String, AttributeValue> item = new java.util.HashMap<>();

			VersionConditions.VersionCondition condition = VersionConditions.forWrite(TemplateCollaboratorsTests.this.project,
					item);

			assertThat(condition).isNotNull();
			assertThat(condition.expression()).isEqualTo("attribute_not_exists(#v)");
			assertThat(condition.valuesOrNull()).isNull();
			assertThat(item).containsEntry("version", AttributeValue.fromN("1"));
		}

		@Test
		void anUpdateExpectsTheStoredVersionAndStoresTheNext() {
			Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("version", AttributeValue.fromN("4")));

			VersionConditions.VersionCondition condition = VersionConditions.forWrite(TemplateCollaboratorsTests.this.project,
					item);

			assertThat(condition.expression()).isEqualTo("#v = :v");
			assertThat(condition.values()).containsEntry(":v", AttributeValue.fromN("4"));
			assertThat(condition.expected()).isEqualTo(4L);
			assertThat(item).containsEntry("version", AttributeValue.fromN("5"));
		}

	}

	/** A client that answers BatchWriteItem, leaving one item unprocessed for a number of rounds. */
	static final class ScriptedClient implements DynamoDbClient {

		final List<Integer> batchSizes = new ArrayList<>();

		int unprocessedRounds;

		private final AtomicInteger rounds = new AtomicInteger();

		@Override
		public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
			List<WriteRequest> writes = request.requestItems().values().iterator().next();
			this.batchSizes.add(writes.size());
			if (this.rounds.getAndIncrement() < this.unprocessedRounds) {
				String table = request.requestItems().keySet().iterator().next();
				return BatchWriteItemResponse.builder().unprocessedItems(Map.of(table, writes.subList(0, 1))).build();
			}
			return BatchWriteItemResponse.builder().build();
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
