package dev.tenancy.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares how the library composes the tenant-leading partition key of a global secondary index from the entity's
 * attributes: {@code TENANT#<tenant>#<prefix>#<value of attribute 1>#...}, for example
 * {@code TENANT#acme#STATUS#OPEN}.
 * <p>
 * The index itself is declared the enhanced-client way, with {@code @DynamoDbSecondaryPartitionKey(indexNames = ...)}
 * on a String property (and optionally {@code @DynamoDbSecondarySortKey} on another); that property is owned by the
 * library: it is computed on every write (and removed when an attribute it is composed from is {@literal null}, which
 * leaves the item out of the sparse index), and reads expose it without the tenant part ({@code STATUS#OPEN}).
 *
 * <pre>{@code
 * @TenantIndexKey(index = "byStatus", prefix = "STATUS", attributes = "status")
 * }</pre>
 *
 * A derived query whose equality conditions cover exactly the {@link #attributes()} of one index is answered by a
 * Query on that index, for example {@code findByStatus(ProjectStatus status)}.
 *
 * @author tenancy
 * @since 0.1
 * @see TenantEntity
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(TenantIndexKeys.class)
public @interface TenantIndexKey {

	/**
	 * The name of the global secondary index, as declared with {@code @DynamoDbSecondaryPartitionKey}.
	 * @return the index name
	 */
	String index();

	/**
	 * A literal that follows the tenant part, naming what the key is about (for example {@code STATUS}), so that keys
	 * of different indexes and entity types cannot collide. Empty for none.
	 * @return the literal prefix
	 */
	String prefix() default "";

	/**
	 * The names of the entity properties whose values follow, in this order. At least one.
	 * @return the property names
	 */
	String[] attributes();

}
