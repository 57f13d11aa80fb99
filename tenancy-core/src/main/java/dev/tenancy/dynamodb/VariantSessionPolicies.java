package dev.tenancy.dynamodb;

import java.util.Map;
import java.util.function.Function;

import org.springframework.util.Assert;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AccessVariantResolver;
import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.PrincipalSession;

/**
 * The policy the guard evaluates for each tenant when tenants have several {@link AccessVariant access variants}: the
 * session of the variant the caller's principal has, exactly as STS receives it for that variant's session, so that
 * the guard judges a request by the same policy it is signed with. The variant is decided on the thread that sends the
 * request. A variant without sessions fails the request ({@link IllegalStateException}); the guard never evaluates
 * another variant's policy.
 *
 * @author tenancy
 * @since 0.1
 */
public final class VariantSessionPolicies implements Function<TenantId, PrincipalSession> {

	private final Map<AccessVariant, TenantSessionPolicies> sessions;

	private final AccessVariantResolver resolver;

	/**
	 * @param sessions the compiled sessions of each variant
	 * @param resolver decides the variant of the calling thread's principal
	 */
	public VariantSessionPolicies(Map<AccessVariant, TenantSessionPolicies> sessions, AccessVariantResolver resolver) {
		Assert.notEmpty(sessions, "Sessions must not be empty");
		Assert.notNull(resolver, "Resolver must not be null");
		this.sessions = Map.copyOf(sessions);
		this.resolver = resolver;
	}

	@Override
	public PrincipalSession apply(TenantId tenant) {
		AccessVariant variant = this.resolver.resolve();
		TenantSessionPolicies variantSessions = this.sessions.get(variant);
		Assert.state(variantSessions != null, () -> String.format("The guard has no session policy for access "
				+ "variant '%s', which the caller of tenant '%s' has (variants: %s); configure the variant's column "
				+ "restriction.", variant, tenant, this.sessions.keySet()));
		return variantSessions.apply(tenant);
	}

	/**
	 * Drop the tenant's compiled sessions of every variant.
	 * @param tenant the tenant, must not be {@literal null}
	 */
	public void evict(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		this.sessions.values().forEach((variantSessions) -> variantSessions.evict(tenant));
	}

}
