package dev.tenancy.autoconfigure.repository;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mapping.MappingException;

import dev.tenancy.autoconfigure.InvalidTenancyConfigurationException;
import dev.tenancy.autoconfigure.StubAwsConfiguration;
import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.repository.overlapping.OverlappingConfiguration;
import dev.tenancy.autoconfigure.repository.sample.Note;
import dev.tenancy.autoconfigure.repository.sample.NoteRepository;
import dev.tenancy.autoconfigure.repository.sample.SampleConfiguration;
import dev.tenancy.autoconfigure.repository.templateonly.Invoice;
import dev.tenancy.autoconfigure.repository.templateonly.TemplateOnlyConfiguration;
import dev.tenancy.core.TableNameResolver;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.config.EnableTenancyRepositories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TenancyRepositoriesAutoConfiguration}.
 */
class TenancyRepositoriesAutoConfigurationTests {

	private static final String NOTES_ARN = "arn:aws:dynamodb:eu-central-1:123456789012:table/dev-notes";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TenancyAutoConfiguration.class, TenancyRepositoriesAutoConfiguration.class))
		.withUserConfiguration(SampleConfiguration.class, StubAwsConfiguration.class)
		.withPropertyValues("tenancy.region=eu-central-1",
				"tenancy.sts.role-arn=arn:aws:iam::123456789012:role/tenant-data", "tenancy.table-name-prefix=dev-");

	@Test
	void registersRepositoriesOnATemplateWithThePrefixAndGrantsTheirTablesAndIndexes() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(NoteRepository.class);
			assertThat(context.getBean(TenancyRepositoriesAutoConfiguration.TENANCY_TEMPLATE))
				.isInstanceOf(TenancyTemplate.class);
			assertThat(context.getBean(TenancyMappingContext.class)
				.getRequiredMetadata(Note.class)
				.tableName()).isEqualTo("dev-notes");
			assertThat(context.getBean(TenancyPolicies.class).resources()).containsExactly(NOTES_ARN,
					NOTES_ARN + "/index/byAuthor");
		});
	}

	@Test
	void theMappingContextStartsWithTheScannedTenantEntitiesAndThePoliciesGrantTheirTables() {
		this.contextRunner.withUserConfiguration(TemplateOnlyConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			TenancyMappingContext mappingContext = context.getBean(TenancyMappingContext.class);
			assertThat(mappingContext.getTenantEntityTypes()).contains(Invoice.class, Note.class);
			assertThat(context.getBean(TenancyPolicies.class).resources())
				.contains("arn:aws:dynamodb:eu-central-1:123456789012:table/dev-invoices");
		});
	}

	@Test
	void scannedTenantEntitiesWithOverlappingPrefixesFailTheStartup() {
		this.contextRunner.withUserConfiguration(OverlappingConfiguration.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MappingException.class)
				.hasMessageContaining("overlapping prefixes")
				.hasMessageContaining("'INVOICE#'")
				.hasMessageContaining("'INVOICE#ARCHIVE#'");
		});
	}

	@Test
	void tablesDeclaredByPropertiesAreKeptAndEntityTablesAdded() {
		this.contextRunner.withPropertyValues("tenancy.tables.audit.partition-key=pk").run((context) -> {
			assertThat(context.getBean(TenancyPolicies.class).resources()).containsExactly(
					"arn:aws:dynamodb:eu-central-1:123456789012:table/dev-audit", NOTES_ARN,
					NOTES_ARN + "/index/byAuthor");
		});
	}

	@Test
	void usesAUserDefinedTableNameResolver() {
		this.contextRunner.withBean(TableNameResolver.class, () -> TableNameResolver.prefixed("qa-"))
			.run((context) -> assertThat(context.getBean(TenancyPolicies.class).resources())
				.contains("arn:aws:dynamodb:eu-central-1:123456789012:table/qa-notes"));
	}

	@Test
	void backsOffWhenEnableTenancyRepositoriesIsDeclared() {
		this.contextRunner.withUserConfiguration(ExplicitRepositories.class).run((context) -> {
			assertThat(context).hasSingleBean(NoteRepository.class);
			AbstractBeanDefinition template = (AbstractBeanDefinition) context.getBeanFactory()
				.getBeanDefinition(TenancyRepositoriesAutoConfiguration.TENANCY_TEMPLATE);
			assertThat(template.getFactoryMethodName()).as("the extension's default template, not the starter's")
				.isNull();
			assertThat(context.getBean(TenancyPolicies.class).resources()).contains(NOTES_ARN);
		});
	}

	@Test
	@DisplayName("#11 finding 6 with @EnableTenancyRepositories the template resolves the prefixed table the policy grants")
	void enableTenancyRepositoriesSharesTheMappingContextAndThePrefix() {
		this.contextRunner.withUserConfiguration(ExplicitRepositories.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(TenancyMappingContext.class);
			TenancyMappingContext shared = context.getBean(TenancyMappingContext.class);
			TenancyOperations template = context.getBean(TenancyRepositoriesAutoConfiguration.TENANCY_TEMPLATE,
					TenancyOperations.class);
			assertThat(template.mappingContext()).isSameAs(shared);
			assertThat(shared.getRequiredMetadata(Note.class).tableName()).isEqualTo("dev-notes");
			assertThat(context.getBean(TenancyPolicies.class).resources()).containsExactly(NOTES_ARN,
					NOTES_ARN + "/index/byAuthor");
		});
	}

	@Test
	@DisplayName("#11 finding 6 a template on another mapping context, addressing a table the policy does not grant, fails the startup")
	void aTemplateThatAddressesAnUngrantedTableFailsTheStartup() {
		this.contextRunner.withUserConfiguration(TemplateOnItsOwnMappingContext.class)
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).isInstanceOf(InvalidTenancyConfigurationException.class)
					.hasMessageContaining("'noteRepository'")
					.hasMessageContaining("table 'notes'")
					.hasMessageContaining("[dev-notes]")
					.hasMessageContaining("'tenancyMappingContext'");
			});
	}

	@Test
	void disabledByProperty() {
		this.contextRunner.withPropertyValues("tenancy.repositories.enabled=false", "tenancy.tables.notes.partition-key=pk")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(NoteRepository.class);
				assertThat(context).doesNotHaveBean(TenancyTemplate.class);
				assertThat(context).doesNotHaveBean(TenancyRepositoriesKeySchemaCustomizer.class);
			});
	}

	@Test
	void absentWithoutTheRepositoryApi() {
		this.contextRunner.withPropertyValues("tenancy.tables.notes.partition-key=pk")
			.withClassLoader(new FilteredClassLoader(TenantScopedRepository.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(TenancyTemplate.class);
				assertThat(context).doesNotHaveBean(TenancyMappingContext.class);
			});
	}

	@Test
	void absentWhenTenancyIsDisabled() {
		this.contextRunner.withPropertyValues("tenancy.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(TenancyTemplate.class));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenancyRepositories(basePackageClasses = NoteRepository.class)
	static class ExplicitRepositories {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenancyRepositories(basePackageClasses = NoteRepository.class)
	static class TemplateOnItsOwnMappingContext {

		@Bean(TenancyRepositoriesAutoConfiguration.TENANCY_TEMPLATE)
		TenancyTemplate tenancyTemplate(
				@Qualifier(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT) DynamoDbClient client,
				TenantKeyTemplate tenantKeyTemplate) {
			return new TenancyTemplate(client, tenantKeyTemplate);
		}

	}

}
