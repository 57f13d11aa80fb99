package dev.tenancy.dynamodb;

import java.net.URI;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.credentials.TenantRoutingCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.auth.scheme.DynamoDbAuthSchemeProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import org.springframework.util.Assert;

/**
 * Builds the one tenant-scoped {@link DynamoDbClient} that serves every tenant.
 * <p>
 * All tenants share one client and one HTTP connection pool. In {@link IsolationMode#IAM} the client's credentials
 * provider routes each request to the STS session of the tenant bound to the calling thread; in
 * {@link IsolationMode#APPLICATION} it signs with the application's base credentials. In both modes the
 * {@link TenantRequestGuard} checks every request against the tenant's session policy before it is sent, and checks
 * again right before transmission that the request was not changed since.
 * <p>
 * The returned client is a {@link CheckedDynamoDbClient}: usable only inside a tenant scope (any call without one
 * fails with {@link dev.tenancy.context.MissingTenantException} before anything is sent, and there is no fallback to
 * the base credentials), refusing requests whose override configuration could change their identity, signing or
 * content, and never handing out its credentials through {@code serviceClientConfiguration()}. Tenancy exceptions
 * raised inside the SDK pipeline (guard denial, missing tenant, unavailable tenant credentials) are thrown as
 * themselves rather than wrapped in {@code SdkClientException}, also from its waiter.
 * <p>
 * The client is sealed when it is built. A {@linkplain Builder#customizer(Consumer) customizer} may set timeouts,
 * the retry strategy, metric publishers, endpoint and region settings, and add execution interceptors that observe
 * requests or change them before they are marshalled. It cannot:
 * <ul>
 * <li>add client-level plugins or a client-level signer: the factory refuses to build
 * ({@link IllegalStateException});</li>
 * <li>replace the HTTP client, the credentials provider, the auth scheme provider or the SigV4 auth scheme: the
 * factory sets its own after the customizer ran;</li>
 * <li>remove the guard: the factory adds it after the customizer ran and verifies on the built client that it is
 * there and that the credentials provider is the factory's, failing the build otherwise;</li>
 * <li>change a request after the guard checked it: an interceptor that rewrites the marshalled body or the
 * operation header gets the request denied.</li>
 * </ul>
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScopedDynamoDbClientFactory implements SdkAutoCloseable {

	private final DynamoDbClient delegate;

	private final CheckedDynamoDbClient client;

	private final DynamoDbEnhancedClient enhancedClient;

	private final IsolationMode mode;

	private TenantScopedDynamoDbClientFactory(Builder builder, TenantRequestGuard guard, SdkHttpClient httpClient) {
		this.mode = builder.mode;
		AwsCredentialsProvider credentials = credentials(builder);
		DynamoDbClientBuilder clientBuilder = DynamoDbClient.builder();
		if (builder.region != null) {
			clientBuilder.region(builder.region);
		}
		if (builder.endpointOverride != null) {
			clientBuilder.endpointOverride(builder.endpointOverride);
		}
		builder.customizer.accept(clientBuilder);
		refuseUnsealableCustomization(clientBuilder);
		// Applied after the customizer, so that neither the guard, the shared HTTP client nor the credentials and the
		// way requests are signed with them can be replaced or dropped by a customization.
		ClientOverrideConfiguration customized = clientBuilder.overrideConfiguration();
		this.delegate = clientBuilder.httpClient(httpClient)
			.credentialsProvider(credentials)
			.authSchemeProvider(DynamoDbAuthSchemeProvider.defaultProvider())
			.putAuthScheme(AwsV4AuthScheme.create())
			.overrideConfiguration(customized.toBuilder().addExecutionInterceptor(guard).build())
			.build();
		try {
			verifySealed(this.delegate.serviceClientConfiguration(), guard, credentials);
		}
		catch (RuntimeException ex) {
			this.delegate.close();
			throw ex;
		}
		this.client = CheckedDynamoDbClient.wrap(this.delegate, new TenantRequestCheck(guard, builder.fences),
				"TenantScopedDynamoDbClient[" + this.delegate + "]");
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

	private static void refuseUnsealableCustomization(DynamoDbClientBuilder clientBuilder) {
		Assert.state(clientBuilder.plugins().isEmpty(), () -> "The tenant-scoped DynamoDB client customizer added "
				+ "client-level plugins " + clientBuilder.plugins() + ": plugins run after the factory set the guard "
				+ "and the tenant credentials and could remove them, so they are not allowed. Configure the client "
				+ "through overrideConfiguration(...) (timeouts, retry strategy, metric publishers, interceptors) "
				+ "instead.");
		Assert.state(clientBuilder.overrideConfiguration().advancedOption(SdkAdvancedClientOption.SIGNER).isEmpty(),
				() -> "The tenant-scoped DynamoDB client customizer set a client-level signer: a signer decides which "
						+ "credentials sign the requests, so it is not allowed. Remove "
						+ "SdkAdvancedClientOption.SIGNER from the customizer.");
	}

	private static void verifySealed(DynamoDbServiceClientConfiguration built, TenantRequestGuard guard,
			AwsCredentialsProvider credentials) {
		Assert.state(built.overrideConfiguration().executionInterceptors().contains(guard),
				"The built tenant-scoped DynamoDB client lacks the TenantRequestGuard among its execution "
						+ "interceptors, so it is not used. Remove whatever customization drops interceptors.");
		Assert.state(built.credentialsProvider() == credentials, () -> "The built tenant-scoped DynamoDB client "
				+ "signs with " + built.credentialsProvider() + " instead of the factory's " + credentials
				+ ", so it is not used. Remove whatever customization replaces the credentials provider.");
	}

	/**
	 * The tenant-scoped client's check: a tenant scope, no Scan or PartiQL, no unsafe request overrides, and no
	 * {@linkplain TenantFences fence} of the tenant that refuses the operation.
	 */
	private record TenantRequestCheck(TenantRequestGuard guard,
			@Nullable TenantFences fences) implements CheckedDynamoDbClient.RequestCheck {

		@Override
		public void beforeRequest(String operation, DynamoDbRequest request) {
			check(operation, request);
		}

		@Override
		public Runnable admit(String operation, DynamoDbRequest request) {
			if (this.fences == null) {
				return CheckedDynamoDbClient.RequestCheck.super.admit(operation, request);
			}
			return this.fences.admit(check(operation, request), operation);
		}

		private TenantId check(String operation, DynamoDbRequest request) {
			TenantId tenant = this.guard.beforeRequest(operation);
			if (request.overrideConfiguration().isPresent()) {
				this.guard.refuseUnsafeOverrides(tenant, operation, request.overrideConfiguration().get());
			}
			return tenant;
		}

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

		private @Nullable TenantFences fences;

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
		 * @param fences the fences that refuse a tenant's requests while a lifecycle operation works on its data, or
		 * {@literal null} for none (the client of the lifecycle operation itself)
		 * @return this builder
		 */
		public Builder fences(@Nullable TenantFences fences) {
			this.fences = fences;
			return this;
		}

		/**
		 * @param customizer further customization of the client builder (timeouts, retry strategy, metric
		 * publishers, more interceptors, ...); applied before the factory sets the HTTP client, the credentials, the
		 * auth scheme and the guard, which a customizer therefore cannot replace; client-level plugins and a
		 * client-level signer make {@link #build()} fail (see the class documentation)
		 * @return this builder
		 */
		public Builder customizer(Consumer<DynamoDbClientBuilder> customizer) {
			Assert.notNull(customizer, "Customizer must not be null");
			this.customizer = customizer;
			return this;
		}

		/**
		 * @return the factory
		 * @throws IllegalStateException if the configuration is incomplete for the chosen mode, or the customizer
		 * tried something that would unseal the client
		 */
		public TenantScopedDynamoDbClientFactory build() {
			SdkHttpClient httpClient = this.httpClient;
			TenantRequestGuard guard = this.guard;
			Assert.state(httpClient != null, "An HTTP client is required (one connection pool for all tenants).");
			Assert.state(guard != null, "A TenantRequestGuard is required: tenant-scoped clients are always "
					+ "guarded.");
			return new TenantScopedDynamoDbClientFactory(this, guard, httpClient);
		}

	}

}
