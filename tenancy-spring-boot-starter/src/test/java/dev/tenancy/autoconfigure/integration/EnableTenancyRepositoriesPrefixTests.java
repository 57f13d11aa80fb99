package dev.tenancy.autoconfigure.integration;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.tenancy.autoconfigure.repository.sample.Note;
import dev.tenancy.autoconfigure.repository.sample.NoteRepository;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.repository.config.EnableTenancyRepositories;
import dev.tenancy.test.TenancyTest;
import dev.tenancy.test.TenancyTestKit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * #11 finding 6: with {@code @EnableTenancyRepositories} and {@code tenancy.table-name-prefix}, the repositories, the
 * template and the generated policies resolve table names through one mapping context, so the repositories address
 * the prefixed table the policy grants.
 */
@TenancyTest
class EnableTenancyRepositoriesPrefixTests {

	private static TenancyTestKit kit;

	private static String prefix;

	private static ConfigurableApplicationContext context;

	@BeforeAll
	static void startApplication(TenancyTestKit testKit) {
		kit = testKit;
		prefix = "explicit-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		kit.createTable(prefix + "notes", TableSchema.fromBean(Note.class));
		context = new SpringApplicationBuilder(ExplicitRepositoriesApplication.class).web(WebApplicationType.NONE)
			.properties("tenancy.region=" + kit.region().id(),
					"tenancy.sts.role-arn=" + TenancyTestKit.TENANT_ROLE_ARN,
					"tenancy.sts.endpoint=" + kit.stsEndpoint(), "tenancy.dynamodb.endpoint=" + kit.dynamoDbEndpoint(),
					"tenancy.table-name-prefix=" + prefix, "spring.main.banner-mode=off")
			.run();
	}

	@AfterAll
	static void stopApplication() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	@DisplayName("#11 finding 6 repositories of @EnableTenancyRepositories address the prefixed table the policy grants")
	void repositoriesAddressThePrefixedTableThePolicyGrants() {
		NoteRepository notes = context.getBean(NoteRepository.class);
		TenantContext.runAs(TenantId.of("coyote"), () -> {
			Note note = new Note();
			note.setId("1");
			note.setAuthor("wile");
			notes.save(note);
			assertThat(notes.findById("1")).map(Note::getAuthor).contains("wile");
			assertThat(notes.findByAuthor("wile")).extracting(Note::getId).containsExactly("1");
		});
		Map<String, AttributeValue> stored = kit.dynamoDbLocalClient()
			.getItem((request) -> request.tableName(prefix + "notes")
				.key(Map.of("pk", AttributeValue.fromS("TENANT#coyote"), "sk", AttributeValue.fromS("NOTE#1"))))
			.item();
		assertThat(stored).containsEntry("author", AttributeValue.fromS("wile"));
		assertThat(context.getBean(TenancyPolicies.class).keySchema().tables()).containsExactly(prefix + "notes");
	}

	@Test
	@DisplayName("#11 finding 6 the template, the starter and the policies share one mapping context")
	void oneMappingContextForTemplateRepositoriesAndPolicies() {
		TenancyMappingContext shared = context.getBean(TenancyMappingContext.class);
		assertThat(context.getBean(TenancyOperations.class).mappingContext()).isSameAs(shared);
		assertThat(shared.getRequiredMetadata(Note.class).tableName()).isEqualTo(prefix + "notes");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableTenancyRepositories(basePackageClasses = NoteRepository.class)
	static class ExplicitRepositoriesApplication {

		@Bean
		AwsCredentialsProvider baseCredentials() {
			return kit.baseCredentialsProvider();
		}

	}

}
