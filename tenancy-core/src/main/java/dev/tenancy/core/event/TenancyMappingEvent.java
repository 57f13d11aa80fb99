package dev.tenancy.core.event;

import dev.tenancy.context.TenantId;

import org.springframework.context.ApplicationEvent;

/**
 * Base of the events the template publishes around conversions and writes; the source is the entity.
 *
 * @param <E> the entity type
 * @author tenancy
 * @since 0.1
 */
public abstract class TenancyMappingEvent<E> extends ApplicationEvent {

	private final String table;

	private final TenantId tenant;

	/**
	 * @param entity the entity
	 * @param table the physical table name
	 * @param tenant the tenant of the operation
	 */
	protected TenancyMappingEvent(E entity, String table, TenantId tenant) {
		super(entity);
		this.table = table;
		this.tenant = tenant;
	}

	/**
	 * @return the entity
	 */
	@SuppressWarnings("unchecked")
	public E getEntity() {
		return (E) getSource();
	}

	/**
	 * @return the physical table name
	 */
	public String getTable() {
		return this.table;
	}

	/**
	 * @return the tenant of the operation
	 */
	public TenantId getTenant() {
		return this.tenant;
	}

}
