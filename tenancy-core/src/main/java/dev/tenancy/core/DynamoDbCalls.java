package dev.tenancy.core;

import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.tenancy.dynamodb.DynamoDbExceptionTranslator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Runs the template's DynamoDB calls on the tenant-scoped client and translates what they throw into Spring's
 * {@code DataAccessException} hierarchy, in one place.
 */
final class DynamoDbCalls {

	private final DynamoDbClient client;

	private final DynamoDbExceptionTranslator translator = new DynamoDbExceptionTranslator();

	DynamoDbCalls(DynamoDbClient client) {
		this.client = client;
	}

	/**
	 * @param call the call
	 * @param <R> the call's result type
	 * @return the call's result
	 */
	<R> R execute(Function<DynamoDbClient, R> call) {
		try {
			return call.apply(this.client);
		}
		catch (RuntimeException ex) {
			throw this.translator.translate(ex);
		}
	}

	/**
	 * Like {@link #execute(Function)}, with the failed condition of a conditional write mapped to the exception the
	 * caller names (a duplicate id, a concurrent modification).
	 * @param call the call
	 * @param conditionFailed the exception for a failed condition, or {@literal null} to translate it like any other
	 * @param <R> the call's result type
	 * @return the call's result
	 */
	<R> R execute(Function<DynamoDbClient, R> call,
			@Nullable Function<ConditionalCheckFailedException, RuntimeException> conditionFailed) {
		return (conditionFailed != null) ? execute(call, ConditionalCheckFailedException.class, conditionFailed)
				: execute(call);
	}

	/**
	 * Like {@link #execute(Function)}, with one kind of service exception mapped by the caller (who knows which
	 * action failed) instead of translated.
	 * @param call the call
	 * @param failure the exception type the caller maps
	 * @param mapping maps it
	 * @param <R> the call's result type
	 * @param <E> the mapped exception type
	 * @return the call's result
	 */
	<R, E extends RuntimeException> R execute(Function<DynamoDbClient, R> call, Class<E> failure,
			Function<E, RuntimeException> mapping) {
		try {
			return call.apply(this.client);
		}
		catch (RuntimeException ex) {
			throw failure.isInstance(ex) ? mapping.apply(failure.cast(ex)) : this.translator.translate(ex);
		}
	}

	/**
	 * @param ex an exception of a DynamoDB call handled by the caller first
	 * @return its translation
	 */
	RuntimeException translate(RuntimeException ex) {
		return this.translator.translate(ex);
	}

}
