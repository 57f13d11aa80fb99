package dev.tenancy.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiered isolation ({@code tenancy.tiers.*}): which tenants have tables of their own (silo) and how those tables are
 * named. Every other tenant is pooled. A {@code TenantTierResolver} bean replaces the list. Tiers can change at runtime
 * through the {@code TenantTierRegistry} bean.
 *
 * @author tenancy
 * @since 0.3
 */
public class TiersProperties {

	/**
	 * Whether tenants may have tables of their own even when none is listed in 'silo-tenants' and no
	 * TenantTierResolver bean decides the tiers, so that tenants can be moved into silo tables at runtime (through
	 * the TenantTierRegistry bean). Tiers are on anyway when silo tenants are listed or a resolver bean exists.
	 */
	private boolean enabled;

	/**
	 * Tenants whose items live in tables of their own (the silo tier); every other tenant shares the pooled tables.
	 */
	private List<String> siloTenants = new ArrayList<>();

	/**
	 * Name of a silo tenant's table: exactly one '{tenant}' and at most one '{table}' (the pooled table's name, with
	 * 'tenancy.table-name-prefix'), for example '{table}-{tenant}' or 'app-{tenant}'. A silo table has the pooled
	 * table's keys and indexes.
	 */
	private String siloTableTemplate = "{table}-{tenant}";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getSiloTenants() {
		return this.siloTenants;
	}

	public void setSiloTenants(List<String> siloTenants) {
		this.siloTenants = siloTenants;
	}

	public String getSiloTableTemplate() {
		return this.siloTableTemplate;
	}

	public void setSiloTableTemplate(String siloTableTemplate) {
		this.siloTableTemplate = siloTableTemplate;
	}

}
