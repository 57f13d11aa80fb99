package dev.tenancy.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A global secondary index with a tenant-leading partition key, composed by the library as declared by
 * {@link dev.tenancy.annotation.TenantIndexKey}.
 *
 * @param name the index name
 * @param partitionKeyAttribute the attribute that holds the composed key
 * @param prefix the literal after the tenant part, empty for none
 * @param properties the entity properties whose values compose the key, in order
 * @param attributes the DynamoDB attribute names of {@code properties}, in the same order
 * @param sortKey the index's sort key, or {@literal null} if it has none
 * @author tenancy
 * @since 0.1
 */
public record TenantIndexMetadata(String name, String partitionKeyAttribute, String prefix, List<String> properties,
		List<String> attributes, @Nullable SortKeyMetadata sortKey) {

	/**
	 * Validate and copy the components.
	 * @param name must not be empty
	 * @param partitionKeyAttribute must not be empty
	 * @param prefix must not be {@literal null}
	 * @param properties must not be empty
	 * @param attributes must have the size of {@code properties}
	 * @param sortKey may be {@literal null}
	 */
	public TenantIndexMetadata {
		Assert.hasText(name, "Name must not be empty");
		Assert.hasText(partitionKeyAttribute, "Partition key attribute must not be empty");
		Assert.notNull(prefix, "Prefix must not be null");
		Assert.notEmpty(properties, "Properties must not be empty");
		Assert.isTrue(attributes.size() == properties.size(), "Attributes must match properties");
		properties = List.copyOf(properties);
		attributes = List.copyOf(attributes);
	}

}
