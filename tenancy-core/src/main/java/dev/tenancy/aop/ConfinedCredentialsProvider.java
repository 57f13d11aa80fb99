package dev.tenancy.aop;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials provider of the SDK client behind a {@link CrossTenantAccess}: it hands out the cross-tenant
 * identity's credentials only while a {@link dev.tenancy.annotation.CrossTenant} call that unlocks this access runs on
 * the calling thread. The synchronous SDK client resolves the credentials for each request on the thread that sends
 * it, so this is a check at send time, whatever object (paginator, iterable, waiter, stored reference) sends it.
 *
 * @author tenancy
 * @since 0.1
 */
final class ConfinedCredentialsProvider implements AwsCredentialsProvider {

	private final String access;

	private final AwsCredentialsProvider delegate;

	ConfinedCredentialsProvider(String access, AwsCredentialsProvider delegate) {
		this.access = access;
		this.delegate = delegate;
	}

	@Override
	public AwsCredentials resolveCredentials() {
		CrossTenantCall.requireUnlocked(this.access, "resolving the identity's credentials");
		return this.delegate.resolveCredentials();
	}

	@Override
	public String toString() {
		return "ConfinedCredentialsProvider[" + this.access + "]";
	}

}
