package dev.tenancy.credentials;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsServiceClientConfiguration;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;

import dev.tenancy.context.TenantId;

/**
 * The shared STS client as one tenant's SDK session provider sees it: it times and logs every {@code AssumeRole}
 * call, warns when the packed session policy nears STS's limit, reports each call to the
 * {@link TenantCredentialsListener}, and never closes the shared client.
 *
 * @author tenancy
 * @since 0.1
 */
final class ReportingStsClient implements StsClient {

	/** The packed policy size, in percent of STS's limit, from which a warning is logged. */
	static final int PACKED_POLICY_WARN_PERCENT = 80;

	private static final Log logger = LogFactory.getLog(StsTenantCredentialsProvider.class);

	private final StsClient stsClient;

	private final TenantId tenant;

	private final String roleArn;

	private final @Nullable TenantCredentialsListener listener;

	ReportingStsClient(StsClient stsClient, TenantId tenant, String roleArn,
			@Nullable TenantCredentialsListener listener) {
		this.stsClient = stsClient;
		this.tenant = tenant;
		this.roleArn = roleArn;
		this.listener = listener;
	}

	@Override
	public AssumeRoleResponse assumeRole(AssumeRoleRequest request) {
		long start = System.nanoTime();
		AssumeRoleResponse response;
		try {
			response = this.stsClient.assumeRole(request);
		}
		catch (RuntimeException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("AssumeRole for tenant '" + this.tenant + "' failed after "
						+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms: " + ex.getMessage());
			}
			notifyListener(start, ex);
			throw ex;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("AssumeRole for tenant '" + this.tenant + "' succeeded in "
					+ Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms; session expires at "
					+ ((response.credentials() != null) ? response.credentials().expiration() : null)
					+ ", packed policy size " + response.packedPolicySize() + "%");
		}
		Integer packed = response.packedPolicySize();
		if (packed != null && packed >= PACKED_POLICY_WARN_PERCENT && logger.isWarnEnabled()) {
			logger.warn(String.format("STS reports the packed session policy and tags of role '%s' at %d%% of "
					+ "its limit; AssumeRole fails above 100%%. Grant fewer tables, indexes or attributes in the "
					+ "session policy.", this.roleArn, packed));
		}
		notifyListener(start, null);
		return response;
	}

	private void notifyListener(long startNanos, @Nullable Throwable failure) {
		TenantCredentialsListener listener = this.listener;
		if (listener == null) {
			return;
		}
		try {
			listener.onAssumeRole(this.tenant, Duration.ofNanos(System.nanoTime() - startNanos), failure);
		}
		catch (RuntimeException ex) {
			logger.warn("TenantCredentialsListener " + listener + " threw an exception; it was ignored", ex);
		}
	}

	@Override
	public String serviceName() {
		return StsClient.SERVICE_NAME;
	}

	@Override
	public StsServiceClientConfiguration serviceClientConfiguration() {
		return this.stsClient.serviceClientConfiguration();
	}

	@Override
	public void close() {
		// The shared client belongs to the StsTenantCredentialsProvider (or to the application).
	}

}
