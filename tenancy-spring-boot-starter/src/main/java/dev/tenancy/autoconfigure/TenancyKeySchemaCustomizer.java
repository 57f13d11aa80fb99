package dev.tenancy.autoconfigure;

import dev.tenancy.keys.DynamoDbKeySchema;

/**
 * Callback that declares further tables and indexes in the auto-configured {@link DynamoDbKeySchema}, after those of
 * the {@code tenancy.tables} properties; for example tables derived from entity metadata. Every declared table and
 * index is granted in the generated policies, so declare only what tenant-scoped code uses. Not applied when the
 * application defines its own {@link DynamoDbKeySchema} bean.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TenancyKeySchemaCustomizer {

	/**
	 * Declare tables and indexes.
	 * @param builder the key schema builder, with the tables of the properties already declared (with the table-name
	 * prefix applied)
	 */
	void customize(DynamoDbKeySchema.Builder builder);

}
