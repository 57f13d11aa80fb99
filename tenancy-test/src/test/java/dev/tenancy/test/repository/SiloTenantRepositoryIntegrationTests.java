package dev.tenancy.test.repository;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same repositories for a silo tenant: its items land in its own table ({@code <table>-<tenant>}, created by the
 * kit like the pooled table), through its STS session, the guard and the IAM-enforcing gateway, with the same keys.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class SiloTenantRepositoryIntegrationTests {

	private static final TenantId SILO = RepositoryTestConfiguration.SILO_TENANT;

	private static final String SILO_TABLE = RepositoryTestConfiguration.TABLE + "-" + SILO;

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private TenancyOperations operations;

	@Autowired
	private TenancyTestKit kit;

	private Map<String, AttributeValue> stored(String table, String sortKey) {
		return this.kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + SILO), "sk", AttributeValue.fromS(sortKey)))
				.consistentRead(true))
			.item();
	}

	@Test
	void theKitCreatedTheSiloTableWithThePooledTablesKeysAndIndexes() {
		TableDescription pooled = this.kit.dynamoDbLocalClient()
			.describeTable((request) -> request.tableName(RepositoryTestConfiguration.TABLE))
			.table();
		TableDescription silo = this.kit.dynamoDbLocalClient()
			.describeTable((request) -> request.tableName(SILO_TABLE))
			.table();
		assertThat(silo.keySchema()).isEqualTo(pooled.keySchema());
		assertThat(silo.globalSecondaryIndexes()).extracting((index) -> index.indexName() + index.keySchema())
			.containsExactlyInAnyOrderElementsOf(pooled.globalSecondaryIndexes()
				.stream()
				.map((index) -> index.indexName() + index.keySchema())
				.toList());
	}

	@Test
	void crudLandsInTheSiloTableWithTheSameKeys() {
		TenantContext.runAs(SILO, () -> this.projects.save(new Project("s-1", "Vault", ProjectStatus.OPEN, 1)));
		assertThat(stored(SILO_TABLE, "PROJECT#s-1")).containsEntry("name", AttributeValue.fromS("Vault"));
		assertThat(stored(RepositoryTestConfiguration.TABLE, "PROJECT#s-1")).as("nothing in the pooled table")
			.isEmpty();
		TenantContext.runAs(SILO, () -> {
			assertThat(this.projects.findById("s-1")).hasValueSatisfying(
					(project) -> assertThat(project.getName()).isEqualTo("Vault"));
			this.projects.deleteById("s-1");
			assertThat(this.projects.existsById("s-1")).isFalse();
		});
	}

	@Test
	void derivedIndexQueriesAndScrollingReadTheSiloTable() {
		TenantContext.runAs(SILO, () -> {
			this.projects.saveAll(List.of(new Project("q-1", "One", ProjectStatus.OPEN, 1),
					new Project("q-2", "Two", ProjectStatus.OPEN, 2), new Project("q-3", "Three", ProjectStatus.OPEN, 3)));
			assertThat(this.projects.findByStatusAndPriorityBetween(ProjectStatus.OPEN, 1, 3))
				.extracting(Project::getId)
				.contains("q-1", "q-2", "q-3");
			Window<Project> first = this.projects.findByStatus(ProjectStatus.OPEN, ScrollPosition.keyset(), Limit.of(2));
			assertThat(first.getContent()).extracting(Project::getId).containsExactly("q-1", "q-2");
			assertThat(first.hasNext()).isTrue();
			Window<Project> second = this.projects.findByStatus(ProjectStatus.OPEN, first.positionAt(1), Limit.of(2));
			assertThat(second.getContent()).extracting(Project::getId).containsExactly("q-3");
		});
		assertThat(stored(SILO_TABLE, "PROJECT#q-3")).isNotEmpty();
	}

	@Test
	void transactionsWriteToTheSiloTable() {
		TenantContext.runAs(SILO, () -> this.operations.transactWrite((tx) -> tx
			.insert(Note.of("t-1", "kick-off"))
			.save(new Project("t-1", "Tx", ProjectStatus.CLOSED, 5))));
		assertThat(stored(SILO_TABLE, "PROJECT#t-1")).containsEntry("name", AttributeValue.fromS("Tx"));
		assertThat(stored(RepositoryTestConfiguration.TABLE, "PROJECT#t-1")).isEmpty();
	}

}
