package dev.tenancy.test.repository;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.observation.RepositoryObservationContext;
import dev.tenancy.observation.TenancyObservationEvents;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Repository observations against the test kit (guard and IAM-enforcing gateway): each tenant's calls are observed as
 * that tenant and see only its items, and a request for another tenant's item is denied and recorded as an event of
 * the caller's observation.
 */
@SpringJUnitConfig(RepositoryObservationIntegrationTests.ObservedApplication.class)
class RepositoryObservationIntegrationTests {

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private DynamoDbClient tenantScopedDynamoDbClient;

	@Autowired
	private ObservationRegistry registry;

	@Autowired
	private Recorder recorder;

	@BeforeEach
	void clear() {
		this.recorder.clear();
	}

	@Test
	void eachTenantsCallsAreObservedAsThatTenantAndSeeOnlyItsItems() {
		TenantContext.runAs(this.acme, () -> this.projects.save(new Project("p-1", "Apollo", ProjectStatus.OPEN, 1)));
		TenantContext.runAs(this.globex, () -> this.projects.save(new Project("p-2", "Gemini", ProjectStatus.OPEN, 1)));
		this.recorder.clear();

		List<Project> seenByAcme = TenantContext.callAs(this.acme, this.projects::findAll);
		List<Project> seenByGlobex = TenantContext.callAs(this.globex, () -> this.projects.findByStatus(ProjectStatus.OPEN));

		assertThat(seenByAcme).extracting(Project::getName).containsExactly("Apollo");
		assertThat(seenByGlobex).extracting(Project::getName).containsExactly("Gemini");
		assertThat(this.recorder.stopped).hasSize(2);
		assertThat(this.recorder.stopped.get(0).getContextualName()).isEqualTo("Project.findAll");
		assertThat(this.recorder.stopped.get(0).getHighCardinalityKeyValue("tenancy.tenant").getValue())
			.isEqualTo(this.acme.value());
		assertThat(this.recorder.stopped.get(1).getContextualName()).isEqualTo("Project.findByStatus");
		assertThat(this.recorder.stopped.get(1).getHighCardinalityKeyValue("tenancy.tenant").getValue())
			.isEqualTo(this.globex.value());
		assertThat(this.recorder.stopped).allSatisfy((context) -> assertThat(
				context.getLowCardinalityKeyValue("tenancy.outcome").getValue()).isEqualTo("success"));
	}

	@Test
	@DisplayName("A request for another tenant's item inside an observed call is denied and recorded as its event")
	void aCrossTenantRequestIsDeniedAndRecordedAsAnEventOfTheCallersObservation() {
		TenantContext.runAs(this.globex, () -> this.projects.save(new Project("p-9", "Secret", ProjectStatus.OPEN, 1)));
		this.recorder.clear();

		Observation observation = Observation.start("application.report", this.registry);
		try (Observation.Scope scope = observation.openScope()) {
			TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantAccessDeniedException.class)
				.isThrownBy(() -> this.tenantScopedDynamoDbClient.getItem((request) -> request
					.tableName(RepositoryObservationIntegrationTests.table())
					.key(Map.of("pk", AttributeValue.fromS("TENANT#" + this.globex), "sk",
							AttributeValue.fromS("PROJECT#p-9"))))));
		}
		finally {
			observation.stop();
		}

		assertThat(this.recorder.events).extracting(Observation.Event::getContextualName)
			.contains("denied dynamodb:GetItem for tenant " + this.acme);
	}

	static String table() {
		return RepositoryTestConfiguration.TABLE;
	}

	@Configuration(proxyBeanMethods = false)
	@Import(RepositoryTestConfiguration.class)
	static class ObservedApplication {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		ObservationRegistry observationRegistry(Recorder recorder) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(recorder);
			return registry;
		}

		@Bean
		TenancyObservationEvents tenancyObservationEvents(ObservationRegistry observationRegistry) {
			return new TenancyObservationEvents(observationRegistry);
		}

	}

	static final class Recorder implements ObservationHandler<Observation.Context> {

		final List<RepositoryObservationContext> stopped = new CopyOnWriteArrayList<>();

		final List<Observation.Event> events = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			if (context instanceof RepositoryObservationContext repository) {
				this.stopped.add(repository);
			}
		}

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			this.events.add(event);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		void clear() {
			this.stopped.clear();
			this.events.clear();
		}

	}

}
