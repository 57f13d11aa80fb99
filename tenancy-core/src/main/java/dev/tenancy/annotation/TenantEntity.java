package dev.tenancy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a class mapped by the AWS SDK enhanced client ({@code @DynamoDbBean} or {@code @DynamoDbImmutable}) as a
 * tenant-scoped entity stored in a shared, single-table-design table.
 * <p>
 * The table's partition key is the tenant partition: the library always sets it from the current tenant scope
 * ({@code TENANT#<tenant>}) and refuses to write an entity whose partition-key property names another tenant. The
 * entity's sort-key property holds the identity of the item <em>inside</em> its tenant without any prefix; the
 * library stores it as {@link #sortKeyPrefix()} followed by that identity and strips the prefix again on reads, so
 * that application code never writes {@code TENANT#} or a sort-key prefix.
 *
 * <pre>{@code
 * @DynamoDbBean
 * @TenantEntity(table = "app", sortKeyPrefix = "PROJECT#")
 * public class Project { ... }
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 * @see TenantIndexKey
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TenantEntity {

	/**
	 * The name of the table as declared by the application, before any table name prefix is applied. Empty means the
	 * uncapitalized simple class name.
	 * @return the declared table name
	 */
	String table() default "";

	/**
	 * The prefix of the sort key that identifies this entity type in a table shared by several entity types, for
	 * example {@code PROJECT#}. It must be non-empty and must not be a prefix of another entity type's prefix in the
	 * same table.
	 * @return the sort-key prefix
	 */
	String sortKeyPrefix();

}
