package dev.tenancy.repository;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.NoRepositoryBean;

/**
 * A repository whose every operation is confined to the partition of the current tenant.
 * <p>
 * {@code ID} is the identity of an item <em>inside</em> its tenant (the sort key without its entity prefix); the
 * partition key is always derived from the current tenant and never supplied by application code. {@code findAll()}
 * and {@code count()} are Queries on the tenant partition, never Scans.
 *
 * @param <T> the entity type
 * @param <ID> the identity of an entity inside its tenant
 * @author tenancy
 * @since 0.1
 */
@NoRepositoryBean
public interface TenantScopedRepository<T, ID> extends ListCrudRepository<T, ID> {

}
