package dev.tenancy.aop;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.util.Assert;

/**
 * The hook where the separately configured cross-tenant identity is plugged in: a {@link DynamoDbClient} signed with
 * a narrowly scoped identity (for example a role that may only Query one global index), usable <em>only</em> while a
 * {@link dev.tenancy.annotation.CrossTenant} method runs on the calling thread. Outside such a call every request
 * fails with {@link IllegalStateException} before it is sent, so a reference kept by mistake cannot be used for
 * ordinary, tenant-scoped work.
 *
 * <pre>{@code
 * @CrossTenant("Sign-in: find the tenant of a login e-mail")
 * public Optional<TenantId> tenantOf(String email) {
 *     DynamoDbIndex<Login> byEmail = crossTenant.enhancedClient().table("app", LOGIN).index("byEmail");
 *     ...
 * }
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 * @see CrossTenantInterceptor
 */
public final class CrossTenantAccess {

	private static final ThreadLocal<@Nullable String> JUSTIFICATION = new ThreadLocal<>();

	private final DynamoDbClient client;

	private final DynamoDbEnhancedClient enhancedClient;

	/**
	 * @param client the client signed with the cross-tenant identity; must not be {@literal null}
	 */
	public CrossTenantAccess(DynamoDbClient client) {
		Assert.notNull(client, "DynamoDbClient must not be null");
		this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbClient.class }, new ActiveCallOnly(client));
		this.enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(this.client).build();
	}

	/**
	 * @return the cross-tenant client; its requests fail outside a {@code @CrossTenant} call
	 */
	public DynamoDbClient client() {
		return this.client;
	}

	/**
	 * @return an enhanced client over {@link #client()}
	 */
	public DynamoDbEnhancedClient enhancedClient() {
		return this.enhancedClient;
	}

	/**
	 * @return the justification of the {@code @CrossTenant} call running on this thread, if any
	 */
	public static Optional<String> currentJustification() {
		return Optional.ofNullable(JUSTIFICATION.get());
	}

	static @Nullable String enter(String justification) {
		String previous = JUSTIFICATION.get();
		JUSTIFICATION.set(justification);
		return previous;
	}

	static void exit(@Nullable String previous) {
		if (previous == null) {
			JUSTIFICATION.remove();
		}
		else {
			JUSTIFICATION.set(previous);
		}
	}

	private static final class ActiveCallOnly implements InvocationHandler {

		private final DynamoDbClient delegate;

		ActiveCallOnly(DynamoDbClient delegate) {
			this.delegate = delegate;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			String name = method.getName();
			if (name.equals("toString") && method.getParameterCount() == 0) {
				return "CrossTenantDynamoDbClient[" + this.delegate + "]";
			}
			if (name.equals("hashCode") && method.getParameterCount() == 0) {
				return System.identityHashCode(proxy);
			}
			if (name.equals("equals") && method.getParameterCount() == 1) {
				return args != null && proxy == args[0];
			}
			if (!name.equals("serviceName") && !name.equals("serviceClientConfiguration") && !name.equals("close")
					&& JUSTIFICATION.get() == null) {
				throw new IllegalStateException(String.format("The cross-tenant DynamoDB client was used for '%s' "
						+ "outside a @CrossTenant method on thread '%s'; it may only be used inside one.", name,
						Thread.currentThread().getName()));
			}
			try {
				return method.invoke(this.delegate, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
