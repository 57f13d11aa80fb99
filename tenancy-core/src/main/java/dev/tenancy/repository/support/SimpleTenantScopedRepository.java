package dev.tenancy.repository.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tenancy.core.TenancyOperations;
import dev.tenancy.repository.TenantScopedRepository;

import org.springframework.data.repository.core.EntityInformation;
import org.springframework.util.Assert;

/**
 * The base implementation of {@link TenantScopedRepository}: every method delegates to {@link TenancyOperations},
 * which confines it to the current tenant's partition.
 *
 * @param <T> the entity type
 * @param <ID> the identity inside the tenant; a {@link String}
 * @author tenancy
 * @since 0.1
 */
public class SimpleTenantScopedRepository<T, ID> implements TenantScopedRepository<T, ID> {

	private final EntityInformation<T, ID> entityInformation;

	private final TenancyOperations operations;

	/**
	 * @param entityInformation must not be {@literal null}
	 * @param operations must not be {@literal null}
	 */
	public SimpleTenantScopedRepository(EntityInformation<T, ID> entityInformation, TenancyOperations operations) {
		Assert.notNull(entityInformation, "EntityInformation must not be null");
		Assert.notNull(operations, "TenancyOperations must not be null");
		this.entityInformation = entityInformation;
		this.operations = operations;
	}

	private Class<T> type() {
		return this.entityInformation.getJavaType();
	}

	private static String id(Object id) {
		Assert.notNull(id, "The given id must not be null");
		Assert.isInstanceOf(String.class, id, "The id of a tenant entity must be a String");
		return (String) id;
	}

	private static List<String> ids(Iterable<?> ids) {
		Assert.notNull(ids, "The given ids must not be null");
		List<String> result = new ArrayList<>();
		for (Object id : ids) {
			result.add(id(id));
		}
		return result;
	}

	@Override
	public <S extends T> S insert(S entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.insert(entity);
	}

	@Override
	public <S extends T> S save(S entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.operations.save(entity);
	}

	@Override
	public <S extends T> List<S> saveAll(Iterable<S> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return this.operations.saveAll(entities);
	}

	@Override
	public Optional<T> findById(ID id) {
		return this.operations.findById(id(id), type());
	}

	@Override
	public boolean existsById(ID id) {
		return this.operations.existsById(id(id), type());
	}

	@Override
	public List<T> findAll() {
		return this.operations.findAll(type());
	}

	@Override
	public List<T> findAllById(Iterable<ID> ids) {
		return this.operations.findAllById(ids(ids), type());
	}

	@Override
	public long count() {
		return this.operations.count(type());
	}

	@Override
	public void deleteById(ID id) {
		this.operations.deleteById(id(id), type());
	}

	@Override
	public void delete(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		this.operations.delete(entity);
	}

	@Override
	public void deleteAllById(Iterable<? extends ID> ids) {
		this.operations.deleteAllById(ids(ids), type());
	}

	@Override
	public void deleteAll(Iterable<? extends T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		this.operations.deleteAll(entities);
	}

	@Override
	public void deleteAll() {
		this.operations.deleteAll(type());
	}

}
