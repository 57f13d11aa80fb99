package dev.tenancy.repository.config;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.columns.ColumnRestrictions;
import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantAwarePrincipal;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.iam.policy.ColumnRestriction;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.TenantScopedRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;

class EnableTenancyRepositoriesTests {

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	private static void authenticate(String tenant) {
		TenantAwarePrincipal principal = () -> tenant;
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(principal, null, "ROLE_USER"));
	}

	@Test
	void repositoriesRunOnTheTemplateBeanAndResolveTheTenantFromSpringSecurity() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				WithTemplate.class)) {
			TenancyOperations operations = context.getBean(TenancyOperations.class);
			AtomicReference<Optional<TenantId>> seen = new AtomicReference<>();
			given(operations.findAll(Project.class)).willAnswer((invocation) -> {
				seen.set(TenantContext.current());
				return List.of();
			});
			ProjectRepository repository = context.getBean(ProjectRepository.class);

			authenticate("acme");
			repository.findAll();

			assertThat(seen.get()).contains(TenantId.of("acme"));
		}
	}

	@Test
	@DisplayName("TH-7: an anonymous call of a @TenantScoped repository fails closed")
	void th7Anonymous() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				WithTemplate.class)) {
			ProjectRepository repository = context.getBean(ProjectRepository.class);

			assertThatExceptionOfType(MissingTenantException.class).isThrownBy(repository::findAll)
				.withMessageContaining("@TenantScoped 'EnableTenancyRepositoriesTests.ProjectRepository.findAll'");
		}
	}

	@Test
	void registersADefaultTemplateOverTheClientAndKeyTemplateBeans() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(
				WithClient.class)) {
			assertThat(context.getBean("tenancyTemplate")).isInstanceOf(TenancyTemplate.class);
			assertThat(context.getBean(ProjectRepository.class)).isNotNull();
		}
	}

	@Test
	@SuppressWarnings("try")
	@DisplayName("TH-12 the default template shapes requests to the caller's access variant")
	void theDefaultTemplateAppliesColumnRestrictionsTH12() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(WithClient.class,
				WithColumnRestrictions.class)) {
			DynamoDbClient client = context.getBean(DynamoDbClient.class);
			given(client.getItem(any(GetItemRequest.class))).willReturn(GetItemResponse.builder().build());
			TenancyOperations template = context.getBean(TenancyOperations.class);
			try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
				assertThat(template.findById("p-1", Project.class)).isEmpty();
			}
			ArgumentCaptor<GetItemRequest> sent = ArgumentCaptor.forClass(GetItemRequest.class);
			then(client).should().getItem(sent.capture());
			assertThat(sent.getValue().projectionExpression()).isNotNull();
			assertThat(sent.getValue().expressionAttributeNames()).containsValues("pk", "sk", "name")
				.doesNotContainValue("owner");
		}
	}

	@Test
	@SuppressWarnings("try")
	void withoutColumnRestrictionsTheDefaultTemplateSendsRequestsUnchanged() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(WithClient.class)) {
			DynamoDbClient client = context.getBean(DynamoDbClient.class);
			given(client.getItem(any(GetItemRequest.class))).willReturn(GetItemResponse.builder().build());
			try (TenantScope scope = TenantContext.open(TenantId.of("acme"))) {
				context.getBean(TenancyOperations.class).findById("p-1", Project.class);
			}
			ArgumentCaptor<GetItemRequest> sent = ArgumentCaptor.forClass(GetItemRequest.class);
			then(client).should().getItem(sent.capture());
			assertThat(sent.getValue().projectionExpression()).isNull();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class WithColumnRestrictions {

		@Bean
		ColumnRestrictions columnRestrictions() {
			TenancyPolicies policies = TenancyPolicies.builder()
				.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
				.keySchema(DynamoDbKeySchema.builder().table("app", "pk", "sk").build())
				.build();
			AccessVariant restricted = AccessVariant.of("restricted");
			return ColumnRestrictions.builder(policies)
				.variant(restricted, ColumnRestriction.of("name"))
				.resolver(() -> restricted)
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenancyRepositories(considerNestedRepositories = true)
	static class WithTemplate {

		@Bean
		TenancyOperations tenancyTemplate() {
			TenancyOperations operations = mock(TenancyOperations.class);
			given(operations.mappingContext()).willReturn(new TenancyMappingContext());
			return operations;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenancyRepositories(considerNestedRepositories = true)
	static class WithClient {

		@Bean
		DynamoDbClient tenantScopedDynamoDbClient() {
			return mock(DynamoDbClient.class);
		}

		@Bean
		TenantKeyTemplate tenantKeyTemplate() {
			return TenantKeyTemplate.defaultTemplate();
		}

	}

	@TenantScoped
	interface ProjectRepository extends TenantScopedRepository<Project, String> {

	}

}
