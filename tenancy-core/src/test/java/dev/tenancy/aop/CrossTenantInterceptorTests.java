package dev.tenancy.aop;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.RecordingHttpClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CrossTenantInterceptorTests {

	private final RecordingHttpClient wire = new RecordingHttpClient();

	private final CrossTenantAccess access = CrossTenantAccess.builder()
		.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIALOOKUP", "secret")))
		.client((client) -> client.region(Region.EU_WEST_1).httpClient(this.wire))
		.build();

	private final List<String> events = new ArrayList<>();

	private final Lookup lookup = proxy(new Lookup(this.access));

	private Lookup proxy(Lookup target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new CrossTenantAdvisor(new CrossTenantInterceptor((method, justification,
				tenant) -> this.events.add(method + " | " + justification + " | " + tenant))));
		return (Lookup) factory.getProxy();
	}

	@AfterEach
	void close() {
		this.access.close();
	}

	@Test
	void theCrossTenantClientWorksInsideACrossTenantMethodAndTheCallIsReported() {
		this.wire.respondWith("{\"Count\":1,\"Items\":[]}");

		assertThat(this.lookup.tenantOf("ann@example.com")).isEqualTo(1);
		assertThat(TenantContext.callAs(TenantId.of("acme"), () -> this.lookup.tenantOf("bob@example.com")))
			.isEqualTo(1);
		assertThat(this.events).containsExactly(
				"CrossTenantInterceptorTests.Lookup.tenantOf | Sign-in: find the tenant of a login e-mail | null",
				"CrossTenantInterceptorTests.Lookup.tenantOf | Sign-in: find the tenant of a login e-mail | acme");
		assertThat(this.wire.requests).hasSize(2);
		assertThat(CrossTenantAccess.currentJustification()).isEmpty();
		assertThat(CrossTenantAccess.currentAccess()).isEmpty();
	}

	@Test
	void anAnnotationWithoutAccessUnlocksTheDefaultAccess() {
		assertThat(this.access.name()).isEqualTo(CrossTenant.DEFAULT_ACCESS);
		assertThat(this.lookup.current()).isEqualTo("default: Sign-in: find the tenant of a login e-mail");
	}

	@Test
	void theCrossTenantClientFailsOutsideACrossTenantMethodBeforeAnyRequest() {
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.lookup.leaked("ann@example.com"))
			.withMessageStartingWith("Cross-tenant access 'default': DynamoDB Query refused on thread '")
			.withMessageContaining("outside a @CrossTenant method");
		assertThatExceptionOfType(CrossTenantAccessDeniedException.class)
			.isThrownBy(() -> this.access.client().query(QueryRequest.builder().tableName("logins").build()));
		assertThat(this.wire.requests).isEmpty();
		assertThat(this.events).isEmpty();
	}

	@Test
	void theCallIsUnlockedAgainAfterTheMethodThrows() {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(this.lookup::fails);
		assertThat(CrossTenantAccess.currentAccess()).isEmpty();
	}

	static class Lookup {

		private final CrossTenantAccess access;

		Lookup(CrossTenantAccess access) {
			this.access = access;
		}

		@CrossTenant("Sign-in: find the tenant of a login e-mail")
		int tenantOf(String email) {
			return query(email);
		}

		@CrossTenant("Sign-in: find the tenant of a login e-mail")
		String current() {
			return CrossTenantAccess.currentAccess().orElseThrow() + ": "
					+ CrossTenantAccess.currentJustification().orElseThrow();
		}

		@CrossTenant("Sign-in: find the tenant of a login e-mail")
		void fails() {
			throw new IllegalArgumentException("boom");
		}

		int leaked(String email) {
			return query(email);
		}

		private int query(String email) {
			return this.access.client().query(QueryRequest.builder().tableName("logins").indexName("byEmail").build())
				.count();
		}

	}

}
