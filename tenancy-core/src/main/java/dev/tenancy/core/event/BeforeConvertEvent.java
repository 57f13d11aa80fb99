package dev.tenancy.core.event;

import dev.tenancy.context.TenantId;

/**
 * Published before an entity is converted into the item to write.
 *
 * @param <E> the entity type
 * @author tenancy
 * @since 0.1
 */
public class BeforeConvertEvent<E> extends TenancyMappingEvent<E> {

	/**
	 * @param entity the entity
	 * @param table the physical table name
	 * @param tenant the tenant of the operation
	 */
	public BeforeConvertEvent(E entity, String table, TenantId tenant) {
		super(entity, table, tenant);
	}

}
