package dev.tenancy.repository.support;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenantEntityMetadata;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.data.repository.core.EntityInformation;
import org.springframework.util.Assert;

/**
 * {@link EntityInformation} of a tenant entity, backed by its {@link TenantEntityMetadata}. The id is the identity
 * inside the tenant (the sort key without prefix); an entity is new if it is versioned and has no version yet, or has
 * no id.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.1
 */
public final class TenantEntityInformation<T> implements EntityInformation<T, String> {

	private final TenantEntityMetadata<T> metadata;

	/**
	 * @param metadata the entity metadata; must not be {@literal null}
	 */
	public TenantEntityInformation(TenantEntityMetadata<T> metadata) {
		Assert.notNull(metadata, "TenantEntityMetadata must not be null");
		this.metadata = metadata;
	}

	/**
	 * @return the entity metadata
	 */
	public TenantEntityMetadata<T> metadata() {
		return this.metadata;
	}

	@Override
	public boolean isNew(T entity) {
		String version = this.metadata.versionAttribute();
		if (version != null) {
			AttributeValue value = this.metadata.schema().attributeValue(entity, version);
			return value == null || value.n() == null || Long.parseLong(value.n()) == this.metadata.versionStartAt();
		}
		return getId(entity) == null;
	}

	@Override
	public @Nullable String getId(T entity) {
		AttributeValue value = this.metadata.schema().attributeValue(entity, this.metadata.sortKey().attribute());
		return (value != null) ? value.s() : null;
	}

	@Override
	public Class<String> getIdType() {
		return String.class;
	}

	@Override
	public Class<T> getJavaType() {
		return this.metadata.type();
	}

}
