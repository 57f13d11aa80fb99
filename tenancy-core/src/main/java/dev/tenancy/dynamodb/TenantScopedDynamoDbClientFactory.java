package dev.tenancy.dynamodb;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Set;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantContext;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.credentials.TenantRoutingCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import org.springframework.util.Assert;

/**
 * Builds the one tenant-scoped {@link DynamoDbClient} that serves every tenant.
 * <p>
 * All tenants share one client and one HTTP connection pool. In {@link IsolationMode#IAM} the client's credentials
 * provider routes each request to the STS session of the tenant bound to the calling thread; in
 * {@link IsolationMode#APPLICATION} it signs with the application's base credentials. In both modes the
 * {@link TenantRequestGuard} checks every request against the tenant's session policy before it is sent.
 * <p>
 * The returned client is usable only inside a tenant scope: any call without one fails with
 * {@link dev.tenancy.context.MissingTenantException} before anything is sent, and there is no fallback to the base
 * credentials. Tenancy exceptions raised inside the SDK pipeline (guard denial, missing tenant, unavailable tenant
 * credentials) are thrown as themselves rather than wrapped in {@code SdkClientException}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScopedDynamoDbClientFactory implements SdkAutoCloseable {

	private static final Set<String> UNSCOPED_METHODS = Set.of("serviceName", "close", "serviceClientConfiguration",
			"toString", "hashCode", "equals");

	private final DynamoDbClient delegate;

	private final DynamoDbClient client;

	private final DynamoDbEnhancedClient enhancedClient;

	private final IsolationMode mode;

	private TenantScopedDynamoDbClientFactory(Builder builder) {
		this.mode = builder.mode;
		DynamoDbClientBuilder clientBuilder = DynamoDbClient.builder();
		if (builder.region != null) {
			clientBuilder.region(builder.region);
		}
		if (builder.endpointOverride != null) {
			clientBuilder.endpointOverride(builder.endpointOverride);
		}
		builder.customizer.accept(clientBuilder);
		// Applied after the customizer, so that neither the guard, the shared HTTP client nor the tenant-routing
		// credentials can be replaced or dropped by a customization (for example overrideConfiguration(...)).
		ClientOverrideConfiguration customized = clientBuilder.overrideConfiguration();
		this.delegate = clientBuilder.httpClient(builder.httpClient)
			.credentialsProvider(credentials(builder))
			.overrideConfiguration(customized.toBuilder().addExecutionInterceptor(builder.guard).build())
			.build();
		this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbClient.class }, new FailClosedInvocationHandler(this.delegate));
		this.enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(this.client).build();
	}

	private static AwsCredentialsProvider credentials(Builder builder) {
		return switch (builder.mode) {
			case IAM -> {
				Assert.state(builder.tenantCredentials != null,
						"Isolation mode IAM needs tenant credentials (a TenantCredentialsProvider); configure the tenant "
								+ "role or switch to isolation mode APPLICATION.");
				yield TenantRoutingCredentialsProvider.create(builder.tenantCredentials);
			}
			case APPLICATION -> {
				Assert.state(builder.baseCredentials != null,
						"Isolation mode APPLICATION needs the application's base credentials provider.");
				yield builder.baseCredentials;
			}
		};
	}

	/**
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the tenant-scoped client shared by all tenants; closing it has no effect (close this factory instead)
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
	 * @return the isolation mode
	 */
	public IsolationMode mode() {
		return this.mode;
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private static final class FailClosedInvocationHandler implements InvocationHandler {

		private final DynamoDbClient delegate;

		FailClosedInvocationHandler(DynamoDbClient delegate) {
			this.delegate = delegate;
		}

		@Override
		public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
			String name = method.getName();
			if (name.equals("close")) {
				return null;
			}
			if (name.equals("toString") && method.getParameterCount() == 0) {
				return "TenantScopedDynamoDbClient[" + this.delegate + "]";
			}
			if (name.equals("hashCode") && method.getParameterCount() == 0) {
				return System.identityHashCode(proxy);
			}
			if (name.equals("equals") && method.getParameterCount() == 1) {
				return proxy == args[0];
			}
			if (!UNSCOPED_METHODS.contains(name)) {
				TenantContext.require("DynamoDB " + name);
			}
			try {
				return method.invoke(this.delegate, args);
			}
			catch (InvocationTargetException ex) {
				Throwable target = ex.getTargetException();
				RuntimeException tenancy = DynamoDbExceptionTranslator.tenancyCause(target);
				throw (tenancy != null) ? tenancy : target;
			}
		}

	}

	/**
	 * Builder for {@link TenantScopedDynamoDbClientFactory}.
	 */
	public static final class Builder {

		private IsolationMode mode = IsolationMode.IAM;

		private @Nullable SdkHttpClient httpClient;

		private @Nullable Region region;

		private @Nullable URI endpointOverride;

		private @Nullable AwsCredentialsProvider baseCredentials;

		private @Nullable TenantCredentialsProvider tenantCredentials;

		private @Nullable TenantRequestGuard guard;

		private Consumer<DynamoDbClientBuilder> customizer = (builder) -> {
		};

		private Builder() {
		}

		/**
		 * @param mode the isolation mode (default {@link IsolationMode#IAM})
		 * @return this builder
		 */
		public Builder mode(IsolationMode mode) {
			Assert.notNull(mode, "Mode must not be null");
			this.mode = mode;
			return this;
		}

		/**
		 * @param httpClient the HTTP client (one connection pool for all tenants); not closed by the factory
		 * @return this builder
		 */
		public Builder httpClient(SdkHttpClient httpClient) {
			Assert.notNull(httpClient, "HTTP client must not be null");
			this.httpClient = httpClient;
			return this;
		}

		/**
		 * @param region the region; when unset the SDK's default region chain applies
		 * @return this builder
		 */
		public Builder region(@Nullable Region region) {
			this.region = region;
			return this;
		}

		/**
		 * @param endpointOverride the DynamoDB endpoint, for example the test kit's gateway
		 * @return this builder
		 */
		public Builder endpointOverride(@Nullable URI endpointOverride) {
			this.endpointOverride = endpointOverride;
			return this;
		}

		/**
		 * @param baseCredentials the application's credentials, used in {@link IsolationMode#APPLICATION}
		 * @return this builder
		 */
		public Builder baseCredentials(@Nullable AwsCredentialsProvider baseCredentials) {
			this.baseCredentials = baseCredentials;
			return this;
		}

		/**
		 * @param tenantCredentials the per-tenant STS sessions, used in {@link IsolationMode#IAM}
		 * @return this builder
		 */
		public Builder tenantCredentials(@Nullable TenantCredentialsProvider tenantCredentials) {
			this.tenantCredentials = tenantCredentials;
			return this;
		}

		/**
		 * @param guard the client-side guard, must not be {@literal null}
		 * @return this builder
		 */
		public Builder guard(TenantRequestGuard guard) {
			Assert.notNull(guard, "Guard must not be null");
			this.guard = guard;
			return this;
		}

		/**
		 * @param customizer further customization of the client builder (timeouts, retry strategy, more
		 * interceptors, ...); applied before the factory sets the HTTP client, the credentials and the guard, which
		 * a customizer therefore cannot replace
		 * @return this builder
		 */
		public Builder customizer(Consumer<DynamoDbClientBuilder> customizer) {
			Assert.notNull(customizer, "Customizer must not be null");
			this.customizer = customizer;
			return this;
		}

		/**
		 * @return the factory
		 * @throws IllegalStateException if the configuration is incomplete for the chosen mode
		 */
		public TenantScopedDynamoDbClientFactory build() {
			Assert.state(this.httpClient != null, "An HTTP client is required (one connection pool for all tenants).");
			Assert.state(this.guard != null, "A TenantRequestGuard is required: tenant-scoped clients are always "
					+ "guarded.");
			return new TenantScopedDynamoDbClientFactory(this);
		}

	}

}
