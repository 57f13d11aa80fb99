package dev.tenancy.core;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.repository.Note;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.context.MappingContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TenancyMappingContext} as a Spring Data mapping context: its entities carry the tenant metadata,
 * an initial entity set is mapped and checked when it starts, and entity scanning finds the tenant entities of a
 * package.
 *
 * @author tenancy
 */
class TenancyMappingContextTests {

	@Test
	@DisplayName("a tenant entity is a Spring Data persistent entity carrying its tenant metadata")
	void tenantEntitiesArePersistentEntitiesWithTenantMetadata() {
		MappingContext<TenantPersistentEntity<?>, TenantPersistentProperty> context = new TenancyMappingContext();

		TenantPersistentEntity<?> entity = context.getRequiredPersistentEntity(Project.class);

		assertThat(entity.isTenantEntity()).isTrue();
		assertThat(entity.getRequiredTenantMetadata().sortKey().prefix()).isEqualTo("PROJECT#");
		assertThat(entity.getPersistentProperty("name")).isNotNull();
		assertThat(((TenancyMappingContext) context).getRequiredMetadata(Project.class))
			.isSameAs(entity.getRequiredTenantMetadata());
	}

	@Test
	@DisplayName("the key attributes that are not strings are known with their types, for declaring the tables")
	void keyAttributeTypesNameTheNonStringKeys() {
		TenancyMappingContext context = new TenancyMappingContext();
		context.getRequiredPersistentEntity(Project.class);

		assertThat(context.keyAttributeTypes())
			.containsExactly(Map.entry("priority", ScalarAttributeType.N));
	}

	@Test
	@DisplayName("types of the JDK and enums are simple, not entities of the context")
	void jdkTypesAreSimple() {
		TenancyMappingContext context = new TenancyMappingContext();
		context.getRequiredPersistentEntity(Project.class);

		assertThat(context.hasPersistentEntityFor(Instant.class)).isFalse();
		assertThat(context.hasPersistentEntityFor(ProjectStatus.class)).isFalse();
		assertThat(context.getTenantEntityTypes()).containsExactly(Project.class);
	}

	@Test
	@DisplayName("the initial entity set is mapped when the context starts")
	void theInitialEntitySetIsMappedOnStart() {
		TenancyMappingContext context = new TenancyMappingContext(TableNameResolver.prefixed("dev-"));
		context.setInitialEntitySet(Set.of(Project.class, Note.class));

		context.afterPropertiesSet();

		assertThat(context.getTenantEntityTypes()).containsExactlyInAnyOrder(Project.class, Note.class);
		assertThat(context.getRequiredMetadata(Note.class).tableName()).isEqualTo("dev-app");
	}

	@Test
	@DisplayName("an initial entity whose sort-key prefix overlaps another's fails the start, naming both, and is not kept")
	void overlappingInitialEntitiesFailTheStart() {
		TenancyMappingContext context = new TenancyMappingContext();
		context.setInitialEntitySet(new LinkedHashSet<>(
				List.of(Project.class, TenantEntityMetadataTests.Overlapping.class)));

		assertThatExceptionOfType(MappingException.class).isThrownBy(context::afterPropertiesSet)
			.withMessageContaining("overlapping prefixes")
			.withMessageContaining("'PROJECT#'")
			.withMessageContaining("'PROJECT#ARCHIVE#'");
		assertThat(context.getTenantEntityTypes()).containsExactly(Project.class);
		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> context.getRequiredMetadata(TenantEntityMetadataTests.Overlapping.class))
			.withMessageContaining("overlapping prefixes");
	}

	@Test
	@DisplayName("a type that is not a tenant entity is refused with the reason")
	void aPlainTypeIsRefused() {
		TenancyMappingContext context = new TenancyMappingContext();

		assertThatExceptionOfType(MappingException.class)
			.isThrownBy(() -> context.getRequiredMetadata(TenantEntityMetadataTests.Plain.class))
			.withMessageContaining("is not a tenant entity");
	}

	@Test
	@DisplayName("scanning a package finds its tenant entities")
	void scanningFindsTenantEntities() {
		Set<Class<?>> found = TenantEntityClasses.findIn(getClass().getClassLoader(), List.of("dev.tenancy.repository"));

		assertThat(found).contains(Project.class, Note.class).doesNotContain(ProjectStatus.class);
		assertThat(found).allSatisfy((type) -> assertThat(type.getPackageName()).startsWith("dev.tenancy.repository"));
	}

}
