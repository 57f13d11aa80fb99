package dev.tenancy.test.repository;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenantReadCheckListener;

/**
 * Counts the items the read-side check withheld.
 */
public final class ReadCheckEvents implements TenantReadCheckListener {

	private final List<String> events = new CopyOnWriteArrayList<>();

	@Override
	public void onForeignItem(TenantId tenant, String operation, String table, @Nullable String index) {
		this.events.add(tenant + " " + operation + " " + index);
	}

	/**
	 * @return the withheld items, as {@code tenant operation index}
	 */
	public List<String> events() {
		return List.copyOf(this.events);
	}

}
