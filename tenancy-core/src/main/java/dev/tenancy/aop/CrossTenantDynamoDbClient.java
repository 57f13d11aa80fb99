package dev.tenancy.aop;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * The {@link DynamoDbClient} a {@link CrossTenantAccess} hands out: it runs a check before each request is passed to
 * the SDK client, and keeps every derived object on itself, so that the check also applies to the requests of
 * paginators (created over this client, they call it for each page), of the consumer-builder overloads and of the
 * {@link #waiter() waiter}. {@code serviceClientConfiguration()} answers a configuration without the credentials
 * provider, and {@code close()} does nothing (the access closes the SDK client).
 * <p>
 * Operations are recognised by their shape (one {@link DynamoDbRequest} parameter, a {@link DynamoDbResponse}
 * result); every other default method of the interface runs on this client, so it ends in an operation; anything
 * else is refused.
 *
 * @author tenancy
 * @since 0.1
 */
final class CrossTenantDynamoDbClient implements InvocationHandler {

	/**
	 * The check run before each request.
	 */
	@FunctionalInterface
	interface RequestCheck {

		/**
		 * @param operation the operation, for example {@code Query}
		 * @param request the request about to be sent
		 */
		void check(String operation, DynamoDbRequest request);

	}

	private final DynamoDbClient delegate;

	private final RequestCheck check;

	private final DynamoDbServiceClientConfiguration configuration;

	private final String description;

	private CrossTenantDynamoDbClient(DynamoDbClient delegate, RequestCheck check,
			DynamoDbServiceClientConfiguration configuration, String description) {
		this.delegate = delegate;
		this.check = check;
		this.configuration = configuration;
		this.description = description;
	}

	/**
	 * @param delegate the SDK client that sends the requests
	 * @param check run before each request
	 * @param configuration what {@code serviceClientConfiguration()} answers
	 * @param description what {@code toString()} answers
	 * @return the checking client
	 */
	static DynamoDbClient create(DynamoDbClient delegate, RequestCheck check,
			DynamoDbServiceClientConfiguration configuration, String description) {
		return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbClient.class },
				new CrossTenantDynamoDbClient(delegate, check, configuration, description));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
		String name = method.getName();
		int parameters = method.getParameterCount();
		if (parameters == 0) {
			switch (name) {
				case "toString":
					return this.description;
				case "hashCode":
					return System.identityHashCode(proxy);
				case "serviceName":
					return this.delegate.serviceName();
				case "serviceClientConfiguration":
					return this.configuration;
				case "waiter":
					return DynamoDbWaiter.builder().client((DynamoDbClient) proxy).build();
				case "close":
					return null;
				default:
					break;
			}
		}
		if (name.equals("equals") && parameters == 1 && method.getParameterTypes()[0] == Object.class) {
			return args != null && proxy == args[0];
		}
		if (args != null && isOperation(method)) {
			DynamoDbRequest request = (DynamoDbRequest) args[0];
			this.check.check(operation(request), request);
			try {
				return method.invoke(this.delegate, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}
		if (method.isDefault()) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		throw new UnsupportedOperationException(String.format("%s does not support '%s'.", this.description, method));
	}

	private static boolean isOperation(Method method) {
		return method.getParameterCount() == 1 && DynamoDbRequest.class.isAssignableFrom(method.getParameterTypes()[0])
				&& DynamoDbResponse.class.isAssignableFrom(method.getReturnType());
	}

	private static String operation(DynamoDbRequest request) {
		String type = request.getClass().getSimpleName();
		return type.endsWith("Request") ? type.substring(0, type.length() - "Request".length()) : type;
	}

}
