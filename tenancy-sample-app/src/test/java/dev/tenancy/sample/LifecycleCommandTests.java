package dev.tenancy.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tenancy.lifecycle.TenantExport;
import dev.tenancy.sample.project.Project;
import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The lifecycle command: the sample application started with {@code --tenancy.lifecycle.move=...} or
 * {@code --tenancy.lifecycle.purge=...} runs that operation in its own configuration (the dev services' kit, its
 * tables, tiers and STS setup) and closes. Tenants of their own, so the seed data stays as documented.
 */
@SpringBootTest
class LifecycleCommandTests {

	private static final String TABLE = Project.TABLE;

	@Autowired
	private TenancyTestKit kit;

	@TempDir
	Path directory;

	private DynamoDbClient local() {
		return this.kit.adminDynamoDbClient();
	}

	private void seed(String table, String tenant, int count) {
		for (int i = 0; i < count; i++) {
			Map<String, AttributeValue> item = new HashMap<>();
			item.put("pk", AttributeValue.fromS("TENANT#" + tenant));
			item.put("sk", AttributeValue.fromS("PROJECT#p-" + i));
			item.put("name", AttributeValue.fromS("Project " + i));
			local().putItem((request) -> request.tableName(table).item(item));
		}
	}

	private List<Map<String, AttributeValue>> partition(String table, String tenant) {
		return local()
			.query((request) -> request.tableName(table)
				.keyConditionExpression("pk = :pk")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("TENANT#" + tenant)))
				.consistentRead(true))
			.items();
	}

	private static ConfigurableApplicationContext run(String... args) {
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		return SpringApplication.from(SampleApplication::main).run(all).getApplicationContext();
	}

	@Test
	void thePurgeCommandExportsAndPurgesTheTenantAndCloses() throws Exception {
		String tenant = "leaving-" + UUID.randomUUID().toString().substring(0, 8);
		seed(TABLE, tenant, 30);
		Path export = this.directory.resolve(tenant + ".jsonl");

		ConfigurableApplicationContext context = run("--tenancy.lifecycle.purge=" + tenant,
				"--tenancy.lifecycle.export-file=" + export, "--tenancy.lifecycle.initiator=LifecycleCommandTests",
				"--tenancy.lifecycle.no-serving-instances=true");

		assertThat(context.isActive()).as("closed after the command").isFalse();
		assertThat(partition(TABLE, tenant)).isEmpty();
		assertThat(TenantExport.read(Files.newBufferedReader(export))).hasSize(30)
			.allSatisfy((item) -> assertThat(item.table()).isEqualTo(TABLE));
		assertThat(partition(TABLE, "acme")).as("another tenant's items stay").isNotEmpty();
	}

	@Test
	void aMoveWithoutATargetTierFailsTheStartNamingTheProperty() {
		assertThatException().isThrownBy(() -> run("--tenancy.lifecycle.move=acme"))
			.withMessageContaining("tenancy.lifecycle.to");
		assertThat(partition(TABLE, "acme")).as("nothing moved").isNotEmpty();
	}

	@Test
	@DisplayName("#16 the move and purge commands are refused unless no other instance serves the tenant")
	void commandsThatChangeDataRequireThatNoInstanceServesTheTenant() {
		String tenant = "unconfirmed-" + UUID.randomUUID().toString().substring(0, 8);
		seed(TABLE, tenant, 3);
		this.kit.createSiloTable(TABLE, TABLE + "-" + tenant);

		assertThatException().isThrownBy(() -> run("--tenancy.lifecycle.move=" + tenant, "--tenancy.lifecycle.to=silo"))
			.withMessageContaining("tenancy.lifecycle.no-serving-instances");
		assertThatException().isThrownBy(() -> run("--tenancy.lifecycle.purge=" + tenant))
			.withMessageContaining("tenancy.lifecycle.no-serving-instances");
		assertThat(partition(TABLE, tenant)).as("nothing moved or purged").hasSize(3);
		assertThat(partition(TABLE + "-" + tenant, tenant)).isEmpty();
	}

	@Test
	void theMoveCommandMovesThePooledTenantToItsSiloTableAndCloses() {
		String tenant = "moving-" + UUID.randomUUID().toString().substring(0, 8);
		String silo = TABLE + "-" + tenant;
		seed(TABLE, tenant, 40);
		this.kit.createSiloTable(TABLE, silo);

		ConfigurableApplicationContext context = run("--tenancy.lifecycle.move=" + tenant,
				"--tenancy.lifecycle.to=silo", "--tenancy.lifecycle.journal-directory=" + this.directory,
				"--tenancy.lifecycle.no-serving-instances=true");

		assertThat(context.isActive()).isFalse();
		assertThat(partition(silo, tenant)).hasSize(40);
		assertThat(partition(TABLE, tenant)).isEmpty();
		assertThat(this.directory).isEmptyDirectory();
	}

}
