package dev.tenancy.lifecycle;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.util.Assert;

/**
 * The tenant's lifecycle sessions: the STS sessions and the guard of the {@linkplain TenantLifecycle lifecycle
 * client}. Both use {@link TenancyPolicies#migrationSessionPolicy(TenantId)} (the tenant's own partition keys in its
 * pooled and its silo tables), under the access variant {@link #VARIANT} (role session name {@code lifecycle-<id>},
 * so that CloudTrail tells lifecycle work from the tenant's own requests). Build the lifecycle client with
 * {@code TenantScopedDynamoDbClientFactory} from {@link #credentials} and {@link #guard}, without fences.
 *
 * @author tenancy
 * @since 0.4
 */
public final class LifecycleSessions {

	/** The access variant of lifecycle sessions: role session name {@code lifecycle-<id>}. */
	public static final AccessVariant VARIANT = AccessVariant.of("lifecycle");

	private LifecycleSessions() {
	}

	/**
	 * @param policies the application's policies (with tiers); must not be {@literal null}
	 * @param stsClient the STS client signed with the application's identity; not closed by the provider
	 * @param roleArn the tenant role
	 * @param tagKey the session tag key carrying the tenant id
	 * @return a builder of the lifecycle sessions' credentials provider, to complete (for example with a listener)
	 * and build
	 */
	public static StsTenantCredentialsProvider.Builder credentials(TenancyPolicies policies, StsClient stsClient,
			String roleArn, String tagKey) {
		Assert.notNull(policies, "Policies must not be null");
		return StsTenantCredentialsProvider.builder()
			.stsClient(stsClient)
			.ownsStsClient(false)
			.roleArn(roleArn)
			.tenantTagKey(tagKey)
			.accessVariant(VARIANT)
			.maximumTenants(16)
			.sessionPolicy(policies::migrationSessionPolicyJson);
	}

	/**
	 * @param policies the application's policies (with tiers); must not be {@literal null}
	 * @param roleArn the tenant role
	 * @param tagKey the session tag key carrying the tenant id
	 * @return the guard of the lifecycle client: it evaluates each request against the tenant's lifecycle session
	 * policy and keeps index keys in the tenant's namespace
	 */
	public static TenantRequestGuard guard(TenancyPolicies policies, String roleArn, String tagKey) {
		Assert.notNull(policies, "Policies must not be null");
		Assert.hasText(roleArn, "Role ARN must not be empty");
		Assert.hasText(tagKey, "Tag key must not be empty");
		TenantSessionPolicies sessions = TenantSessionPolicies.of(policies::migrationSessionPolicy, roleArn, tagKey, 16,
				VARIANT);
		return new TenantRequestGuard(new DynamoDbRequestContextExtractor(policies.arns(), policies.keySchema()),
				PolicyEvaluator.create(), sessions, TenantGuardListener.NONE, policies.keyTemplate());
	}

}
