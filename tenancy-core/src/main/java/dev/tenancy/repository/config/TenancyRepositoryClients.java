package dev.tenancy.repository.config;

import org.springframework.beans.factory.ObjectProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.tenancy.columns.ColumnRestrictions;

/**
 * Creates the client of the template that {@link EnableTenancyRepositories} registers: the configured tenant-scoped
 * client, behind the column restrictions of the application's {@link ColumnRestrictions} bean when it declares
 * restricted access variants, so that repositories shape their requests to each caller's variant.
 *
 * @author tenancy
 * @since 0.2
 */
final class TenancyRepositoryClients {

	private TenancyRepositoryClients() {
	}

	/**
	 * @param tenantScoped the tenant-scoped client
	 * @param columnRestrictions the application's column restrictions, if any
	 * @return the repositories' client
	 */
	static DynamoDbClient repositoryClient(DynamoDbClient tenantScoped,
			ObjectProvider<ColumnRestrictions> columnRestrictions) {
		ColumnRestrictions restrictions = columnRestrictions.getIfAvailable();
		return (restrictions != null) ? restrictions.repositoryClient(tenantScoped) : tenantScoped;
	}

}
