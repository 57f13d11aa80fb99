package dev.tenancy.core;

import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.util.Assert;

/**
 * A sort key of the table or of a tenant index, as the repository sees it.
 *
 * @param property the entity property that maps to the key
 * @param attribute the DynamoDB attribute name
 * @param type the scalar type of the attribute
 * @param prefix the prefix the library adds to stored values ({@link dev.tenancy.annotation.TenantEntity#sortKeyPrefix()}
 * for the table's sort key, empty for other attributes)
 * @author tenancy
 * @since 0.1
 */
public record SortKeyMetadata(String property, String attribute, ScalarAttributeType type, String prefix) {

	/**
	 * Validate the components.
	 * @param property must not be empty
	 * @param attribute must not be empty
	 * @param type must not be {@literal null}
	 * @param prefix must not be {@literal null}
	 */
	public SortKeyMetadata {
		Assert.hasText(property, "Property must not be empty");
		Assert.hasText(attribute, "Attribute must not be empty");
		Assert.notNull(type, "Type must not be null");
		Assert.notNull(prefix, "Prefix must not be null");
	}

	/**
	 * @return whether stored values carry a library-managed prefix
	 */
	public boolean prefixed() {
		return !this.prefix.isEmpty();
	}

}
