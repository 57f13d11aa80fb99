package dev.tenancy.core.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called after an entity was written (for a transaction: after the commit), with the entity as written (new version
 * set). The returned entity is what the save returns.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface AfterSaveCallback<T> extends EntityCallback<T> {

	/**
	 * @param entity the entity as written
	 * @param table the physical table name
	 * @return the entity to return to the caller
	 */
	T onAfterSave(T entity, String table);

}
