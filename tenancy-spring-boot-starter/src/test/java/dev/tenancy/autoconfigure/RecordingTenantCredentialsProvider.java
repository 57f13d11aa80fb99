package dev.tenancy.autoconfigure;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;

/**
 * A {@link TenantCredentialsProvider} decorator that records the tenants it was asked for.
 */
final class RecordingTenantCredentialsProvider implements TenantCredentialsProvider {

	static final Set<TenantId> TENANTS = ConcurrentHashMap.newKeySet();

	private final TenantCredentialsProvider delegate;

	RecordingTenantCredentialsProvider(TenantCredentialsProvider delegate) {
		this.delegate = delegate;
	}

	@Override
	public AwsCredentialsProvider forTenant(TenantId tenant) {
		TENANTS.add(tenant);
		return this.delegate.forTenant(tenant);
	}

	@Override
	public void evict(TenantId tenant) {
		this.delegate.evict(tenant);
	}

	@Override
	public void close() {
		this.delegate.close();
	}

}
