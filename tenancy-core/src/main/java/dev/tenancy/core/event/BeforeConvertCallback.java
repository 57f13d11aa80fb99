package dev.tenancy.core.event;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called before an entity is converted into the item to write (insert, save, batch save, transaction), inside the
 * caller's tenant scope: the place to set derived or audit properties. The tenant keys are composed afterwards, so a
 * callback cannot move the entity into another tenant's partition: an entity whose partition-key property names
 * another tenant is refused.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface BeforeConvertCallback<T> extends EntityCallback<T> {

	/**
	 * @param entity the entity to be written
	 * @param table the physical table name
	 * @return the entity to convert (the given one or a modified copy)
	 */
	T onBeforeConvert(T entity, String table);

}
