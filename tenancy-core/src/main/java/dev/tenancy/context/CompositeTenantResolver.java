package dev.tenancy.context;

import java.util.List;
import java.util.Optional;

/**
 * A {@link TenantResolver} that asks its delegates in order and returns the first tenant found.
 *
 * @author tenancy
 * @since 0.1
 */
public final class CompositeTenantResolver implements TenantResolver {

	private final List<TenantResolver> delegates;

	/**
	 * @param delegates the resolvers to ask, in order; must not be {@literal null}
	 */
	public CompositeTenantResolver(List<? extends TenantResolver> delegates) {
		this.delegates = List.copyOf(delegates);
	}

	@Override
	public Optional<TenantId> resolve() {
		for (TenantResolver delegate : this.delegates) {
			Optional<TenantId> tenant = delegate.resolve();
			if (tenant.isPresent()) {
				return tenant;
			}
		}
		return Optional.empty();
	}

}
