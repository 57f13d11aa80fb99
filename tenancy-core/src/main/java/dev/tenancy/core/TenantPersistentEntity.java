package dev.tenancy.core;

import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantEntity;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.MappingException;
import org.springframework.data.mapping.model.BasicPersistentEntity;

/**
 * A type in the {@link TenancyMappingContext}: Spring Data's view of the class, and for a {@link TenantEntity} its
 * {@link TenantEntityMetadata} (table, keys, sort-key prefix, indexes), read and validated when the entity is added
 * to the context, so that a type that cannot be stored fails there and is not kept.
 *
 * @param <T> the type
 * @author tenancy
 * @since 0.3
 */
public final class TenantPersistentEntity<T> extends BasicPersistentEntity<T, TenantPersistentProperty> {

	private final TableNameResolver tableNameResolver;

	private final Consumer<TenantEntityMetadata<?>> verifier;

	private @Nullable TenantEntityMetadata<T> metadata;

	TenantPersistentEntity(TypeInformation<T> information, TableNameResolver tableNameResolver,
			Consumer<TenantEntityMetadata<?>> verifier) {
		super(information);
		this.tableNameResolver = tableNameResolver;
		this.verifier = verifier;
	}

	/**
	 * @return whether the type is annotated with {@link TenantEntity}
	 */
	public boolean isTenantEntity() {
		return AnnotatedElementUtils.hasAnnotation(getType(), TenantEntity.class);
	}

	/**
	 * @return the tenant entity metadata
	 * @throws MappingException if the type is not a {@link TenantEntity}
	 */
	public TenantEntityMetadata<T> getRequiredTenantMetadata() {
		TenantEntityMetadata<T> metadata = this.metadata;
		if (metadata == null) {
			// Not a tenant entity: of(...) says why
			return TenantEntityMetadata.of(getType(), this.tableNameResolver);
		}
		return metadata;
	}

	@Override
	public void verify() {
		super.verify();
		if (isTenantEntity()) {
			TenantEntityMetadata<T> metadata = TenantEntityMetadata.of(getType(), this.tableNameResolver);
			this.verifier.accept(metadata);
			this.metadata = metadata;
		}
	}

}
