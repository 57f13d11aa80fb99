package dev.tenancy.aop;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

class CrossTenantInterceptorTests {

	private final DynamoDbClient crossTenantClient = mock(DynamoDbClient.class);

	private final CrossTenantAccess access = new CrossTenantAccess(this.crossTenantClient);

	private final List<String> events = new ArrayList<>();

	private final Lookup lookup = proxy(new Lookup(this.access));

	private Lookup proxy(Lookup target) {
		ProxyFactory factory = new ProxyFactory(target);
		factory.setProxyTargetClass(true);
		factory.addAdvisor(new CrossTenantAdvisor(new CrossTenantInterceptor((method, justification,
				tenant) -> this.events.add(method + " | " + justification + " | " + tenant))));
		return (Lookup) factory.getProxy();
	}

	@Test
	void theCrossTenantClientWorksInsideACrossTenantMethodAndTheCallIsReported() {
		given(this.crossTenantClient.query(any(QueryRequest.class))).willReturn(QueryResponse.builder().count(1).build());

		assertThat(this.lookup.tenantOf("ann@example.com")).isEqualTo(1);
		assertThat(TenantContext.callAs(TenantId.of("acme"), () -> this.lookup.tenantOf("bob@example.com")))
			.isEqualTo(1);
		assertThat(this.events).containsExactly(
				"CrossTenantInterceptorTests.Lookup.tenantOf | Sign-in: find the tenant of a login e-mail | null",
				"CrossTenantInterceptorTests.Lookup.tenantOf | Sign-in: find the tenant of a login e-mail | acme");
		assertThat(CrossTenantAccess.currentJustification()).isEmpty();
	}

	@Test
	void theCrossTenantClientFailsOutsideACrossTenantMethodBeforeAnyRequest() {
		assertThatIllegalStateException().isThrownBy(() -> this.lookup.leaked("ann@example.com"))
			.withMessageStartingWith("The cross-tenant DynamoDB client was used for 'query' outside a @CrossTenant "
					+ "method on thread '");
		assertThatIllegalStateException()
			.isThrownBy(() -> this.access.client().query(QueryRequest.builder().tableName("logins").build()));
		verifyNoInteractions(this.crossTenantClient);
		assertThat(this.events).isEmpty();
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

		int leaked(String email) {
			return query(email);
		}

		private int query(String email) {
			return this.access.client().query(QueryRequest.builder().tableName("logins").indexName("byEmail").build())
				.count();
		}

	}

}
