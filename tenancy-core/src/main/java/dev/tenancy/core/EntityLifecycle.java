package dev.tenancy.core;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.event.AfterConvertCallback;
import dev.tenancy.core.event.AfterConvertEvent;
import dev.tenancy.core.event.AfterSaveCallback;
import dev.tenancy.core.event.AfterSaveEvent;
import dev.tenancy.core.event.BeforeConvertCallback;
import dev.tenancy.core.event.BeforeConvertEvent;
import dev.tenancy.core.event.BeforeSaveCallback;
import dev.tenancy.core.event.BeforeSaveEvent;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.mapping.callback.EntityCallbacks;

/**
 * Publishes the template's mapping events and invokes its entity callbacks, event first, as Spring Data modules do.
 * Without callbacks and a publisher (a template built outside an application context) every step returns the entity
 * untouched at the cost of one field read.
 */
final class EntityLifecycle {

	private volatile @Nullable EntityCallbacks callbacks;

	private volatile @Nullable ApplicationEventPublisher publisher;

	EntityLifecycle(@Nullable EntityCallbacks callbacks, @Nullable ApplicationEventPublisher publisher) {
		this.callbacks = callbacks;
		this.publisher = publisher;
	}

	/**
	 * Take the callbacks and the publisher from the application context, unless they were given explicitly.
	 */
	void applicationContext(ApplicationContext context) {
		if (this.callbacks == null) {
			this.callbacks = EntityCallbacks.create(context);
		}
		if (this.publisher == null) {
			this.publisher = context;
		}
	}

	<T> T beforeConvert(T entity, String table, TenantKeys keys) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			publisher.publishEvent(new BeforeConvertEvent<>(entity, table, keys.tenant()));
		}
		EntityCallbacks callbacks = this.callbacks;
		return (callbacks != null) ? callbacks.callback(BeforeConvertCallback.class, entity, table) : entity;
	}

	<T> T beforeSave(T entity, Map<String, AttributeValue> item, String table, TenantKeys keys) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			publisher.publishEvent(new BeforeSaveEvent<>(entity, table, keys.tenant()));
		}
		EntityCallbacks callbacks = this.callbacks;
		return (callbacks != null)
				? callbacks.callback(BeforeSaveCallback.class, entity, Collections.unmodifiableMap(item), table)
				: entity;
	}

	<T> T afterSave(T entity, String table, TenantKeys keys) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			publisher.publishEvent(new AfterSaveEvent<>(entity, table, keys.tenant()));
		}
		EntityCallbacks callbacks = this.callbacks;
		return (callbacks != null) ? callbacks.callback(AfterSaveCallback.class, entity, table) : entity;
	}

	<T> T afterConvert(T entity, String table, TenantKeys keys) {
		ApplicationEventPublisher publisher = this.publisher;
		if (publisher != null) {
			publisher.publishEvent(new AfterConvertEvent<>(entity, table, keys.tenant()));
		}
		EntityCallbacks callbacks = this.callbacks;
		return (callbacks != null) ? callbacks.callback(AfterConvertCallback.class, entity, table) : entity;
	}

	<T> List<T> afterConvert(List<T> entities, String table, TenantKeys keys) {
		if (this.callbacks == null && this.publisher == null) {
			return entities;
		}
		entities.replaceAll((entity) -> afterConvert(entity, table, keys));
		return entities;
	}

}
