package dev.tenancy.repository.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.data.annotation.QueryAnnotation;
import org.springframework.data.domain.Sort;

/**
 * Declares the query of a repository method whose name the library should not derive one from: a key condition on
 * the sort key of the table or of one tenant index, and an optional filter, both written with entity property names
 * and {@code :name} parameters. The library adds the tenant's partition condition itself, so a declared query is a
 * DynamoDB Query in the caller's tenant partition like every derived query, with the same return types, projections
 * and keyset scrolling.
 *
 * <pre>{@code
 * @Query(index = "byStatus", value = "status = :status AND priority >= :min", filter = "owner <> :owner")
 * List<Project> urgentWorkOfOthers(ProjectStatus status, int min, String owner);
 * }</pre>
 * <p>
 * The key condition is {@code AND}-ed terms of {@code property = :p} (also {@code <}, {@code <=}, {@code >},
 * {@code >=}), {@code property BETWEEN :a AND :b} and {@code begins_with(property, :p)}: at most one on the sort key
 * (the entity's identity for the table, which the library prefixes as in derived queries, or the index's sort key) and,
 * for an index, an equality on every property its tenant key is composed from. The filter adds {@code <>},
 * {@code OR}, {@code NOT}, parentheses, {@code contains}, {@code attribute_exists} and {@code attribute_not_exists} on
 * non-key properties. Values are always parameters, bound by name ({@code @Param} or the compiled parameter name);
 * every parameter must be used.
 * <p>
 * Each declared query is parsed and checked when the repository is created; the application does not start if one
 * names a partition key (the table's or an index's, or its tenant key), an index that is no tenant index, a property
 * the entity does not map, a parameter the method does not have or a parameter the query does not use, or holds
 * anything else (PartiQL, literals, a condition that is no key condition).
 *
 * @author tenancy
 * @since 0.2
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@QueryAnnotation
public @interface Query {

	/**
	 * Alias for {@link #keyCondition()}.
	 * @return the key condition on the sort key (and the index key properties)
	 */
	@AliasFor("keyCondition")
	String value() default "";

	/**
	 * The key condition, for example {@code "id BETWEEN :from AND :to"} or
	 * {@code "status = :status AND priority > :min"}; empty for every item of the entity type in the tenant
	 * partition (for a table query only).
	 * @return the key condition
	 */
	@AliasFor("value")
	String keyCondition() default "";

	/**
	 * @return the tenant index to query (declared with {@code @TenantIndexKey}), empty for the table
	 */
	String index() default "";

	/**
	 * A filter DynamoDB applies to the items the key condition selects, for example
	 * {@code "owner = :owner OR attribute_not_exists(owner)"}. It reads (and is billed for) every item the key
	 * condition selects, so keep the key condition narrow.
	 * @return the filter, empty for none
	 */
	String filter() default "";

	/**
	 * @return the order of the sort key, unless a {@code Sort} parameter gives one
	 */
	Sort.Direction direction() default Sort.Direction.ASC;

	/**
	 * @return the most results to return, {@code 0} for no limit (a {@code Limit} parameter can only lower it)
	 */
	int limit() default 0;

	/**
	 * @return whether the method returns the number of matching items ({@code long} or {@code int})
	 */
	boolean count() default false;

	/**
	 * @return whether the method returns whether an item matches ({@code boolean})
	 */
	boolean exists() default false;

	/**
	 * @return whether the method deletes the matching items, returning nothing, their number or the deleted entities
	 */
	boolean delete() default false;

}
