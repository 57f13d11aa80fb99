package dev.tenancy.aop;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.dynamodb.CheckedDynamoDbClient;
import dev.tenancy.dynamodb.RequestOverrides;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

import org.springframework.util.Assert;

/**
 * A named cross-tenant access: a {@link DynamoDbClient} signed with a separately configured, narrowly scoped identity
 * (for example a role that may only Query one global index), usable <em>only</em> while a
 * {@link CrossTenant @CrossTenant} method that names this access runs on the calling thread.
 * <p>
 * The access builds the SDK client itself, so that the check happens when a request is <em>sent</em>, however the
 * request was obtained (a paginator or an enhanced-client iterable returned from the method, a stored client
 * reference, a waiter):
 * <ul>
 * <li>the client's credentials provider hands out the identity's credentials only while a {@code @CrossTenant} call
 * that unlocks this access runs on the calling thread (the synchronous client resolves them per request, on that
 * thread), and an execution interceptor refuses the request in {@code beforeExecution} for the same reason;</li>
 * <li>the client is a {@link CheckedDynamoDbClient}, the same typed wrapper as the tenant-scoped client: it checks each
 * request before the SDK runs, refuses request overrides beyond timeouts, API names and metric publishers (plugins,
 * a credentials or token provider, a signer, an endpoint provider, headers, ...), since they could replace the identity
 * or remove the checks, and its {@code serviceClientConfiguration()} hands out no credentials.</li>
 * </ul>
 * Outside such a call every request fails with {@link CrossTenantAccessDeniedException} before anything is sent.
 * Declare one bean per identity; each needs a distinct {@link #name() name}, which {@link CrossTenant#access()} refers
 * to (an annotation without one refers to {@value CrossTenant#DEFAULT_ACCESS}):
 *
 * <pre>{@code
 * @Bean
 * CrossTenantAccess loginLookup(StsClient sts) {
 *     return CrossTenantAccess.builder()
 *         .name("login-lookup")
 *         .credentialsProvider(StsAssumeRoleCredentialsProvider.builder()
 *             .stsClient(sts)
 *             .refreshRequest((request) -> request.roleArn(LOGIN_LOOKUP_ROLE_ARN).roleSessionName("login-lookup"))
 *             .build())
 *         .client((client) -> client.region(Region.EU_WEST_1))
 *         .build();
 * }
 *
 * @CrossTenant(access = "login-lookup", value = "Sign-in: find the tenant of a login e-mail")
 * public Optional<TenantId> tenantOf(String email) {
 *     DynamoDbIndex<Login> byEmail = loginLookup.enhancedClient().table("app", LOGIN).index("byEmail");
 *     ...
 * }
 * }</pre>
 *
 * @author tenancy
 * @since 0.1
 * @see CrossTenantInterceptor
 */
public final class CrossTenantAccess implements AutoCloseable {

	private final String name;

	private final DynamoDbClient sdkClient;

	private final DynamoDbClient client;

	private final DynamoDbEnhancedClient enhancedClient;

	private CrossTenantAccess(String name, AwsCredentialsProvider credentialsProvider,
			Consumer<DynamoDbClientBuilder> clientSettings) {
		this.name = name;
		ConfinedCredentialsProvider credentials = new ConfinedCredentialsProvider(name, credentialsProvider);
		ConfinedRequestInterceptor interceptor = new ConfinedRequestInterceptor(name);
		DynamoDbClientBuilder builder = DynamoDbClient.builder();
		clientSettings.accept(builder);
		ClientOverrideConfiguration overrides = builder.overrideConfiguration();
		builder.credentialsProvider(credentials)
			.overrideConfiguration(overrides.toBuilder().addExecutionInterceptor(interceptor).build());
		this.sdkClient = builder.build();
		DynamoDbServiceClientConfiguration configuration = this.sdkClient.serviceClientConfiguration();
		if (configuration.credentialsProvider() != credentials
				|| !configuration.overrideConfiguration().executionInterceptors().contains(interceptor)) {
			this.sdkClient.close();
			throw new IllegalStateException(String.format("Cross-tenant access '%s': the client settings (for "
					+ "example a client plugin) replaced the access's credentials provider or removed its execution "
					+ "interceptor. Configure region, endpoint and HTTP client only; the access sets the credentials "
					+ "and its checks itself.", name));
		}
		this.client = CheckedDynamoDbClient.wrap(this.sdkClient, this::check, "CrossTenantDynamoDbClient[" + name + "]");
		this.enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(this.client).build();
	}

