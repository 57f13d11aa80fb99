package dev.tenancy.iam.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.tenancy.context.TenantId;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import org.jspecify.annotations.Nullable;

/**
 * The table and index ARNs the policies of {@link TenancyPolicies} list, per tier: the pooled tables, one silo tenant's
 * tables, or every silo tenant's tables at once (a policy variable or a wildcard in place of the tenant id).
 *
 * @author tenancy
 * @since 0.3
 */
final class TableResources {

	private TableResources() {
	}

	/**
	 * @return the pooled tables' ARNs, each followed by its indexes' ARNs
	 */
	static List<String> pooled(ResourceArns arns, DynamoDbKeySchema schema) {
		return Collections.unmodifiableList(tables(schema, arns::table));
	}

	/**
	 * @return the tenant's silo tables' ARNs, each followed by its indexes' ARNs
	 */
	static List<String> silo(ResourceArns arns, DynamoDbKeySchema schema, SiloTableTemplate template,
			TenantId tenant) {
		return tables(schema, (table) -> arns.table(template.tableName(table, tenant)));
	}

	/**
	 * @param tenantPattern what stands for the tenant id, for example {@code ${aws:PrincipalTag/tenant}}
	 * @return every silo tenant's tables' ARN patterns, each followed by its indexes' ARN patterns
	 */
	static List<String> everySilo(ResourceArns arns, DynamoDbKeySchema schema, SiloTableTemplate template,
			String tenantPattern) {
		return tables(schema, (table) -> arns.tablePattern(template.tableName(table, tenantPattern)));
	}

	/**
	 * @param template how silo tables are named, or {@literal null} if there are none
	 * @return every silo tenant's tables as wildcard ARN patterns ({@code table/app-*}, which also matches their
	 * indexes); empty without a template
	 */
	static List<String> everySiloTable(ResourceArns arns, DynamoDbKeySchema schema,
			@Nullable SiloTableTemplate template) {
		if (template == null) {
			return List.of();
		}
		List<String> tables = new ArrayList<>();
		for (String table : schema.tables()) {
			tables.add(arns.tablePattern(template.tableName(table, "*")));
		}
		return tables;
	}

	/** Each table's ARN (as {@code tableArn} names it), followed by its indexes' ARNs. */
	private static List<String> tables(DynamoDbKeySchema schema, Function<String, String> tableArn) {
		List<String> resources = new ArrayList<>();
		for (String table : schema.tables()) {
			String arn = tableArn.apply(table);
			resources.add(arn);
			for (String index : schema.indexes(table)) {
				resources.add(arn + "/index/" + index);
			}
		}
		return resources;
	}

}
