package dev.tenancy.repository.support;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.observation.DefaultRepositoryObservationConvention;
import dev.tenancy.observation.RepositoryObservationContext;
import dev.tenancy.observation.TenancyObservationEvents;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.TenantScopedRepository;

import org.springframework.aop.framework.Advised;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/**
 * Each repository call is one observation, made inside the tenant scope, with entity, operation and outcome as
 * low-cardinality keys and the tenant as a high-cardinality key; the guard's denials and STS calls are events of it.
 */
class RepositoryObservationTests {

	private final TenancyOperations operations = mock(TenancyOperations.class);

	private final AtomicReference<Optional<TenantId>> principal = new AtomicReference<>(Optional.empty());

	private final Recorder recorder = new Recorder();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private ProjectRepository repository;

	@BeforeEach
	void repository() {
		this.registry.observationConfig().observationHandler(this.recorder);
		given(this.operations.mappingContext()).willReturn(new TenancyMappingContext());
		TenancyRepositoryFactory factory = new TenancyRepositoryFactory(this.operations);
		factory.addRepositoryProxyPostProcessor(new TenantScopedRepositoryProxyPostProcessor(this.principal::get));
		factory.addRepositoryProxyPostProcessor(new RepositoryObservationProxyPostProcessor(this.registry, null));
		this.repository = factory.getRepository(ProjectRepository.class);
	}

	@Test
	void aCallIsObservedAsTheTenantOfTheCaller() {
		AtomicReference<Observation> current = new AtomicReference<>();
		given(this.operations.findAll(Project.class)).willAnswer((invocation) -> {
			current.set(this.registry.getCurrentObservation());
			return List.of(new Project("p-1", "Apollo", null));
		});
		this.principal.set(Optional.of(TenantId.of("acme")));

		this.repository.findAll();

		RepositoryObservationContext context = this.recorder.only();
		assertThat(context.getName()).isEqualTo(DefaultRepositoryObservationConvention.NAME);
		assertThat(context.getContextualName()).isEqualTo("Project.findAll");
		assertThat(context.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
				KeyValue.of("tenancy.entity", "Project"), KeyValue.of("tenancy.operation", "findAll"),
				KeyValue.of("tenancy.outcome", "success"));
		assertThat(context.getHighCardinalityKeyValues()).containsExactly(KeyValue.of("tenancy.tenant", "acme"));
		assertThat(current.get()).as("the operation runs inside the observation's scope").isNotNull();
		assertThat(current.get().getContext()).isSameAs(context);
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	@DisplayName("A call refused by the guard is observed with outcome 'denied', the error and a 'denied' event")
	void aDenialIsObservedAsDenied() {
		TenancyObservationEvents events = new TenancyObservationEvents(this.registry);
		given(this.operations.findAll(Project.class)).willAnswer((invocation) -> {
			events.onDenied(TenantId.of("acme"), "Query", denial());
			throw new TenantAccessDeniedException("acme", "dynamodb:Query", "arn:aws:dynamodb:eu-west-1:1:table/t",
					EnforcementLayer.GUARD, "no session policy allows it", null);
		});
		this.principal.set(Optional.of(TenantId.of("acme")));

		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(this.repository::findAll);

		RepositoryObservationContext context = this.recorder.only();
		assertThat(context.getLowCardinalityKeyValue("tenancy.outcome").getValue()).isEqualTo("denied");
		assertThat(context.getError()).isInstanceOf(TenantAccessDeniedException.class);
		assertThat(this.recorder.events).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("denied");
			assertThat(event.getContextualName()).isEqualTo("denied dynamodb:Query for tenant acme");
		});
	}

	@Test
	void anStsCallDuringTheOperationIsAnEventOfIt() {
		TenancyObservationEvents events = new TenancyObservationEvents(this.registry);
		given(this.operations.count(Project.class)).willAnswer((invocation) -> {
			events.onAssumeRole(TenantId.of("acme"), Duration.ofMillis(12), null);
			return 3L;
		});
		this.principal.set(Optional.of(TenantId.of("acme")));

		assertThat(this.repository.count()).isEqualTo(3L);

		assertThat(this.recorder.events).singleElement().satisfies((event) -> {
			assertThat(event.getName()).isEqualTo("sts.assume-role");
			assertThat(event.getContextualName()).isEqualTo("sts:AssumeRole for tenant acme succeeded in 12 ms");
		});
	}

	@Test
	void anEventWithNoObservationInProgressIsDropped() {
		TenancyObservationEvents events = new TenancyObservationEvents(this.registry);

		events.onAssumeRole(TenantId.of("acme"), Duration.ofMillis(12), new IllegalStateException("boom"));
		events.onDenied(TenantId.of("acme"), "Query", denial());

		assertThat(this.recorder.events).isEmpty();
	}

	@Test
	void anyOtherFailureIsObservedAsAnError() {
		given(this.operations.count(Project.class)).willThrow(new DataAccessResourceFailureException("down"));
		this.principal.set(Optional.of(TenantId.of("globex")));

		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(this.repository::count);

		RepositoryObservationContext context = this.recorder.only();
		assertThat(context.getLowCardinalityKeyValue("tenancy.outcome").getValue()).isEqualTo("error");
		assertThat(context.getHighCardinalityKeyValue("tenancy.tenant").getValue()).isEqualTo("globex");
	}

	@Test
	void aMissingTenantFailsBeforeAnyObservation() {
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.repository::count);

		assertThat(this.recorder.stopped).isEmpty();
	}

	@Test
	void objectMethodsAreNotObserved() {
		this.principal.set(Optional.of(TenantId.of("acme")));
		this.repository.toString();
		this.repository.hashCode();

		assertThat(this.recorder.stopped).isEmpty();
	}

	@Test
	void withANoopRegistryNothingIsAdded() {
		given(this.operations.mappingContext()).willReturn(new TenancyMappingContext());
		TenancyRepositoryFactory factory = new TenancyRepositoryFactory(this.operations);
		factory.addRepositoryProxyPostProcessor(
				new RepositoryObservationProxyPostProcessor(ObservationRegistry.NOOP, null));

		ProjectRepository plain = factory.getRepository(ProjectRepository.class);

		assertThat(((Advised) plain).getAdvisors())
			.noneMatch((advisor) -> advisor.getAdvice() instanceof RepositoryObservationInterceptor);
	}

	private static Decision denial() {
		AuthorizationRequest request = new AuthorizationRequest("dynamodb:Query",
				"arn:aws:dynamodb:eu-west-1:123456789012:table/app", Map.of(), "Query");
		return new Decision(Outcome.IMPLICIT_DENY, request, null, null, "not authorized");
	}

	@TenantScoped
	interface ProjectRepository extends TenantScopedRepository<Project, String> {

	}

	static final class Recorder implements ObservationHandler<Observation.Context> {

		final List<RepositoryObservationContext> stopped = new CopyOnWriteArrayList<>();

		final List<Observation.Event> events = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add((RepositoryObservationContext) context);
		}

		@Override
		public void onEvent(Observation.Event event, Observation.Context context) {
			this.events.add(event);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		RepositoryObservationContext only() {
			assertThat(this.stopped).hasSize(1);
			return this.stopped.get(0);
		}

	}

}
