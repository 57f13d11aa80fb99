package dev.tenancy.dynamodb;

import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.policy.TenancyPolicies;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import org.springframework.util.Assert;

/**
 * The policy the guard evaluates for each tenant: the tenant's session policy, exactly as STS receives it for the
 * tenant's session (role session name {@code tenant-<id>}, or {@code <variant>-<id>} for a column-restricted
 * {@link AccessVariant}; session tag {@code tenant=<id>}). Compiled sessions are
 * cached per tenant, bounded.
 * <p>
 * The role ceiling policy is deliberately not part of the guard's evaluation: it is IAM's gate (effective access on
 * AWS is ceiling ∩ session policy), its explicit denies of Scan and PartiQL are enforced by the guard before any
 * evaluation, and compiling it again for every tenant (its {@code ${aws:PrincipalTag/tenant}} variables are
 * substituted per session) would more than double the memory each cached tenant costs. The identity gate of the
 * guard's sessions therefore allows everything, so that the session policy alone decides.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantSessionPolicies implements Function<TenantId, PrincipalSession> {

	/** The guard's identity gate: allows everything, so that the tenant's session policy decides. */
	private static final IamPolicy UNRESTRICTED_IDENTITY = IamPolicy.builder()
		.addStatement((statement) -> statement.sid("GuardIdentity")
			.effect(IamEffect.ALLOW)
			.addAction("*")
			.addResource("*"))
		.build();

	private final Function<TenantId, IamPolicy> sessionPolicy;

	private final Arn role;

	private final String tagKey;

	private final AccessVariant variant;

	private final LoadingCache<TenantId, PrincipalSession> cache;

	/**
	 * @param policies the policy generator, must not be {@literal null}
	 * @param roleArn the tenant role's ARN ({@code arn:aws:iam::<account>:role/<name>}), must not be {@literal null}
	 * @param tagKey the session tag key that carries the tenant id
	 * @param maximumTenants how many compiled tenant sessions to keep
	 */
	public TenantSessionPolicies(TenancyPolicies policies, String roleArn, String tagKey, long maximumTenants) {
		this(policies, roleArn, tagKey, maximumTenants, AccessVariant.UNRESTRICTED);
	}

	/**
	 * @param policies the policy generator of the variant, must not be {@literal null}
	 * @param roleArn the tenant role's ARN ({@code arn:aws:iam::<account>:role/<name>}), must not be {@literal null}
	 * @param tagKey the session tag key that carries the tenant id
	 * @param maximumTenants how many compiled tenant sessions to keep
	 * @param variant the access variant whose sessions these are (it names the role session)
	 */
	public TenantSessionPolicies(TenancyPolicies policies, String roleArn, String tagKey, long maximumTenants,
			AccessVariant variant) {
		this(sessionPolicyOf(policies), roleArn, tagKey, maximumTenants, variant);
	}

	private TenantSessionPolicies(Function<TenantId, IamPolicy> sessionPolicy, String roleArn, String tagKey,
			long maximumTenants, AccessVariant variant) {
		Assert.notNull(variant, "Variant must not be null");
		Assert.hasText(roleArn, "Role ARN must not be empty");
		Assert.hasText(tagKey, "Tag key must not be empty");
		this.sessionPolicy = sessionPolicy;
		this.role = Arn.fromString(roleArn);
		this.tagKey = tagKey;
		this.variant = variant;
		this.cache = Caffeine.newBuilder().maximumSize(maximumTenants).build(this::compile);
	}

	/**
	 * Sessions whose policy is not the tenant's ordinary session policy, for example the lifecycle sessions that also
	 * grant a tenant's other tier.
	 * @param sessionPolicy the session policy of each tenant; must not be {@literal null}
	 * @param roleArn the tenant role's ARN ({@code arn:aws:iam::<account>:role/<name>}), must not be {@literal null}
	 * @param tagKey the session tag key that carries the tenant id
	 * @param maximumTenants how many compiled tenant sessions to keep
	 * @param variant the access variant whose sessions these are (it names the role session)
	 * @return the compiled sessions
	 */
	public static TenantSessionPolicies of(Function<TenantId, IamPolicy> sessionPolicy, String roleArn, String tagKey,
			long maximumTenants, AccessVariant variant) {
		Assert.notNull(sessionPolicy, "Session policy must not be null");
		return new TenantSessionPolicies(sessionPolicy, roleArn, tagKey, maximumTenants, variant);
	}

	private static Function<TenantId, IamPolicy> sessionPolicyOf(TenancyPolicies policies) {
		Assert.notNull(policies, "Policies must not be null");
		return policies::sessionPolicy;
	}

	@Override
	public PrincipalSession apply(TenantId tenant) {
		return this.cache.get(tenant);
	}

	/**
	 * Drop the tenant's compiled session, so that its next request compiles the session policy of that moment (for
	 * example after the tenant changed tier). A no-op for a tenant without a compiled session.
	 * @param tenant the tenant, must not be {@literal null}
	 */
	public void evict(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		this.cache.invalidate(tenant);
	}

	private PrincipalSession compile(TenantId tenant) {
		String roleName = this.role.resource().resource();
		return PrincipalSession
			.assumedRole(this.role.partition(), this.role.accountId().orElse(""), roleName, "AROATENANCYROLE",
					this.variant.roleSessionName(tenant))
			.identityPolicy(UNRESTRICTED_IDENTITY)
			.sessionPolicy(this.sessionPolicy.apply(tenant))
			.tag(this.tagKey, tenant.value())
			.build();
	}

}
