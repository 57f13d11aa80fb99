package dev.tenancy.autoconfigure;

import java.util.ArrayList;
import java.util.List;

/**
 * Tiered isolation ({@code tenancy.tiers.*}): which tenants have tables of their own (silo) and how those tables are
 * named. Every other tenant is pooled. A {@code TenantTierResolver} bean replaces the list.
 *
 * @author tenancy
 * @since 0.3
 */
public class TiersProperties {

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
