package dev.tenancy.test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import dev.tenancy.test.dynamodb.InProcessDynamoDbLocal;
import dev.tenancy.test.dynamodb.LocalDynamoDb;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import dev.tenancy.test.sts.RoleDefinition;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The validated settings collected by {@link TenancyTestKit.Builder}, with their defaults.
 *
 * @author tenancy
 * @since 0.2
 */
final class KitOptions {

	private Function<String, ? extends LocalDynamoDb> dynamoDb = (threadName) -> InProcessDynamoDbLocal.start(
			threadName, 0);

	private @Nullable GatewayAuthorizer authorizer;

	private Clock clock = Clock.systemUTC();

	private AwsBasicCredentials baseCredentials = AwsBasicCredentials.create("AKIA" + randomSuffix(),
			"tenancy-test-kit-base-secret-" + randomSuffix());

	private int stsPort;

	private int gatewayPort;

	private final List<RoleDefinition> roles = new ArrayList<>();

	private List<String> baseIdentityPolicies = List.of(KitPolicies.BASE_IDENTITY_POLICY);

	void dynamoDb(Function<String, ? extends LocalDynamoDb> dynamoDb) {
		this.dynamoDb = Objects.requireNonNull(dynamoDb, "DynamoDB factory must not be null");
	}

	void authorizer(GatewayAuthorizer authorizer) {
		this.authorizer = Objects.requireNonNull(authorizer, "GatewayAuthorizer must not be null");
	}

	void clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "Clock must not be null");
	}

	void baseCredentials(AwsBasicCredentials baseCredentials) {
		this.baseCredentials = Objects.requireNonNull(baseCredentials, "Base credentials must not be null");
	}

	void baseIdentityPolicies(String policyJson, String... morePolicyJson) {
		List<String> policies = new ArrayList<>();
		policies.add(policyJson);
		policies.addAll(List.of(morePolicyJson));
		for (String policy : policies) {
			Assert.hasText(policy, "Base identity policy must not be empty");
		}
		this.baseIdentityPolicies = List.copyOf(policies);
	}

	void stsPort(int port) {
		this.stsPort = checkPort(port);
	}

	void gatewayPort(int port) {
		this.gatewayPort = checkPort(port);
	}

	void role(RoleDefinition role) {
		this.roles.add(role);
	}

	Function<String, ? extends LocalDynamoDb> dynamoDb() {
		return this.dynamoDb;
	}

	@Nullable GatewayAuthorizer authorizer() {
		return this.authorizer;
	}

	Clock clock() {
		return this.clock;
	}

	AwsBasicCredentials baseCredentials() {
		return this.baseCredentials;
	}

	List<String> baseIdentityPolicies() {
		return this.baseIdentityPolicies;
	}

	int stsPort() {
		return this.stsPort;
	}

	int gatewayPort() {
		return this.gatewayPort;
	}

	List<RoleDefinition> roles() {
		return this.roles;
	}

	private static int checkPort(int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(String.format("Port %d is out of range.", port));
		}
		return port;
	}

	private static String randomSuffix() {
		String random = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
		return random.substring(0, 16);
	}

}
