package dev.tenancy.lifecycle;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
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

	private static final IamPolicy UNRESTRICTED_IDENTITY = IamPolicy.builder()
		.addStatement((statement) -> statement.sid("GuardIdentity")
			.effect(IamEffect.ALLOW)
			.addAction("*")
			.addResource("*"))
		.build();

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
		Arn role = Arn.fromString(roleArn);
		LoadingCache<TenantId, PrincipalSession> sessions = Caffeine.newBuilder()
			.maximumSize(16)
			.build((tenant) -> PrincipalSession
				.assumedRole(role.partition(), role.accountId().orElse(""), role.resource().resource(),
						"AROATENANCYROLE", VARIANT.roleSessionName(tenant))
				.identityPolicy(UNRESTRICTED_IDENTITY)
				.sessionPolicy(policies.migrationSessionPolicy(tenant))
				.tag(tagKey, tenant.value())
				.build());
		Function<TenantId, PrincipalSession> lookup = sessions::get;
		return new TenantRequestGuard(new DynamoDbRequestContextExtractor(policies.arns(), policies.keySchema()),
				PolicyEvaluator.create(), lookup, TenantGuardListener.NONE, policies.keyTemplate());
	}

}
