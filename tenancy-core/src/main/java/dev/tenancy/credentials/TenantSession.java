package dev.tenancy.credentials;

import java.util.concurrent.atomic.AtomicBoolean;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import dev.tenancy.context.TenantId;

/**
 * One tenant's session of a {@link StsTenantCredentialsProvider}: the SDK provider that caches and refreshes it, with
 * its failures translated into {@link TenantCredentialsUnavailableException}.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenantSession implements AwsCredentialsProvider, SdkAutoCloseable {

	private final TenantId tenant;

	private final String roleArn;

	private final StsAssumeRoleCredentialsProvider credentials;

	private final AtomicBoolean closed = new AtomicBoolean();

	TenantSession(TenantId tenant, String roleArn, StsAssumeRoleCredentialsProvider credentials) {
		this.tenant = tenant;
		this.roleArn = roleArn;
		this.credentials = credentials;
	}

	@Override
	public AwsCredentials resolveCredentials() {
		try {
			return this.credentials.resolveCredentials();
		}
		catch (RuntimeException ex) {
			throw StsFailures.unavailable(this.tenant, this.roleArn, ex);
		}
	}

	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.credentials.close();
		}
	}

	boolean isClosed() {
		return this.closed.get();
	}

	@Override
	public String toString() {
		return "TenantSession[tenant=" + this.tenant + ", roleArn=" + this.roleArn + "]";
	}

}
