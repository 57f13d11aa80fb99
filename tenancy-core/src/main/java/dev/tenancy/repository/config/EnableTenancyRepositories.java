package dev.tenancy.repository.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tenancy.repository.support.TenancyRepositoryFactoryBean;

import org.springframework.beans.factory.support.BeanNameGenerator;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Import;
import org.springframework.data.repository.config.DefaultRepositoryBaseClass;
import org.springframework.data.repository.query.QueryLookupStrategy.Key;

/**
 * Enables tenant-scoped repositories: interfaces extending {@link dev.tenancy.repository.TenantScopedRepository} in
 * the given packages (by default the package of the annotated class) become beans whose every operation is confined
 * to the current tenant's partition.
 * <p>
 * The repositories run on the {@link dev.tenancy.core.TenancyOperations} bean named by
 * {@link #tenancyTemplateRef()}. When no bean of that name exists, a
 * {@link dev.tenancy.core.TenancyTemplate} is registered over the tenant-scoped {@code DynamoDbClient}
 * named by {@link #dynamoDbClientRef()}, the {@code TenantKeyTemplate} named by {@link #keyTemplateRef()} and the
 * {@link dev.tenancy.core.TenancyMappingContext} named by {@link #mappingContextRef()}. When no mapping
 * context of that name exists, one is registered that resolves table names with the application's
 * {@link dev.tenancy.core.TableNameResolver} bean (the declared names without one). Sharing that one
 * mapping context with whatever generates the tenants' policies keeps the tables the repositories address and the
 * tables the policies grant the same.
 *
 * @author tenancy
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(TenancyRepositoriesRegistrar.class)
public @interface EnableTenancyRepositories {

	/**
	 * Alias for {@link #basePackages()}.
	 * @return the base packages
	 */
	String[] value() default {};

	/**
	 * Base packages to scan for repository interfaces; {@link #value()} is an alias.
	 * @return the base packages
	 */
	String[] basePackages() default {};

	/**
	 * Type-safe alternative to {@link #basePackages()}: the package of each class is scanned.
	 * @return classes whose packages are scanned
	 */
	Class<?>[] basePackageClasses() default {};

	/**
	 * Types that are eligible for component scanning, narrowing the base packages.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Types that are not eligible for component scanning.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * The postfix of custom repository implementation class names.
	 * @return the postfix, {@literal Impl} by default
	 */
	String repositoryImplementationPostfix() default "Impl";

	/**
	 * Where to find named queries; tenant-scoped repositories derive every query from method names, so this is only
	 * kept for the standard Spring Data configuration contract.
	 * @return the location
	 */
	String namedQueriesLocation() default "";

	/**
	 * The query lookup strategy; only {@link Key#CREATE} and {@link Key#CREATE_IF_NOT_FOUND} are supported.
	 * @return the key
	 */
	Key queryLookupStrategy() default Key.CREATE_IF_NOT_FOUND;

	/**
	 * The factory bean class of each repository.
	 * @return the factory bean class
	 */
	Class<?> repositoryFactoryBeanClass() default TenancyRepositoryFactoryBean.class;

	/**
	 * The repository base class.
	 * @return the base class, {@code SimpleTenantScopedRepository} by default
	 */
	Class<?> repositoryBaseClass() default DefaultRepositoryBaseClass.class;

	/**
	 * The bean name generator of repository beans.
	 * @return the generator, or {@link BeanNameGenerator} itself for the context default
	 */
	Class<? extends BeanNameGenerator> nameGenerator() default BeanNameGenerator.class;

	/**
	 * Whether nested repository interfaces (for example inner interfaces of a configuration class) are discovered.
	 * @return whether to consider nested repositories
	 */
	boolean considerNestedRepositories() default false;

	/**
	 * The name of the {@link dev.tenancy.core.TenancyOperations} bean the repositories run on.
	 * @return the bean name
	 */
	String tenancyTemplateRef() default "tenancyTemplate";

	/**
	 * The name of the tenant-scoped {@code DynamoDbClient} bean used when the default
	 * {@link dev.tenancy.core.TenancyTemplate} is registered.
	 * @return the bean name
	 */
	String dynamoDbClientRef() default "tenantScopedDynamoDbClient";

	/**
	 * The name of the {@code TenantKeyTemplate} bean used when the default
	 * {@link dev.tenancy.core.TenancyTemplate} is registered.
	 * @return the bean name
	 */
	String keyTemplateRef() default "tenantKeyTemplate";

	/**
	 * The name of the {@link dev.tenancy.core.TenancyMappingContext} bean the default
	 * {@link dev.tenancy.core.TenancyTemplate} resolves entities and table names with; registered when
	 * absent.
	 * @return the bean name
	 */
	String mappingContextRef() default "tenancyMappingContext";

}
