package dev.tenancy.credentials;

import java.io.Serial;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.tenancy.context.TenantId;

/**
 * Thrown when no valid STS session can be obtained for a tenant: STS is unreachable, throttles, times out or refuses
 * the {@code AssumeRole} call, and no cached session of the tenant is still valid. The tenant-scoped call fails
 * closed; it is never retried with broader credentials (TH-10).
 * <p>
 * The message names the tenant, the role, the cause (with the AWS error code when STS answered) and the remedy.
 *
 * @author tenancy
 * @since 0.1
 */
public class TenantCredentialsUnavailableException extends DataAccessResourceFailureException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final TenantId tenant;

	private final String roleArn;

	private final @Nullable String errorCode;

	/**
	 * Create a new exception.
	 * @param tenant the tenant without credentials, must not be {@literal null}
	 * @param roleArn the role that could not be assumed, must not be {@literal null}
	 * @param errorCode the AWS error code returned by STS (for example {@code Throttling}), or {@literal null} if
	 * STS did not answer
	 * @param message the detail message, naming tenant, role, cause and remedy
	 * @param cause the underlying failure, may be {@literal null}
	 */
	public TenantCredentialsUnavailableException(TenantId tenant, String roleArn, @Nullable String errorCode,
			String message, @Nullable Throwable cause) {
		super(message, cause);
		this.tenant = tenant;
		this.roleArn = roleArn;
		this.errorCode = errorCode;
	}

	/**
	 * @return the tenant without credentials
	 */
	public TenantId getTenant() {
		return this.tenant;
	}

	/**
	 * @return the ARN of the role that could not be assumed
	 */
	public String getRoleArn() {
		return this.roleArn;
	}

	/**
	 * @return the AWS error code returned by STS (for example {@code Throttling} or {@code AccessDenied}), or
	 * {@literal null} if STS did not answer (timeout, connection failure) or the failure happened before the call
	 */
	public @Nullable String getErrorCode() {
		return this.errorCode;
	}

}
