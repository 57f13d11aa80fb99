package dev.tenancy.keys;

import java.util.Collection;

import dev.tenancy.context.Printable;
import dev.tenancy.context.TenantId;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How a silo tenant's tables are named: a template with exactly one {@value #TENANT} placeholder and at most one
 * {@value #TABLE} placeholder (the pooled table's name), for example {@code {table}-{tenant}} (the default: pooled
 * table {@code app}, tenant {@code acme}, silo table {@code app-acme}) or {@code app-{tenant}}. A silo table has the
 * key schema and indexes of its pooled table, and items keep the same keys, so moving a tenant needs no entity change.
 * <p>
 * The rest of the template may only contain the characters of DynamoDB table names ({@code [A-Za-z0-9_.-]}); tenant
 * ids contain nothing else either, so a silo table name never holds an IAM wildcard or a policy variable.
 * {@link #validate(Collection)} checks a template against the pooled tables at startup: every tenant id gives a valid
 * table name, no pooled table is another's silo table, and no silo table name can belong to two pooled tables.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.3
 */
public final class SiloTableTemplate {

	/** The placeholder for the tenant id. */
	public static final String TENANT = "{tenant}";

	/** The placeholder for the pooled table's name. */
	public static final String TABLE = "{table}";

	private static final SiloTableTemplate DEFAULT = of(TABLE + "-" + TENANT);

	private static final TenantId SHORTEST_TENANT = TenantId.of("w");

	private static final TenantId LONGEST_TENANT = TenantId.of("w".repeat(TenantId.MAX_LENGTH));

	private final String template;

	private final String beforeTenant;

	private final String afterTenant;

	private SiloTableTemplate(String template) {
		this.template = template;
		int tenant = template.indexOf(TENANT);
		this.beforeTenant = template.substring(0, tenant);
		this.afterTenant = template.substring(tenant + TENANT.length());
	}

	/**
	 * @return the default template {@code {table}-{tenant}}
	 */
	public static SiloTableTemplate defaultTemplate() {
		return DEFAULT;
	}

	/**
	 * Parse a template.
	 * @param template the template, for example {@code {table}-{tenant}}
	 * @return the template
	 * @throws IllegalArgumentException if it does not have exactly one {@value #TENANT}, has more than one
	 * {@value #TABLE}, or has a character a DynamoDB table name cannot have
	 */
	public static SiloTableTemplate of(String template) {
		Assert.notNull(template, "Silo table template must not be null");
		String rest = template.replace(TENANT, "").replace(TABLE, "");
		int tenants = count(template, TENANT);
		int tables = count(template, TABLE);
		boolean validRest = rest.isEmpty() || ResourceArns.isValidName(rest + "www");
		if (tenants != 1 || tables > 1 || !validRest) {
			throw new IllegalArgumentException(String.format("Invalid silo table template '%s': it needs exactly one "
					+ "'%s', at most one '%s' (the pooled table's name), and otherwise only letters, digits, '_', '.' "
					+ "and '-', for example '%s-%s'.", Printable.of(template), TENANT, TABLE, TABLE, TENANT));
		}
		return new SiloTableTemplate(template);
	}

	private static int count(String text, String placeholder) {
		int count = 0;
		for (int at = text.indexOf(placeholder); at >= 0; at = text.indexOf(placeholder, at + 1)) {
			count++;
		}
		return count;
	}

	/**
	 * The name of a silo tenant's table.
	 * @param pooledTable the pooled table's name
	 * @param tenant the tenant
	 * @return the silo table's name, for example {@code app-acme}
	 */
	public String tableName(String pooledTable, TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		return tableName(pooledTable, tenant.value());
	}

	/**
	 * The name of a silo table with any text in place of the tenant id, for a policy whose resource names the table
	 * with a policy variable such as {@code ${aws:PrincipalTag/tenant}}.
	 * @param pooledTable the pooled table's name
	 * @param tenantText what stands for the tenant id
	 * @return the name with {@code tenantText} in place of {@value #TENANT}
	 */
	public String tableName(String pooledTable, String tenantText) {
		Assert.notNull(pooledTable, "Pooled table must not be null");
		Assert.notNull(tenantText, "Tenant text must not be null");
		return prefix(pooledTable) + tenantText + suffix(pooledTable);
	}

	private String prefix(String pooledTable) {
		return this.beforeTenant.replace(TABLE, pooledTable);
	}

	private String suffix(String pooledTable) {
		return this.afterTenant.replace(TABLE, pooledTable);
	}

	/**
	 * The tenant whose silo table of {@code pooledTable} is {@code tableName}.
	 * @param pooledTable the pooled table's name
	 * @param tableName a table name
	 * @return the tenant, or {@literal null} if {@code tableName} is no tenant's silo table of {@code pooledTable}
	 */
	public @Nullable TenantId tenantOf(String pooledTable, String tableName) {
		String prefix = prefix(pooledTable);
		String suffix = suffix(pooledTable);
		if (tableName.length() <= prefix.length() + suffix.length() || !tableName.startsWith(prefix)
				|| !tableName.endsWith(suffix)) {
			return null;
		}
		String tenant = tableName.substring(prefix.length(), tableName.length() - suffix.length());
		return TenantId.isValid(tenant) ? TenantId.of(tenant) : null;
	}

	/**
	 * Check this template against the pooled tables, so that a misconfiguration fails at startup: the silo table name
	 * of every valid tenant id is a valid DynamoDB table name, a template without {@value #TABLE} serves only one
	 * pooled table, no pooled table is the silo table of another, and no name is the silo table of two pooled tables
	 * (which would make a request's key schema ambiguous).
	 * @param pooledTables the pooled tables' names
	 * @throws IllegalArgumentException naming the problem and the remedy
	 */
	public void validate(Collection<String> pooledTables) {
		Assert.notNull(pooledTables, "Pooled tables must not be null");
		if (!this.template.contains(TABLE) && pooledTables.size() > 1) {
			throw invalid("has no '" + TABLE + "', so the silo tables of all " + pooledTables.size() + " pooled tables "
					+ pooledTables + " would be one table", "add '" + TABLE + "'");
		}
		for (String pooled : pooledTables) {
			for (TenantId tenant : new TenantId[] { SHORTEST_TENANT, LONGEST_TENANT }) {
				String name = tableName(pooled, tenant);
				if (!ResourceArns.isValidName(name)) {
					throw invalid("makes '" + name + "' of table '" + pooled + "' for a tenant id of " + tenant.value()
						.length() + " characters, which is not a valid DynamoDB table name (3 to 255 characters)",
							"shorten the template or the table name");
				}
			}
			for (String other : pooledTables) {
				if (other.equals(pooled)) {
					continue;
				}
				TenantId tenant = tenantOf(pooled, other);
				if (tenant != null) {
					throw invalid("names pooled table '" + other + "' as tenant '" + tenant + "''s silo table of '"
							+ pooled + "', so that tenant would share the pool", "choose a template no pooled table "
									+ "matches, for example with a distinct prefix or suffix");
				}
				String prefix = prefix(pooled);
				String otherPrefix = prefix(other);
				String suffix = suffix(pooled);
				String otherSuffix = suffix(other);
				boolean prefixesOverlap = prefix.startsWith(otherPrefix) || otherPrefix.startsWith(prefix);
				if (prefixesOverlap && (suffix.endsWith(otherSuffix) || otherSuffix.endsWith(suffix))) {
					throw invalid("can name one table as a silo table of both '" + pooled + "' and '" + other + "'",
							"choose a template that puts a fixed delimiter after the tenant id, or rename a table");
				}
			}
		}
	}

	private IllegalArgumentException invalid(String problem, String remedy) {
		return new IllegalArgumentException(
				String.format("The silo table template '%s' %s; %s.", this.template, problem, remedy));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof SiloTableTemplate that && this.template.equals(that.template));
	}

	@Override
	public int hashCode() {
		return this.template.hashCode();
	}

	@Override
	public String toString() {
		return this.template;
	}

}
