package dev.tenancy.autoconfigure.repository;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.core.support.AbstractRepositoryMetadata;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.autoconfigure.TenancyKeySchemaCustomizer;
import dev.tenancy.iam.DynamoDbKeySchema;
import dev.tenancy.repository.core.TenancyMappingContext;
import dev.tenancy.repository.support.TenancyRepositoryFactoryBean;

/**
 * Declares the tables and tenant indexes of the entities of the registered tenant-scoped repositories in the key
 * schema, so that the generated policies grant what the repositories use without repeating it in
 * {@code tenancy.tables}. Tables already declared there are left as declared.
 * <p>
 * The entity types are read from the repository bean definitions, without creating any repository: the repositories
 * depend, through the tenant-scoped client and the guard, on the policies this schema feeds.
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
	 * @return the tenant entity types of the registered tenant-scoped repositories
	 */
	List<Class<?>> entityTypes() {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String name : this.beanFactory.getBeanNamesForType(TenancyRepositoryFactoryBean.class, true, false)) {
			BeanDefinition definition = this.beanFactory
				.getMergedBeanDefinition(BeanFactoryUtils.transformedBeanName(name));
			Class<?> domainType = tenantEntityType(definition);
			if (domainType != null) {
				types.add(domainType);
			}
		}
		return new ArrayList<>(types);
	}

	/**
	 * @param definition the bean definition of a tenant-scoped repository factory bean
	 * @return the repository's domain type if it is a tenant entity, otherwise {@literal null}
	 */
	@Nullable Class<?> tenantEntityType(BeanDefinition definition) {
		Class<?> repositoryInterface = repositoryInterface(definition);
		if (repositoryInterface == null) {
			return null;
		}
		Class<?> domainType = AbstractRepositoryMetadata.getMetadata(repositoryInterface).getDomainType();
		return AnnotatedElementUtils.hasAnnotation(domainType, TenantEntity.class) ? domainType : null;
	}

	private @Nullable Class<?> repositoryInterface(BeanDefinition definition) {
		ValueHolder argument = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
		Object value = (argument != null) ? argument.getValue() : null;
		if (value instanceof Class<?> type) {
			return type;
		}
		if (value instanceof String name) {
			return ClassUtils.resolveClassName(name, this.beanFactory.getBeanClassLoader());
		}
		return null;
	}

}
