package dev.tenancy.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * A repository whose every operation is confined to the partition of the current tenant.
 * <p>
 * {@code ID} is the identity of an item <em>inside</em> its tenant (the sort key without its entity prefix; a
 * {@link String}); the partition key is always derived from the current tenant and never supplied by application
 * code. {@code findAll()}, {@code count()} and {@code deleteAll()} are Queries on the tenant partition, never Scans;
 * {@code saveAll}, {@code findAllById} and the bulk deletes use batch calls chunked to DynamoDB's limits (25 writes,
 * 100 reads) with unprocessed items retried. Entities annotated with {@code @DynamoDbVersionAttribute} are written
 * with optimistic locking.
 * <p>
 * Query methods are derived from their names and must be answerable by a DynamoDB key condition on the table's sort
 * key or on a tenant index ({@link dev.tenancy.annotation.TenantIndexKey}); anything else fails at startup.
 * Annotate the interface with {@link dev.tenancy.annotation.TenantScoped} so that each call resolves the tenant of the
 * current principal:
 *
 * <pre>{@code
 * @TenantScoped
 * public interface ProjectRepository extends TenantScopedRepository<Project, String> {
 *     List<Project> findByStatus(ProjectStatus status);
 *     Window<Project> findAllBy(ScrollPosition position, Limit limit);
 * }
 * }</pre>
 *
 * @param <T> the entity type
 * @param <ID> the identity of an entity inside its tenant
 * @author tenancy
 * @since 0.1
 */
@NoRepositoryBean
public interface TenantScopedRepository<T, ID> extends ListCrudRepository<T, ID> {

	/**
	 * Create an entity, failing if the tenant already has one with its id (a conditional put), where
	 * {@link #save(Object)} would replace it.
	 * @param entity the entity; must not be {@literal null}
	 * @param <S> the entity type
	 * @return the entity as written
	 * @throws org.springframework.dao.DuplicateKeyException if the id is taken
	 */
	<S extends T> S insert(S entity);

}
