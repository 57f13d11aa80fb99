package dev.tenancy.repository.config;

import dev.tenancy.core.TableNameResolver;
import dev.tenancy.core.TenancyMappingContext;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Creates the mapping context that {@link EnableTenancyRepositories} registers when the application defines none:
 * table names are resolved by the application's {@link TableNameResolver} bean, or used as declared without one.
 *
 * @author tenancy
 * @since 0.2
 */
final class TenancyMappingContexts {

	private TenancyMappingContexts() {
	}

	/**
	 * @param tableNameResolver the application's table name resolver, if any; more than one fails
	 * @return the mapping context
	 */
	static TenancyMappingContext mappingContext(ObjectProvider<TableNameResolver> tableNameResolver) {
		return new TenancyMappingContext(tableNameResolver.getIfAvailable(TableNameResolver::declared));
	}

}
