package dev.tenancy.core;

/**
 * The actions of a {@link TenancyOperations#transactWrite(java.util.function.Consumer) tenant transaction}. Every
 * action is keyed in the current tenant's partition; the transaction commits all of them or none.
 *
 * @author tenancy
 * @since 0.1
 */
public interface TenantTransaction {

	/**
	 * Create an entity; the transaction fails if its id is taken.
	 * @param entity the entity
	 * @return this transaction
	 */
	TenantTransaction insert(Object entity);

	/**
	 * Create or replace an entity, with its version condition if versioned.
	 * @param entity the entity
	 * @return this transaction
	 */
	TenantTransaction save(Object entity);

	/**
	 * Delete an entity, with its version condition if versioned.
	 * @param entity the entity
	 * @return this transaction
	 */
	TenantTransaction delete(Object entity);

	/**
	 * Delete the entity with the given id.
	 * @param type the entity type
	 * @param id the identity inside the tenant
	 * @return this transaction
	 */
	TenantTransaction deleteById(Class<?> type, String id);

	/**
	 * Make the transaction fail unless an entity with the given id exists ({@code ConditionCheck}).
	 * @param type the entity type
	 * @param id the identity inside the tenant
	 * @return this transaction
	 */
	TenantTransaction requireExists(Class<?> type, String id);

}
