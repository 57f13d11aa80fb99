package dev.tenancy.aop;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.annotation.CrossTenant;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CrossTenantAccessVerifierTests {

	@Test
	void annotationsNamingExistingAccessesStart() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(Accesses.class,
				NamedLookup.class, DefaultMarker.class)) {
			assertThat(context.getBean(NamedLookup.class).access()).isEqualTo("login-lookup");
		}
	}

	@Test
	@DisplayName("TH-21: a @CrossTenant annotation that names no CrossTenantAccess bean fails the start")
	void th21UnknownAccessFailsTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AnnotationConfigApplicationContext(Accesses.class, MisspeltLookup.class).close())
			.withMessageContaining("@CrossTenant on 'CrossTenantAccessVerifierTests.MisspeltLookup.tenantOf' names "
					+ "cross-tenant access 'login-lokup', but no CrossTenantAccess bean has that name (the accesses "
					+ "are [login-lookup, reports])");
	}

	@Test
	@DisplayName("TH-21: a @CrossTenant class that names no CrossTenantAccess bean fails the start")
	void th21UnknownAccessOnTheClassFailsTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AnnotationConfigApplicationContext(Accesses.class, MisspeltDirectory.class).close())
			.withMessageContaining("names cross-tenant access 'directory'");
	}

	@Test
	@DisplayName("TH-21: two accesses with one name fail the start")
	void th21DuplicateAccessNamesFailTheStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new AnnotationConfigApplicationContext(Accesses.class, DuplicateAccess.class).close())
			.withMessageContaining("are both cross-tenant access 'login-lookup'");
	}

	static CrossTenantAccess access(String name) {
		return CrossTenantAccess.builder()
			.name(name)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.client((client) -> client.region(Region.EU_WEST_1))
			.build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenantScoping
	static class Accesses {

		@Bean
		CrossTenantAccess loginLookup() {
			return access("login-lookup");
		}

		@Bean
		CrossTenantAccess reports() {
			return access("reports");
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Import(Accesses.class)
	static class DuplicateAccess {

		@Bean
		CrossTenantAccess anotherLoginLookup() {
			return access("login-lookup");
		}

	}

	static class NamedLookup {

		@CrossTenant(access = "login-lookup", value = "Sign-in")
		String access() {
			return CrossTenantAccess.currentAccess().orElseThrow();
		}

	}

	@CrossTenant("Marks a job that switches tenants")
	static class DefaultMarker {

	}

	static class MisspeltLookup {

		@CrossTenant(access = "login-lokup", value = "Sign-in")
		void tenantOf() {
		}

	}

	@CrossTenant(access = "directory", value = "Directory of all tenants")
	static class MisspeltDirectory {

	}

}
