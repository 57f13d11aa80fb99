package dev.tenancy.core;

import org.springframework.util.Assert;

/**
 * Resolves the physical DynamoDB table name of a tenant entity from the name it declares in
 * {@link dev.tenancy.annotation.TenantEntity#table()}, for example to add an environment prefix.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface TableNameResolver {

	/**
	 * Resolve the table name.
	 * @param entityType the entity type
	 * @param declaredName the declared table name (never empty: the uncapitalized simple class name when the
	 * annotation leaves it empty)
	 * @return the physical table name
	 */
	String resolve(Class<?> entityType, String declaredName);

	/**
	 * @return a resolver that uses the declared name unchanged
	 */
	static TableNameResolver declared() {
		return (entityType, declaredName) -> declaredName;
	}

	/**
	 * @param prefix the prefix, for example {@code dev-}; must not be {@literal null}
	 * @return a resolver that prepends {@code prefix} to the declared name
	 */
	static TableNameResolver prefixed(String prefix) {
		Assert.notNull(prefix, "Prefix must not be null");
		return (entityType, declaredName) -> prefix + declaredName;
	}

}
