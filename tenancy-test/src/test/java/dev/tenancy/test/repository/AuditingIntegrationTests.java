package dev.tenancy.test.repository;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.repository.auditing.EnableTenancyAuditing;
import dev.tenancy.test.TenancyTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.AuditorAware;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Auditing against the test kit (guard and IAM-enforcing gateway): each tenant's writes are audited as that tenant,
 * in its own partition, and another tenant's item with the same id keeps its own audit.
 */
@SpringJUnitConfig(AuditingIntegrationTests.Audited.class)
class AuditingIntegrationTests {

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private TenancyTestKit kit;

	@Test
	void eachTenantsWritesAreAuditedAsThatTenantInItsOwnPartition() {
		Project saved = TenantContext.callAs(this.acme,
				() -> this.projects.save(new Project("p-1", "Apollo", ProjectStatus.OPEN, 1)));
		TenantContext.runAs(this.globex, () -> this.projects.save(new Project("p-1", "Gemini", ProjectStatus.OPEN, 1)));
		Project resaved = TenantContext.callAs(this.acme, () -> {
			saved.setName("Apollo 11");
			return this.projects.save(saved);
		});

		assertThat(saved.getCreatedBy()).isEqualTo("auditor of " + this.acme);
		assertThat(resaved.getCreatedAt()).isEqualTo(saved.getCreatedAt());
		assertThat(stored(this.acme)).containsEntry("createdBy", AttributeValue.fromS("auditor of " + this.acme))
			.containsEntry("name", AttributeValue.fromS("Apollo 11"));
		assertThat(stored(this.globex)).containsEntry("createdBy", AttributeValue.fromS("auditor of " + this.globex))
			.containsEntry("name", AttributeValue.fromS("Gemini"));
	}

	private Map<String, AttributeValue> stored(TenantId tenant) {
		return this.kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(RepositoryTestConfiguration.TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS("PROJECT#p-1")))
				.consistentRead(true))
			.item();
	}

	@Configuration(proxyBeanMethods = false)
	@Import(RepositoryTestConfiguration.class)
	@EnableTenancyAuditing
	static class Audited {

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.of("auditor of " + TenantContext.require("auditing"));
		}

	}

}
