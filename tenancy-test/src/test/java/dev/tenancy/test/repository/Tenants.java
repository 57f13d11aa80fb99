package dev.tenancy.test.repository;

import java.util.concurrent.atomic.AtomicInteger;

import dev.tenancy.context.TenantId;

/**
 * Fresh tenant ids, so that tests sharing the table never see each other's data.
 */
final class Tenants {

	private static final AtomicInteger SEQUENCE = new AtomicInteger();

	private Tenants() {
	}

	static TenantId next(String name) {
		return TenantId.of(name + "-" + SEQUENCE.incrementAndGet());
	}

}
