package dev.tenancy.test.repository;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenantKeyMismatchException;
import dev.tenancy.core.event.AfterConvertCallback;
import dev.tenancy.core.event.AfterSaveEvent;
import dev.tenancy.core.event.BeforeConvertCallback;
import dev.tenancy.test.TenancyTestKit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Entity callbacks and events of the repositories against the test kit (guard and IAM-enforcing gateway): they run
 * for the caller's tenant, and a callback cannot write into another tenant's partition.
 */
@SpringJUnitConfig(EntityCallbacksIntegrationTests.WithCallbacks.class)
class EntityCallbacksIntegrationTests {

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private Stamps stamps;

	@Autowired
	private TenancyTestKit kit;

	@Autowired
	private SaveListener saveListener;

	@AfterEach
	void reset() {
		this.stamps.moveTo = null;
		this.saveListener.saved.clear();
	}

	@Test
	void callbacksAndEventsRunForTheCallersTenant() {
		TenantContext.runAs(this.acme, () -> this.projects.save(new Project("p-1", "Apollo", ProjectStatus.OPEN, 1)));

		Project read = TenantContext.callAs(this.acme, () -> this.projects.findById("p-1").orElseThrow());

		assertThat(stored(this.acme, "PROJECT#p-1")).containsEntry("owner", AttributeValue.fromS("stamped:" + this.acme));
		assertThat(read.getName()).isEqualTo("Apollo (read by " + this.acme + ")");
		assertThat(this.saveListener.saved).containsExactly("Project for " + this.acme);
	}

	@Test
	@DisplayName("A callback that points an entity at another tenant is refused; nothing reaches that tenant")
	void aCallbackCannotWriteIntoAnotherTenant() {
		this.stamps.moveTo = this.globex.value();

		assertThatExceptionOfType(TenantKeyMismatchException.class).isThrownBy(() -> TenantContext.runAs(this.acme,
				() -> this.projects.save(new Project("p-2", "Gemini", ProjectStatus.OPEN, 1))));

		assertThat(stored(this.globex, "PROJECT#p-2")).isEmpty();
		assertThat(stored(this.acme, "PROJECT#p-2")).isEmpty();
		assertThat(this.saveListener.saved).isEmpty();
	}

	private Map<String, AttributeValue> stored(TenantId tenant, String sortKey) {
		return this.kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(RepositoryTestConfiguration.TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS(sortKey)))
				.consistentRead(true))
			.item();
	}

	@Configuration(proxyBeanMethods = false)
	@Import(RepositoryTestConfiguration.class)
	static class WithCallbacks {

		@Bean
		Stamps stamps() {
			return new Stamps();
		}

		@Bean
		BeforeConvertCallback<Project> stampOwner(Stamps stamps) {
			return (project, table) -> {
				project.setOwner("stamped:" + TenantContext.require("stamp"));
				if (stamps.moveTo != null) {
					project.setTenant(stamps.moveTo);
				}
				return project;
			};
		}

		@Bean
		AfterConvertCallback<Project> markRead() {
			return (project, table) -> {
				project.setName(project.getName() + " (read by " + project.getTenant() + ")");
				return project;
			};
		}

		@Bean
		SaveListener saveListener() {
			return new SaveListener();
		}

	}

	static final class Stamps {

		volatile String moveTo;

	}

	static final class SaveListener {

		final List<String> saved = new CopyOnWriteArrayList<>();

		@EventListener
		void on(AfterSaveEvent<?> event) {
			this.saved.add(event.getEntity().getClass().getSimpleName() + " for " + event.getTenant());
		}

	}

}
