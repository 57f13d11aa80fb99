package dev.tenancy.test.repository;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.sts.IssuedSession;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant's tier changed at runtime through the {@link TenantTierRegistry}: its next repository call addresses the new
 * tier's table, signed with a new STS session whose policy grants that table (the cached session and the guard's
 * compiled policy were dropped), through the guard and the IAM-enforcing gateway. Other tenants keep their sessions.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class TierChangeRepositoryIntegrationTests {

	private static final String TABLE = RepositoryTestConfiguration.TABLE;

	private final TenantId mover = TenantId.of("mover-" + UUID.randomUUID().toString().substring(0, 8));

	private final TenantId bystander = TenantId.of("bystander-" + UUID.randomUUID().toString().substring(0, 8));

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private TenantTierRegistry tiers;

	@Autowired
	private TenancyTestKit kit;

	private Map<String, AttributeValue> stored(String table, TenantId tenant, String id) {
		return this.kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(table)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS("PROJECT#" + id)))
				.consistentRead(true))
			.item();
	}

	private List<IssuedSession> sessions(TenantId tenant) {
		return this.kit.sts().sessions("tenant-" + tenant);
	}

	private void save(TenantId tenant, String id) {
		TenantContext.runAs(tenant, () -> this.projects.save(new Project(id, "Project " + id, ProjectStatus.OPEN, 1)));
	}

	@Test
	void aPooledTenantAssignedSiloWritesToItsSiloTableWithANewSessionAndBackAgain() {
		String siloTable = TABLE + "-" + this.mover;
		this.kit.createSiloTable(TABLE, siloTable);
		save(this.mover, "before");
		save(this.bystander, "before");
		assertThat(stored(TABLE, this.mover, "before")).isNotEmpty();
		assertThat(sessions(this.mover)).singleElement()
			.satisfies((session) -> assertThat(session.sessionPolicy()).contains(":table/" + TABLE + "\"")
				.doesNotContain(siloTable));

		this.tiers.assign(this.mover, TenantTier.SILO);

		save(this.mover, "after");
		assertThat(stored(siloTable, this.mover, "after")).containsEntry("name", AttributeValue.fromS("Project after"));
		assertThat(stored(TABLE, this.mover, "after")).as("nothing in the pooled table").isEmpty();
		assertThat(sessions(this.mover)).hasSize(2);
		assertThat(sessions(this.mover).get(1).sessionPolicy()).contains(":table/" + siloTable + "\"")
			.doesNotContain(":table/" + TABLE + "\"");
		assertThat(TenantContext.callAs(this.mover, () -> this.projects.findById("before")))
			.as("the pooled item is not in the silo table (moving items is the caller's job)")
			.isEmpty();
		save(this.bystander, "after");
		assertThat(sessions(this.bystander)).as("other tenants keep their session").hasSize(1);

		this.tiers.assign(this.mover, TenantTier.POOL);

		assertThat(TenantContext.callAs(this.mover, () -> this.projects.findById("before"))).isPresent();
		assertThat(sessions(this.mover)).hasSize(3);
		assertThat(sessions(this.mover).get(2).sessionPolicy()).doesNotContain(siloTable);
	}

}
