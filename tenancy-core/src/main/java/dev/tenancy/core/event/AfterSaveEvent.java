package dev.tenancy.core.event;

import dev.tenancy.context.TenantId;

/**
 * Published after an entity was written (for a transaction: after the commit).
 *
 * @param <E> the entity type
 * @author tenancy
 * @since 0.1
 */
public class AfterSaveEvent<E> extends TenancyMappingEvent<E> {

	/**
	 * @param entity the entity
	 * @param table the physical table name
	 * @param tenant the tenant of the operation
	 */
	public AfterSaveEvent(E entity, String table, TenantId tenant) {
		super(entity, table, tenant);
	}

}
