package dev.tenancy.sample.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantUnavailableException;
import dev.tenancy.sample.project.NotFoundException;

/**
 * Turns every error of the API into an RFC 9457 problem detail ({@code application/problem+json}):
 * <ul>
 * <li>400: invalid body, parameters or cursor (with an {@code errors} list for invalid fields);</li>
 * <li>401: no authentication, or a principal without an organization (TH-7);</li>
 * <li>403: an organization claim that is not a valid tenant id (TH-6), a role that may not do this, or a request
 * denied by the tenant isolation policy;</li>
 * <li>404: no such project or task in the caller's organization;</li>
 * <li>409: a stale version, or an id that is taken;</li>
 * <li>503: no STS session could be obtained for the organization (TH-10).</li>
 * </ul>
 * Details never name another organization, an ARN or a policy: those go to the log.
 *
 * @author tenancy
 * @since 0.1
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsAdvice.class);

	@ExceptionHandler(NotFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, ex.getMessage());
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<ProblemDetail> staleVersion(OptimisticLockingFailureException ex) {
		return problem(HttpStatus.CONFLICT, ex.getMessage());
	}

	@ExceptionHandler(DuplicateKeyException.class)
	ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException ex) {
		return problem(HttpStatus.CONFLICT, "An item with this id already exists in your organization.");
	}

	@ExceptionHandler(Cursors.InvalidCursorException.class)
	ResponseEntity<ProblemDetail> invalidCursor(Cursors.InvalidCursorException ex) {
		return problem(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex) {
		logger.debug("Unauthenticated request", ex);
		return problem(HttpStatus.UNAUTHORIZED, "Authentication is required: sign in as a user of an organization.");
	}

	@ExceptionHandler(MissingTenantException.class)
	ResponseEntity<ProblemDetail> missingTenant(MissingTenantException ex) {
		logger.warn("Request without a tenant: " + ex.getMessage());
		return problem(HttpStatus.UNAUTHORIZED,
				"The authenticated principal belongs to no organization: sign in as a user of an organization.");
	}

	@ExceptionHandler(InvalidTenantIdException.class)
	ResponseEntity<ProblemDetail> invalidTenant(InvalidTenantIdException ex) {
		logger.warn("Request with an invalid tenant: " + ex.getMessage());
		return problem(HttpStatus.FORBIDDEN,
				"The organization of the authenticated principal is not a valid tenant id.");
	}

	@ExceptionHandler(TenantAccessDeniedException.class)
	ResponseEntity<ProblemDetail> isolationDenied(TenantAccessDeniedException ex) {
		logger.warn("Tenant isolation denied a request: " + ex.getMessage());
		return problem(HttpStatus.FORBIDDEN, "The request was denied by the tenant isolation policy.");
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> roleDenied(AccessDeniedException ex) {
		return problem(HttpStatus.FORBIDDEN, "Your role does not allow this operation.");
	}

	@ExceptionHandler(TenantCredentialsUnavailableException.class)
	ResponseEntity<ProblemDetail> credentialsUnavailable(TenantCredentialsUnavailableException ex) {
		logger.error("No STS session for a tenant: " + ex.getMessage(), ex);
		return problem(HttpStatus.SERVICE_UNAVAILABLE,
				"The data of your organization is temporarily unavailable; retry later.");
	}

	@ExceptionHandler(TenantUnavailableException.class)
	ResponseEntity<ProblemDetail> tenantUnavailable(TenantUnavailableException ex) {
		logger.info("A request of a fenced tenant was refused: " + ex.getMessage());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, ex.retryAfter().toSeconds())))
			.body(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
					"The data of your organization is being maintained; retry after the time in Retry-After."));
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ex.getBody();
		body.setDetail("The request body is invalid.");
		List<Map<String, Object>> errors = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			errors.add(error(error.getField(), error.getDefaultMessage()));
		}
		body.setProperty("errors", sorted(errors));
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail body = ex.getBody();
		List<Map<String, Object>> errors = new ArrayList<>();
		boolean invalidBody = false;
		boolean invalidParameters = false;
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			if (result instanceof ParameterErrors bodyErrors) {
				invalidBody = true;
				for (FieldError error : bodyErrors.getFieldErrors()) {
					errors.add(error(error.getField(), error.getDefaultMessage()));
				}
			}
			else {
				invalidParameters = true;
				String name = String.valueOf(result.getMethodParameter().getParameterName());
				for (MessageSourceResolvable error : result.getResolvableErrors()) {
					errors.add(error(name, error.getDefaultMessage()));
				}
			}
		}
		body.setDetail(invalidBody ? (invalidParameters ? "The request parameters and body are invalid."
				: "The request body is invalid.") : "The request parameters are invalid.");
		body.setProperty("errors", sorted(errors));
		return handleExceptionInternal(ex, body, headers, status, request);
	}

	private static List<Map<String, Object>> sorted(List<Map<String, Object>> errors) {
		errors.sort(Comparator.comparing((Map<String, Object> error) -> (String) error.get("field"))
			.thenComparing((error) -> (String) error.get("message")));
		return errors;
	}

	private static Map<String, Object> error(String field, @Nullable String message) {
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("field", field);
		error.put("message", String.valueOf(message));
		return error;
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, @Nullable String detail) {
		return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
	}

}
