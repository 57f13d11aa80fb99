package dev.tenancy.dynamodb;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.PrincipalSession;
import dev.tenancy.iam.TenancyPolicies;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import org.springframework.util.Assert;

/**
 * The policies the guard evaluates for each tenant: the role ceiling policy as the identity policy and the tenant's
 * session policy, exactly as STS and IAM see them for the tenant's session (role session name {@code tenant-<id>},
 * session tag {@code tenant=<id>}). Compiled sessions are cached per tenant, bounded.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantSessionPolicies implements Function<TenantId, PrincipalSession> {

	private final TenancyPolicies policies;

	private final IamPolicy ceiling;

	private final Arn role;

	private final String tagKey;

	private final LoadingCache<TenantId, PrincipalSession> cache;

	/**
	 * @param policies the policy generator, must not be {@literal null}
	 * @param roleArn the tenant role's ARN ({@code arn:aws:iam::<account>:role/<name>}), must not be {@literal null}
	 * @param tagKey the session tag key that carries the tenant id
	 * @param maximumTenants how many compiled tenant sessions to keep
	 */
	public TenantSessionPolicies(TenancyPolicies policies, String roleArn, String tagKey, long maximumTenants) {
		Assert.notNull(policies, "Policies must not be null");
		Assert.hasText(roleArn, "Role ARN must not be empty");
		Assert.hasText(tagKey, "Tag key must not be empty");
		this.policies = policies;
		this.ceiling = policies.ceilingPolicy();
		this.role = Arn.fromString(roleArn);
		this.tagKey = tagKey;
		this.cache = Caffeine.newBuilder().maximumSize(maximumTenants).build(this::compile);
	}

	@Override
	public PrincipalSession apply(TenantId tenant) {
		return this.cache.get(tenant);
	}

	private PrincipalSession compile(TenantId tenant) {
		String roleName = this.role.resource().resource();
		return PrincipalSession
			.assumedRole(this.role.partition(), this.role.accountId().orElse(""), roleName, "AROATENANCYROLE",
					"tenant-" + tenant.value())
			.identityPolicy(this.ceiling)
			.sessionPolicy(this.policies.sessionPolicy(tenant))
			.tag(this.tagKey, tenant.value())
			.build();
	}

}
