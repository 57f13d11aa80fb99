package dev.tenancy.aop;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantAwarePrincipal;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EnableTenantScopingTests {

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aTenantScopedBeanRunsInThePrincipalsTenant() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
			Reports reports = context.getBean(Reports.class);
			TenantAwarePrincipal principal = () -> "acme";
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken(principal, null, "ROLE_USER"));

			assertThat(reports.tenant()).isEqualTo("acme");
			assertThat(TenantContext.current()).isEmpty();
		}
	}

	@Test
	@DisplayName("TH-7: an authenticated principal without a tenant claim fails closed")
	void th7PrincipalWithoutTenant() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken("alice", null, "ROLE_USER"));

			assertThatExceptionOfType(MissingTenantException.class).isThrownBy(context.getBean(Reports.class)::tenant)
				.withMessageContaining("'EnableTenantScopingTests.Reports.tenant'");
		}
	}

	@Test
	@DisplayName("TH-8: @Async work sees the caller's tenant, and the next task on the same thread sees none")
	void th8Async() throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
			Reports reports = context.getBean(Reports.class);

			Optional<TenantId> inScope = TenantContext
				.callAs(TenantId.of("acme"), reports::asyncTenant)
				.get(10, TimeUnit.SECONDS);
			Optional<TenantId> next = reports.asyncTenant().get(10, TimeUnit.SECONDS);

			assertThat(inScope).contains(TenantId.of("acme"));
			assertThat(next).isEmpty();
		}
	}

	@Test
	@DisplayName("TH-8: @Async from a thread with only an authenticated principal (a controller) runs as its tenant")
	void th8AsyncFromAThreadWithOnlyAPrincipal() throws Exception {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Config.class)) {
			Reports reports = context.getBean(Reports.class);
			TenantAwarePrincipal principal = () -> "acme";
			SecurityContextHolder.getContext()
				.setAuthentication(new TestingAuthenticationToken(principal, null, "ROLE_USER"));

			CompletableFuture<String> scoped = reports.asyncScopedTenant();
			Optional<TenantId> raw = reports.asyncTenant().get(10, TimeUnit.SECONDS);
			SecurityContextHolder.clearContext();
			CompletableFuture<String> anonymous = reports.asyncScopedTenant();

			assertThat(scoped.get(10, TimeUnit.SECONDS)).isEqualTo("acme");
			assertThat(raw).contains(TenantId.of("acme"));
			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> anonymous.get(10, TimeUnit.SECONDS))
				.withCauseInstanceOf(MissingTenantException.class)
				.withMessageContaining("the executor propagates it");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenantScoping
	@EnableAsync
	static class Config {

		@Bean
		ThreadPoolTaskExecutor taskExecutor() {
			ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
			executor.setCorePoolSize(1);
			executor.setTaskDecorator(new TenantTaskDecorator());
			return executor;
		}

		@Bean
		Reports reports() {
			return new Reports();
		}

	}

	static class Reports {

		@TenantScoped
		public String tenant() {
			return TenantContext.require("report").value();
		}

		@Async
		@TenantScoped
		public CompletableFuture<String> asyncScopedTenant() {
			return CompletableFuture.completedFuture(TenantContext.require("async report").value());
		}

		@Async
		public CompletableFuture<Optional<TenantId>> asyncTenant() {
			return CompletableFuture.completedFuture(TenantContext.current());
		}

	}

}
