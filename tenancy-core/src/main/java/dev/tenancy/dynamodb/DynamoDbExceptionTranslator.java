package dev.tenancy.dynamodb;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScopeConflictException;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.PermissionDeniedDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

/**
 * Translates AWS SDK DynamoDB exceptions to Spring's {@link DataAccessException} hierarchy, and surfaces the tenancy
 * exceptions (guard denial, missing tenant, unavailable tenant credentials) that the SDK wraps in
 * {@link SdkClientException} when they are thrown inside its request pipeline.
 * <p>
 * An IAM {@code AccessDeniedException} becomes a {@link TenantAccessDeniedException} with layer
 * {@link EnforcementLayer#IAM}, naming the tenant bound to the calling thread and the action and resource from AWS's
 * message.
 *
 * @author tenancy
 * @since 0.1
 */
public final class DynamoDbExceptionTranslator implements PersistenceExceptionTranslator {

	private static final Set<String> THROTTLING = Set.of("ProvisionedThroughputExceededException",
			"RequestLimitExceeded", "ThrottlingException", "LimitExceededException");

	private static final Set<String> CREDENTIALS = Set.of("UnrecognizedClientException", "ExpiredTokenException",
			"InvalidSignatureException", "MissingAuthenticationTokenException", "IncompleteSignatureException");

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		RuntimeException tenancy = tenancyCause(ex);
		if (tenancy instanceof DataAccessException dataAccess) {
			return dataAccess;
		}
		if (tenancy != null) {
			// MissingTenantException / InvalidTenantIdException are programming or security errors, not data
			// access failures: callers get them unchanged through unwrap(), not through this translator.
			return null;
		}
		if (ex instanceof DynamoDbException dynamo) {
			return translate(dynamo);
		}
		if (ex instanceof SdkClientException client) {
			return new DataAccessResourceFailureException("DynamoDB request failed on the client side: "
					+ client.getMessage(), client);
		}
		if (ex instanceof SdkException sdk) {
			return new UncategorizedDynamoDbException(String.valueOf(sdk.getMessage()), sdk);
		}
		return null;
	}

	/**
	 * Translate if possible, otherwise return a tenancy exception hidden in the cause chain, otherwise the exception
	 * itself. Never returns {@literal null}.
	 * @param ex the exception thrown by a DynamoDB client
	 * @return the exception to throw to the caller
	 */
	public RuntimeException translate(RuntimeException ex) {
		RuntimeException tenancy = tenancyCause(ex);
		if (tenancy != null) {
			return tenancy;
		}
		DataAccessException translated = translateExceptionIfPossible(ex);
		return (translated != null) ? translated : ex;
	}

	/**
	 * Find the tenancy exception (guard denial, missing tenant, invalid tenant, unavailable credentials) that caused
	 * an SDK exception, if any.
	 * @param ex the exception
	 * @return the tenancy exception or {@literal null}
	 */
	public static @Nullable RuntimeException tenancyCause(Throwable ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof TenantAccessDeniedException || current instanceof MissingTenantException
					|| current instanceof InvalidTenantIdException || current instanceof TenantScopeConflictException
					|| current instanceof TenantCredentialsUnavailableException) {
				return (RuntimeException) current;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private DataAccessException translate(DynamoDbException ex) {
		String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
		String message = (ex.awsErrorDetails() != null && ex.awsErrorDetails().errorMessage() != null)
				? ex.awsErrorDetails().errorMessage() : String.valueOf(ex.getMessage());
		if (code == null) {
			return new UncategorizedDynamoDbException(message, ex);
		}
		if ("AccessDeniedException".equals(code)) {
			return accessDenied(message, ex);
		}
		if (CREDENTIALS.contains(code)) {
			return new PermissionDeniedDataAccessException(String.format("DynamoDB rejected the request credentials "
					+ "(%s) for tenant '%s': %s", code, currentTenant(), message), ex);
		}
		if (THROTTLING.contains(code)) {
			return new TransientDataAccessResourceException(String.format("DynamoDB throttled the request (%s): %s; "
					+ "retry with backoff or raise the table's capacity.", code, message), ex);
		}
		if (ex instanceof TransactionCanceledException canceled) {
			return transactionCanceled(canceled, message);
		}
		return switch (code) {
			case "ConditionalCheckFailedException" -> new DataIntegrityViolationException(
					"The condition of a DynamoDB write was not met: " + message, ex);
			case "TransactionConflictException", "TransactionInProgressException" -> new ConcurrencyFailureException(
					"A concurrent DynamoDB transaction conflicted: " + message, ex);
			case "ResourceNotFoundException" -> new InvalidDataAccessResourceUsageException(
					"DynamoDB table or index not found: " + message + "; create it or check the table name prefix.", ex);
			case "ValidationException", "SerializationException" -> new InvalidDataAccessApiUsageException(
					"DynamoDB rejected the request as invalid: " + message, ex);
			case "ItemCollectionSizeLimitExceededException" -> new DataIntegrityViolationException(
					"The tenant's item collection exceeded DynamoDB's size limit: " + message, ex);
			case "InternalServerError", "ServiceUnavailable", "ServiceUnavailableException" ->
				new TransientDataAccessResourceException("DynamoDB is temporarily unavailable: " + message, ex);
			default -> new UncategorizedDynamoDbException(code + ": " + message, ex);
		};
	}

	private DataAccessException transactionCanceled(TransactionCanceledException ex, String message) {
		List<CancellationReason> reasons = ex.hasCancellationReasons() ? ex.cancellationReasons() : List.of();
		for (CancellationReason reason : reasons) {
			if ("TransactionConflict".equals(reason.code())) {
				return new ConcurrencyFailureException("A DynamoDB transaction was canceled by a conflicting "
						+ "concurrent request: " + message, ex);
			}
		}
		for (CancellationReason reason : reasons) {
			if ("ConditionalCheckFailed".equals(reason.code())) {
				return new DataIntegrityViolationException("A condition of a DynamoDB transaction was not met: "
						+ message, ex);
			}
		}
		return new UncategorizedDynamoDbException("DynamoDB transaction canceled: " + message, ex);
	}

	private TenantAccessDeniedException accessDenied(String message, DynamoDbException ex) {
		String action = between(message, "not authorized to perform: ", " on resource: ");
		String resource = between(message, " on resource: ", " ");
		return new TenantAccessDeniedException(currentTenant(), (action != null) ? action : "unknown action",
				(resource != null) ? resource : "unknown resource", EnforcementLayer.IAM, message, ex);
	}

	private static @Nullable String currentTenant() {
		TenantId tenant = TenantContext.currentOrNull();
		return (tenant != null) ? tenant.value() : null;
	}

	private static @Nullable String between(String text, String start, String end) {
		int from = text.indexOf(start);
		if (from < 0) {
			return null;
		}
		from += start.length();
		int to = text.indexOf(end, from);
		return (to < 0) ? text.substring(from) : text.substring(from, to);
	}

}
