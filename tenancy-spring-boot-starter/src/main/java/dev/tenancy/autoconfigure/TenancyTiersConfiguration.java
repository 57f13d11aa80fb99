package dev.tenancy.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TierChangeEviction;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;

import static dev.tenancy.autoconfigure.TenancyAutoConfiguration.valid;

/**
 * The tiers ({@code tenancy.tiers.*}): the {@link TenantTierRegistry} bean, through which a tenant's tier can change
 * at runtime, starting from the application's {@link TenantTierResolver} bean or the listed silo tenants; the
 * {@link TenantTables} deciding each request's table from it; and the {@link TierChangeEviction} that drops a
 * tenant's cached sessions and compiled policies when its tier changes. Without silo tenants, a resolver bean or
 * {@code tenancy.tiers.enabled}, every tenant is pooled and the registry refuses {@code SILO}.
 *
 * @author tenancy
 * @since 0.4
 */
@Configuration(proxyBeanMethods = false)
class TenancyTiersConfiguration {

	/** Name of the {@link TenantTierRegistry} bean. */
	static final String TIER_REGISTRY = "tenancyTenantTierRegistry";

	@Bean(TIER_REGISTRY)
	@ConditionalOnMissingBean
	TenantTierRegistry tenancyTenantTierRegistry(TenancyProperties properties, ListableBeanFactory beanFactory) {
		TenantTierResolver resolver = applicationResolver(beanFactory);
		if (resolver != null) {
			return TenantTierRegistry.of(resolver);
		}
		TiersProperties tiers = properties.getTiers();
		if (!tiers.isEnabled() && tiers.getSiloTenants().isEmpty()) {
			return TenantTierRegistry.pooled();
		}
		List<TenantId> siloTenants = valid("tenancy.tiers.silo-tenants", tiers.getSiloTenants(),
				"List valid tenant ids (" + TenantId.ALLOWED + ").",
				() -> tiers.getSiloTenants().stream().map(TenantId::of).toList());
		return TenantTierRegistry.of(TenantTierResolver.silo(siloTenants));
	}

	/** The application's own resolver, if it defines one (the registry wraps it). */
	private static @Nullable TenantTierResolver applicationResolver(ListableBeanFactory beanFactory) {
		List<String> names = Arrays.stream(beanFactory.getBeanNamesForType(TenantTierResolver.class))
			.filter((name) -> !TIER_REGISTRY.equals(name))
			.toList();
		if (names.size() > 1) {
			throw new InvalidTenancyConfigurationException("tenancy.tiers", names, "Several TenantTierResolver beans "
					+ "are defined, so the tier of a tenant would be ambiguous.", "Define one TenantTierResolver (or "
							+ "TenantTierRegistry) bean.", null);
		}
		return names.isEmpty() ? null : beanFactory.getBean(names.get(0), TenantTierResolver.class);
	}

	@Bean
	@ConditionalOnMissingBean
	TenantTables tenancyTenantTables(TenancyProperties properties, TenantTierRegistry tenancyTenantTierRegistry) {
		if (!tenancyTenantTierRegistry.allowsSilo()) {
			return TenantTables.pooled();
		}
		TiersProperties tiers = properties.getTiers();
		SiloTableTemplate template = valid("tenancy.tiers.silo-table-template", tiers.getSiloTableTemplate(),
				"Set 'tenancy.tiers.silo-table-template' to a name with exactly one '" + SiloTableTemplate.TENANT
						+ "' and at most one '" + SiloTableTemplate.TABLE + "' that fits every table, for example '"
						+ SiloTableTemplate.TABLE + "-" + SiloTableTemplate.TENANT + "'.",
				() -> SiloTableTemplate.of(tiers.getSiloTableTemplate()));
		return TenantTables.tiered(tenancyTenantTierRegistry, template);
	}

	@Bean
	TierChangeEviction tenancyTierChangeEviction(TenantTierRegistry tenancyTenantTierRegistry,
			TenantRequestGuard tenantRequestGuard, ObjectProvider<TenantCredentialsProvider> tenantCredentials) {
		TierChangeEviction eviction = new TierChangeEviction(tenantRequestGuard,
				tenantCredentials.orderedStream().toList());
		tenancyTenantTierRegistry.addListener(eviction);
		return eviction;
	}

	/** The eviction must be registered before the first tier change, also with lazy initialization. */
	@Bean
	static LazyInitializationExcludeFilter tenancyTierChangeEvictionEagerly() {
		return LazyInitializationExcludeFilter.forBeanTypes(TierChangeEviction.class);
	}

}
