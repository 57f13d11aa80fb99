package dev.tenancy.dynamodb;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import org.springframework.util.Assert;

/**
 * The application's own, unscoped DynamoDB access, for the little work that belongs to no tenant: creating tables,
 * migrations, operational tooling. Its requests are signed with the application's identity, are not confined to a
 * tenant and are not checked by the guard.
 * <p>
 * It is deliberately a type of its own rather than a {@link DynamoDbClient} bean, so that injecting a
 * {@code DynamoDbClient} never yields unscoped access, so that code asking for it says so in its signature, and so
 * that the ArchUnit rules can confine it to the packages an application names. It is opt-in: the application's
 * identity needs control-plane permissions for it, which it does not have by default
 * ({@link dev.tenancy.iam.policy.TenancyPolicies#adminClientPolicy()} lists them: creating, describing and updating the
 * tables, never deleting them). The Spring Boot starter registers one only with
 * {@code tenancy.admin-client.enabled=true}, and never exposes its inner client as a bean.
 *
 * @author tenancy
 * @since 0.2
 */
public final class TenancyAdminClient implements SdkAutoCloseable {

	private final DynamoDbClient client;

	private final DynamoDbEnhancedClient enhancedClient;

	private TenancyAdminClient(DynamoDbClient client) {
		this.client = client;
		this.enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
	}

	/**
	 * @param client a client signed with the application's own identity; must not be {@literal null}; closed with
	 * this admin client
	 * @return the admin client
	 */
	public static TenancyAdminClient of(DynamoDbClient client) {
		Assert.notNull(client, "DynamoDbClient must not be null");
		return new TenancyAdminClient(client);
	}

	/**
	 * @return the unscoped client
	 */
	public DynamoDbClient dynamoDbClient() {
		return this.client;
	}

	/**
	 * @return an enhanced client over {@link #dynamoDbClient()}
	 */
	public DynamoDbEnhancedClient enhancedClient() {
		return this.enhancedClient;
	}

	@Override
	public void close() {
		this.client.close();
	}

	@Override
	public String toString() {
		return "TenancyAdminClient[" + this.client + "]";
	}

}