	/**
	 * @return a builder for an access
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * @return the name {@link CrossTenant#access()} refers to
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the cross-tenant client; its requests are refused unless a {@code @CrossTenant} call that names this
	 * access runs on the sending thread
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
	 * @return the justification of the innermost {@code @CrossTenant} call running on this thread, if any
	 */
	public static Optional<String> currentJustification() {
		CrossTenantCall call = CrossTenantCall.current();
		return (call != null) ? Optional.of(call.justification()) : Optional.empty();
	}

	/**
	 * @return the name of the access the innermost {@code @CrossTenant} call running on this thread unlocks, if any
	 */
	public static Optional<String> currentAccess() {
		CrossTenantCall call = CrossTenantCall.current();
		return (call != null) ? Optional.of(call.access()) : Optional.empty();
	}

	/**
	 * Close the SDK client of this access (not the credentials provider, which the application owns).
	 */
	@Override
	public void close() {
		this.sdkClient.close();
	}

	@Override
	public String toString() {
		return "CrossTenantAccess[" + this.name + "]";
	}

	private void check(String operation, DynamoDbRequest request) {
		CrossTenantCall.requireUnlocked(this.name, "DynamoDB " + operation);
		refuseUnsafeOverrides(this.name, operation, request);
	}

	/**
	 * Refuse a request whose override configuration could replace the access's identity, signing or checks: the same
	 * allow-list as for tenant-scoped requests ({@link RequestOverrides}).
	 * @param access the access about to send the request
	 * @param operation the operation, for the message
	 * @param request the request
	 * @throws CrossTenantAccessDeniedException if the override configuration carries anything not allowed
	 */
	static void refuseUnsafeOverrides(String access, String operation, SdkRequest request) {
		RequestOverrideConfiguration overrides = request.overrideConfiguration().orElse(null);
		if (overrides == null) {
			return;
		}
		List<String> unsafe = RequestOverrides.unsafeParts(overrides);
		if (!unsafe.isEmpty()) {
			throw new CrossTenantAccessDeniedException(String.format("Cross-tenant access '%s': DynamoDB %s refused "
					+ "because its request override configuration sets %s, which could replace the access's "
					+ "credentials, its signing or the checked content. Send the request without them; only timeouts, "
					+ "API names and metric publishers may be overridden per request.", access, operation,
					String.join(", ", unsafe)), access, access);
		}
	}

	/**
	 * Builds a {@link CrossTenantAccess}.
	 */
	public static final class Builder {

		private String name = CrossTenant.DEFAULT_ACCESS;

		private @Nullable AwsCredentialsProvider credentialsProvider;

		private Consumer<DynamoDbClientBuilder> clientSettings = (builder) -> {
		};

		private Builder() {
		}

		/**
		 * @param name the name {@link CrossTenant#access()} refers to; {@value CrossTenant#DEFAULT_ACCESS} unless set
		 * @return this builder
		 */
		public Builder name(String name) {
			Assert.hasText(name, "Name must not be empty");
			this.name = name;
			return this;
		}

		/**
		 * @param credentialsProvider the cross-tenant identity; must not be {@literal null}. The access never closes
		 * it.
		 * @return this builder
		 */
		public Builder credentialsProvider(AwsCredentialsProvider credentialsProvider) {
			Assert.notNull(credentialsProvider, "AwsCredentialsProvider must not be null");
			this.credentialsProvider = credentialsProvider;
			return this;
		}

		/**
		 * @param clientSettings configures the SDK client builder (region, endpoint, HTTP client, retries); must not
		 * be {@literal null}. The access then sets the credentials provider and adds its execution interceptor, and
		 * refuses to start if a client plugin replaced either.
		 * @return this builder
		 */
		public Builder client(Consumer<DynamoDbClientBuilder> clientSettings) {
			Assert.notNull(clientSettings, "Client settings must not be null");
			this.clientSettings = clientSettings;
			return this;
		}

		/**
		 * @return the access, with its SDK client built
		 */
		public CrossTenantAccess build() {
			Assert.state(this.credentialsProvider != null, () -> String.format("Cross-tenant access '%s' needs the "
					+ "credentials provider of its identity: call credentialsProvider(...)", this.name));
			return new CrossTenantAccess(this.name, this.credentialsProvider, this.clientSettings);
		}

	}

}
