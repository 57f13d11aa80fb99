package dev.tenancy.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Tests for {@link WithTenant}.
 */
class WithTenantExtensionTests {

	private static final List<String> SEEN = new CopyOnWriteArrayList<>();

	@Test
	@WithTenant("acme")
	void bindsTheTenantDuringTheTest() {
		assertThat(TenantContext.currentOrNull()).isEqualTo(TenantId.of("acme"));
	}

	@Test
	void bindsNothingWithoutTheAnnotation() {
		assertThat(TenantContext.current()).isEmpty();
	}

	@Test
	void bindsAroundUserLifecycleMethodsAndUnbindsAfterAFailingTest() {
		SEEN.clear();
		LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(FailingFixture.class))
			.build();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();

		LauncherFactory.create().execute(request, listener);

		assertThat(listener.getSummary().getTestsFailedCount()).isEqualTo(1);
		assertThat(listener.getSummary().getFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.getException()).hasMessage("deliberate failure"));
		assertThat(SEEN).containsExactly("beforeEach acme", "test acme", "afterEach acme");
		assertThat(TenantContext.current()).as("tenant after the failed test").isEmpty();
	}

	@Test
	void rejectsAnInvalidTenantIdBeforeTheTestRuns() {
		SEEN.clear();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();

		LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
			.selectors(selectClass(InvalidTenantFixture.class))
			.build(), listener);

		assertThat(listener.getSummary().getFailures()).singleElement()
			.satisfies((failure) -> assertThat(failure.getException())
				.isInstanceOf(InvalidTenantIdException.class)
				.hasMessageContaining("'a*'"));
		assertThat(SEEN).isEmpty();
		assertThat(TenantContext.current()).isEmpty();
	}

	@Nested
	@WithTenant("outer")
	class OnTheClass {

		@Test
		void appliesToEveryTestOfTheClass() {
			assertThat(TenantContext.currentOrNull()).isEqualTo(TenantId.of("outer"));
		}

		@Test
		@WithTenant("inner")
		void annotationOnTheMethodWins() {
			assertThat(TenantContext.currentOrNull()).isEqualTo(TenantId.of("inner"));
		}

		@Nested
		class Deeper {

			@Test
			void appliesToNestedClassesToo() {
				assertThat(TenantContext.currentOrNull()).isEqualTo(TenantId.of("outer"));
			}

		}

	}

	/**
	 * Run only by {@link #bindsAroundUserLifecycleMethodsAndUnbindsAfterAFailingTest()}; not a {@code *Tests} class,
	 * so the build never runs it on its own.
	 */
	static class FailingFixture {

		@BeforeEach
		void before() {
			SEEN.add("beforeEach " + TenantContext.currentOrNull());
		}

		@Test
		@WithTenant("acme")
		void fails() {
			SEEN.add("test " + TenantContext.currentOrNull());
			throw new AssertionError("deliberate failure");
		}

		@AfterEach
		void after() {
			SEEN.add("afterEach " + TenantContext.currentOrNull());
		}

	}

	/**
	 * Run only by {@link #rejectsAnInvalidTenantIdBeforeTheTestRuns()}.
	 */
	static class InvalidTenantFixture {

		@Test
		@WithTenant("a*")
		void neverRuns() {
			SEEN.add("test " + TenantContext.currentOrNull());
		}

	}

}
