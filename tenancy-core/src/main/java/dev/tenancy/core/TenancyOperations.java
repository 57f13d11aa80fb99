package dev.tenancy.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

/**
 * Operations on tenant entities, each confined to the partition of the tenant bound to the calling thread
 * ({@link dev.tenancy.context.TenantContext}): keys are always built from the tenant scope, collections are read with
 * a Query on the tenant partition (never a Scan), and every returned item is checked to belong to the tenant before
 * it is mapped. Without a tenant scope every operation fails with
 * {@link dev.tenancy.context.MissingTenantException} before any request is made.
 * <p>
 * Identities ({@code id}) are the entity's identity inside the tenant: its sort key without the type prefix. Errors
 * are Spring {@link org.springframework.dao.DataAccessException}s.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyTemplate
 */
public interface TenancyOperations {

	/**
	 * Create an entity; fails if an item with its id already exists in the tenant.
	 * @param entity the entity; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the entity as written (with its initial version, if versioned)
	 * @throws org.springframework.dao.DuplicateKeyException if the id is taken
	 */
	<T> T insert(T entity);

	/**
	 * Create or replace an entity. A versioned entity ({@code @DynamoDbVersionAttribute}) is written only if the
	 * stored version still matches.
	 * @param entity the entity; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the entity as written (with its new version, if versioned)
	 * @throws org.springframework.dao.OptimisticLockingFailureException if the stored version differs
	 */
	<T> T save(T entity);

	/**
	 * Create or replace entities: unversioned entities with {@code BatchWriteItem} (chunks of 25, unprocessed items
	 * retried with backoff), versioned entities one by one with their version condition. Not atomic; use
	 * {@link #transactWrite(Consumer)} for all-or-nothing writes.
	 * @param entities the entities; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the entities as written, in the given order
	 * @throws IncompleteBatchException if items stay unprocessed after the configured attempts
	 */
	<T> List<T> saveAll(Iterable<T> entities);

	/**
	 * @param id the identity inside the tenant; must not be {@literal null}
	 * @param type the entity type; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the entity, or empty if the tenant has none with this id
	 */
	<T> Optional<T> findById(String id, Class<T> type);

	/**
	 * Read entities with {@code BatchGetItem} (chunks of 100, unprocessed keys retried with backoff).
	 * @param ids the identities; must not be {@literal null}
	 * @param type the entity type; must not be {@literal null}
	 * @param <T> the entity type
	 * @return the entities found, in the order of the first occurrence of their id
	 */
	<T> List<T> findAllById(Iterable<String> ids, Class<T> type);

	/**
	 * @param id the identity inside the tenant
	 * @param type the entity type
	 * @return whether the tenant has an entity with this id
	 */
	boolean existsById(String id, Class<?> type);

	/**
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return every entity of the type in the tenant partition, in sort-key order
	 */
	<T> List<T> findAll(Class<T> type);

	/**
	 * @param type the entity type
	 * @return how many entities of the type the tenant has
	 */
	long count(Class<?> type);

	/**
	 * Delete the entity with the given id; no-op if there is none.
	 * @param id the identity inside the tenant
	 * @param type the entity type
	 */
	void deleteById(String id, Class<?> type);

	/**
	 * Delete an entity; a versioned entity only if the stored version still matches (a missing item is a no-op).
	 * @param entity the entity
	 * @throws org.springframework.dao.OptimisticLockingFailureException if the stored version differs
	 */
	void delete(Object entity);

	/**
	 * Delete the entities with the given ids with {@code BatchWriteItem}.
	 * @param ids the identities
	 * @param type the entity type
	 */
	void deleteAllById(Iterable<String> ids, Class<?> type);

	/**
	 * Delete entities: unversioned ones with {@code BatchWriteItem}, versioned ones one by one with their version
	 * condition.
	 * @param entities the entities
	 */
	void deleteAll(Iterable<?> entities);

	/**
	 * Delete every entity of the type in the tenant partition (a keys-only Query, then {@code BatchWriteItem}).
	 * @param type the entity type
	 */
	void deleteAll(Class<?> type);

	/**
	 * Run a key-confined query.
	 * @param query the query
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the matching entities, up to the query's limit
	 */
	<T> List<T> find(TenancyQuery query, Class<T> type);

	/**
	 * Run a key-confined query from a keyset position, backed by DynamoDB's {@code ExclusiveStartKey}. Positions hold
	 * the identity inside the tenant (and an index sort-key value), never the tenant, so a position is safe to hand
	 * to a client: it can only ever continue inside the current tenant.
	 * @param query the query; its limit is the window size
	 * @param position an initial position or a keyset position from a previous window
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the window
	 * @throws org.springframework.dao.InvalidDataAccessApiUsageException for a non-initial offset position
	 */
	<T> Window<T> scroll(TenancyQuery query, ScrollPosition position, Class<T> type);

	/**
	 * @param query the query
	 * @param type the entity type
	 * @return how many items match
	 */
	long count(TenancyQuery query, Class<?> type);

	/**
	 * @param query the query
	 * @param type the entity type
	 * @return whether any item matches
	 */
	boolean exists(TenancyQuery query, Class<?> type);

	/**
	 * Delete the entities a query matches.
	 * @param query the query
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the deleted entities
	 */
	<T> List<T> delete(TenancyQuery query, Class<T> type);

	/**
	 * Write atomically with {@code TransactWriteItems}: every action is keyed in the current tenant's partition, so a
	 * transaction can never touch another tenant. At most 100 actions.
	 * <p>
	 * After the commit (never before, so a canceled transaction changes nothing), each entity given to
	 * {@link TenantTransaction#insert(Object) insert} or {@link TenantTransaction#save(Object) save} that has a setter
	 * for its {@code @DynamoDbVersionAttribute} carries its new version, like the entity {@link #save(Object)}
	 * returns, so it can be saved again without re-reading it. Immutable entities cannot change: use the returned
	 * instances.
	 * @param actions declares the actions; must not be {@literal null}
	 * @return the entities of the insert and save actions as written (with their new versions), in the order the
	 * actions were declared; empty if there were none
	 * @throws org.springframework.dao.DuplicateKeyException if an insert finds its id taken
	 * @throws org.springframework.dao.OptimisticLockingFailureException if a versioned write finds another version
	 * @throws org.springframework.dao.DataIntegrityViolationException if a declared condition does not hold
	 */
	List<Object> transactWrite(Consumer<TenantTransaction> actions);

	/**
	 * @return the mapping context that holds the entity metadata
	 */
	TenancyMappingContext mappingContext();

}
