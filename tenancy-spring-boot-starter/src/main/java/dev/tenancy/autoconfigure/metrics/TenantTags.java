package dev.tenancy.autoconfigure.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

import dev.tenancy.context.TenantId;

/**
 * Bounds the cardinality of the {@code tenant} metric tag: the first {@code maximum} distinct tenants seen are tagged
 * with their id, every later one with {@value #OTHER}, which no tenant id can be. Thread-safe; lock-free once a tenant
 * is known or the bound is reached.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantTags {

	/** The tag value of tenants beyond the bound, and of requests without a known tenant. */
	public static final String OTHER = "(other)";

	/** The tag key. */
	public static final String KEY = "tenant";

	private final int maximum;

	private final Set<String> tagged = ConcurrentHashMap.newKeySet();

	private volatile boolean full;

	/**
	 * @param maximum the most tenants tagged with their own id, zero or more
	 */
	public TenantTags(int maximum) {
		Assert.isTrue(maximum >= 0, () -> String.format("Maximum tenant tags must be zero or more, not '%d'.", maximum));
		this.maximum = maximum;
		this.full = (maximum == 0);
	}

	/**
	 * The tag value of a tenant.
	 * @param tenant the tenant id, or {@literal null} if unknown
	 * @return the tenant id, or {@value #OTHER} when the bound is reached or the tenant is unknown
	 */
	public String valueOf(@Nullable String tenant) {
		if (tenant == null) {
			return OTHER;
		}
		if (this.tagged.contains(tenant)) {
			return tenant;
		}
		if (this.full) {
			return OTHER;
		}
		synchronized (this.tagged) {
			if (this.tagged.contains(tenant)) {
				return tenant;
			}
			if (this.tagged.size() >= this.maximum) {
				this.full = true;
				return OTHER;
			}
			this.tagged.add(tenant);
			return tenant;
		}
	}

	/**
	 * The tag value of a tenant.
	 * @param tenant the tenant
	 * @return the tenant id, or {@value #OTHER} when the bound is reached
	 */
	public String valueOf(TenantId tenant) {
		return valueOf(tenant.value());
	}

	/**
	 * @return the most tenants tagged with their own id
	 */
	public int maximum() {
		return this.maximum;
	}

}
