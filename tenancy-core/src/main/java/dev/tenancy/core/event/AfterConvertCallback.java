package dev.tenancy.core.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called after an item that passed the read-side check was converted into an entity (every read: by id, by ids,
 * queries, scrolling, query deletes). The returned entity is what the read returns.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface AfterConvertCallback<T> extends EntityCallback<T> {

	/**
	 * @param entity the entity read
	 * @param table the physical table name
	 * @return the entity to return to the caller
	 */
	T onAfterConvert(T entity, String table);

}
