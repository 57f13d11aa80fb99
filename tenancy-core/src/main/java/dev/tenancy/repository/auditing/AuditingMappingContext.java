package dev.tenancy.repository.auditing;

import java.util.Set;

import org.springframework.data.core.TypeInformation;
import org.springframework.data.mapping.Association;
import org.springframework.data.mapping.PersistentEntity;
import org.springframework.data.mapping.context.AbstractMappingContext;
import org.springframework.data.mapping.model.AnnotationBasedPersistentProperty;
import org.springframework.data.mapping.model.BasicPersistentEntity;
import org.springframework.data.mapping.model.Property;
import org.springframework.data.mapping.model.SimpleTypeHolder;

/**
 * The Spring Data mapping metadata Spring Data's {@code AuditingHandler} reads the audit annotations from: plain
 * annotation-based properties of the entity classes (the items themselves are mapped by the enhanced client).
 */
final class AuditingMappingContext
		extends AbstractMappingContext<BasicPersistentEntity<Object, AuditingMappingContext.AuditedProperty>,
				AuditingMappingContext.AuditedProperty> {

	/**
	 * Treats the JDK's types ({@code BigDecimal}, {@code java.time}, {@code URI}, collections, …) as simple: they are
	 * mapped by the enhanced client and carry no audit annotations, and introspecting their private fields fails on
	 * the module system.
	 */
	AuditingMappingContext() {
		setSimpleTypeHolder(new SimpleTypeHolder(Set.of(), true) {

			@Override
			public boolean isSimpleType(Class<?> type) {
				return type.getName().startsWith("java.") || super.isSimpleType(type);
			}

		});
	}

	@Override
	protected <T> BasicPersistentEntity<Object, AuditedProperty> createPersistentEntity(
			TypeInformation<T> typeInformation) {
		@SuppressWarnings("unchecked")
		TypeInformation<Object> type = (TypeInformation<Object>) typeInformation;
		return new BasicPersistentEntity<>(type);
	}

	@Override
	protected AuditedProperty createPersistentProperty(Property property,
			BasicPersistentEntity<Object, AuditedProperty> owner, SimpleTypeHolder simpleTypeHolder) {
		return new AuditedProperty(property, owner, simpleTypeHolder);
	}

	/** A property of an audited entity. */
	static final class AuditedProperty extends AnnotationBasedPersistentProperty<AuditedProperty> {

		AuditedProperty(Property property, PersistentEntity<?, AuditedProperty> owner,
				SimpleTypeHolder simpleTypeHolder) {
			super(property, owner, simpleTypeHolder);
		}

		@Override
		protected Association<AuditedProperty> createAssociation() {
			throw new UnsupportedOperationException("Tenant entities have no associations");
		}

	}

}
