package dev.tenancy.core.event;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.data.mapping.callback.EntityCallback;

/**
 * Called after an entity was converted and before its item is written, with the item as it will be sent (tenant keys
 * composed, next version set). The item is read-only: change the entity in a {@link BeforeConvertCallback} instead.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface BeforeSaveCallback<T> extends EntityCallback<T> {

	/**
	 * @param entity the entity to be written
	 * @param item the item that will be written (unmodifiable)
	 * @param table the physical table name
	 * @return the entity (the given one, or one to hand to the after-save callbacks)
	 */
	T onBeforeSave(T entity, Map<String, AttributeValue> item, String table);

}
