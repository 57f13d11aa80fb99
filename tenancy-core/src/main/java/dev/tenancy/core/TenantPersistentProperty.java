package dev.tenancy.core;

import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * A property of a type in the {@link TenancyMappingContext}: what Spring Data's infrastructure (auditing, property
 * accessors) reads from the entity class. The item attributes themselves are mapped by the enhanced client's table
 * schema ({@link TenantEntityMetadata}).
 *
 * @author tenancy
 * @since 0.3
 */
public final class TenantPersistentProperty extends AnnotationBasedPersistentProperty<TenantPersistentProperty> {

	TenantPersistentProperty(Property property, PersistentEntity<?, TenantPersistentProperty> owner,
			SimpleTypeHolder simpleTypeHolder) {
		super(property, owner, simpleTypeHolder);
	}

	@Override
	protected Association<TenantPersistentProperty> createAssociation() {
		throw new UnsupportedOperationException("Tenant entities have no associations");
	}

}
