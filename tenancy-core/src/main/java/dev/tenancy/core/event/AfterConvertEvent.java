package dev.tenancy.core.event;

import dev.tenancy.context.TenantId;

/**
 * Published after an item read for the tenant was converted into an entity.
 *
 * @param <E> the entity type
 * @author tenancy
 * @since 0.1
 */
public class AfterConvertEvent<E> extends TenancyMappingEvent<E> {

	/**
	 * @param entity the entity
	 * @param table the physical table name
	 * @param tenant the tenant of the operation
	 */
	public AfterConvertEvent(E entity, String table, TenantId tenant) {
		super(entity, table, tenant);
	}

}
