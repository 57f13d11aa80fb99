package dev.tenancy.autoconfigure.repository;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.Assert;

import dev.tenancy.autoconfigure.TenancyKeySchemaCustomizer;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.repository.config.TenantRepositoryDefinitions;

/**
 * Declares the tables and tenant indexes of the entities of the registered tenant-scoped repositories in the key
 * schema, so that the generated policies grant what the repositories use without repeating it in
 * {@code tenancy.tables}. Tables already declared there are left as declared.
 * <p>
 * The entity types are read from the repository bean definitions, without creating any repository (the repositories
 * depend, through the tenant-scoped client and the guard, on the policies this schema feeds), and from the mapping
 * context's entities, which include the scanned {@code @TenantEntity} classes.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyRepositoriesKeySchemaCustomizer implements TenancyKeySchemaCustomizer {

	private final ConfigurableListableBeanFactory beanFactory;

	private final TenancyMappingContext mappingContext;

	private final Set<String> declaredTables;

	/**
	 * @param beanFactory the bean factory holding the repository definitions, must not be {@literal null}
	 * @param mappingContext the mapping context of the repositories, must not be {@literal null}
	 * @param declaredTables the physical names of the tables declared otherwise, which are left as declared
	 */
	public TenancyRepositoriesKeySchemaCustomizer(ConfigurableListableBeanFactory beanFactory,
			TenancyMappingContext mappingContext, Set<String> declaredTables) {
		Assert.notNull(beanFactory, "BeanFactory must not be null");
		Assert.notNull(mappingContext, "TenancyMappingContext must not be null");
		Assert.notNull(declaredTables, "Declared tables must not be null");
		this.beanFactory = beanFactory;
		this.mappingContext = mappingContext;
		this.declaredTables = Set.copyOf(declaredTables);
	}

	@Override
	public void customize(DynamoDbKeySchema.Builder builder) {
		List<Class<?>> entityTypes = entityTypes();
		if (entityTypes.isEmpty()) {
			return;
		}
		DynamoDbKeySchema derived = this.mappingContext.keySchema(entityTypes);
		for (String table : derived.tables()) {
			if (this.declaredTables.contains(table)) {
				continue;
			}
			builder.table(table, String.valueOf(derived.partitionKey(table)), derived.sortKey(table));
			for (String index : derived.indexes(table)) {
				builder.index(table, index, String.valueOf(derived.partitionKey(table, index)),
						derived.sortKey(table, index));
			}
		}
	}

	/**
	 * @return the tenant entity types of the registered tenant-scoped repositories and of the mapping context (its
	 * initial entity set: the scanned {@code @TenantEntity} classes, also those used only through the template)
	 */
	List<Class<?>> entityTypes() {
		Set<Class<?>> types = new LinkedHashSet<>(TenantRepositoryDefinitions.tenantEntityTypes(this.beanFactory));
		types.addAll(this.mappingContext.getTenantEntityTypes());
		return List.copyOf(types);
	}

	/**
	 * @param definition the bean definition of a tenant-scoped repository factory bean
	 * @return the repository's domain type if it is a tenant entity, otherwise {@literal null}
	 */
	@Nullable Class<?> tenantEntityType(BeanDefinition definition) {
		return TenantRepositoryDefinitions.tenantEntityType(definition, this.beanFactory.getBeanClassLoader());
	}

}
