package dev.tenancy.repository.config;

import java.util.Arrays;

import dev.tenancy.core.TableNameResolver;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenantEntityClasses;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Creates the mapping context that {@link EnableTenancyRepositories} registers when the application defines none:
 * table names are resolved by the application's {@link TableNameResolver} bean, or used as declared without one, and
 * the {@code @TenantEntity} classes of the repositories' base packages are its initial entity set, mapped and checked
 * when the context starts.
 *
 * @author tenancy
 * @since 0.2
 */
final class TenancyMappingContexts {

	private TenancyMappingContexts() {
	}

	/**
	 * @param tableNameResolver the application's table name resolver, if any; more than one fails
	 * @param basePackages the base packages of the repositories, scanned for tenant entities
	 * @return the mapping context
	 */
	static TenancyMappingContext mappingContext(ObjectProvider<TableNameResolver> tableNameResolver,
			String[] basePackages) {
		TenancyMappingContext context = new TenancyMappingContext(
				tableNameResolver.getIfAvailable(TableNameResolver::declared));
		context.setInitialEntitySet(
				TenantEntityClasses.findIn(TenancyMappingContexts.class.getClassLoader(), Arrays.asList(basePackages)));
		return context;
	}

}
