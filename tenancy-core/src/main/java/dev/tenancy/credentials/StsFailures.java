package dev.tenancy.credentials;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import dev.tenancy.context.TenantId;

/**
 * Turns a failed AssumeRole into the {@link TenantCredentialsUnavailableException} a tenant-scoped call fails with:
 * what STS answered (error code, HTTP status, request id) or that it did not answer, and the remedy for that cause.
 *
 * @author tenancy
 * @since 0.2
 */
final class StsFailures {

	private StsFailures() {
	}

	/**
	 * @param tenant the tenant whose session could not be obtained
	 * @param roleArn the role it assumes
	 * @param failure what AssumeRole threw
	 * @return the exception naming tenant, role, what STS answered (or that it did not) and the remedy
	 */
	static TenantCredentialsUnavailableException unavailable(TenantId tenant, String roleArn,
			RuntimeException failure) {
		AwsServiceException serviceError = find(failure, AwsServiceException.class);
		AwsErrorDetails details = (serviceError != null) ? serviceError.awsErrorDetails() : null;
		String errorCode = (details != null) ? details.errorCode() : null;
		String cause;
		if (serviceError != null) {
			cause = String.format("STS answered '%s' (HTTP %d, request id '%s'): %s", errorCode,
					serviceError.statusCode(), serviceError.requestId(),
					(details != null) ? details.errorMessage() : serviceError.getMessage());
		}
		else if (find(failure, ApiCallTimeoutException.class) != null
				|| find(failure, ApiCallAttemptTimeoutException.class) != null) {
			cause = "the call to STS timed out: " + failure.getMessage();
		}
		else if (failure instanceof SdkClientException) {
			cause = "the call to STS failed before STS answered: " + failure.getMessage();
		}
		else {
			cause = describe(failure);
		}
		return new TenantCredentialsUnavailableException(tenant, roleArn, errorCode,
				String.format("No AWS credentials for tenant '%s': AssumeRole of role '%s' failed and the tenant has "
						+ "no valid cached session; %s. %s", tenant, roleArn, cause, remedy(errorCode,
								serviceError != null)),
				failure);
	}

	private static String remedy(@Nullable String errorCode, boolean stsAnswered) {
		if (!stsAnswered) {
			return "Check network access to the STS endpoint and the StsClient's timeouts; tenant-scoped calls fail "
					+ "closed until a session can be obtained.";
		}
		if (errorCode == null) {
			return "Check STS availability and the role configuration; tenant-scoped calls fail closed until a "
					+ "session can be obtained.";
		}
		return switch (errorCode) {
			case "Throttling" -> "STS kept throttling after the StsClient's retries (by default 600 requests per "
					+ "second per account and Region are shared by all STS calls); lower the AssumeRole rate (longer "
					+ "sessionDuration, larger maximumTenants), raise the StsClient's retry budget or request a quota "
					+ "increase.";
			case "AccessDenied" -> "Check that the role's trust policy allows the application's principal both "
					+ "sts:AssumeRole and sts:TagSession (session tags are always passed) and that the external id, "
					+ "if one is required, matches.";
			case "MalformedPolicyDocument", "MalformedPolicyDocumentException" -> "The tenant's session policy is "
					+ "not a valid IAM policy; check the session policy function.";
			case "PackedPolicyTooLarge", "PackedPolicyTooLargeException" -> "The session policy and session tags "
					+ "exceed STS's packed size limit; grant fewer tables, indexes or attributes in the session policy.";
			case "RegionDisabledException" -> "Activate STS in this Region for the account, or point the StsClient "
					+ "at a Region where it is active.";
			case "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "SignatureDoesNotMatch" -> "The "
					+ "base credentials of the StsClient are expired or invalid; check the application's own "
					+ "credentials provider.";
			case "ValidationError" -> "Check sessionDuration against the role's MaxSessionDuration (at most 1 hour "
					+ "when the application itself runs as a role session) and the role ARN.";
			default -> "Check STS availability and the role configuration; tenant-scoped calls fail closed until a "
					+ "session can be obtained.";
		};
	}

	static String describe(Throwable failure) {
		return failure.getClass().getSimpleName() + " ('" + failure.getMessage() + "')";
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
