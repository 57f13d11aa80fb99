package dev.tenancy.sample.web;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.dynamodb.TenantUnavailableException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tenancy failures become problem details that name no tenant, ARN or policy.
 */
class ProblemDetailsAdviceTests {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	@Test
	void anIsolationDenialIsForbiddenWithoutTellingWhatWasDenied() {
		ResponseEntity<ProblemDetail> response = this.advice.isolationDenied(new TenantAccessDeniedException("acme",
				"dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:123456789012:table/project-management",
				EnforcementLayer.GUARD, "The session policy does not allow attribute 'budget'.", null));
		assertProblem(response, 403, "The request was denied by the tenant isolation policy.");
	}

	@Test
	void anInvalidTenantIsForbiddenTH6() {
		assertProblem(this.advice.invalidTenant(new InvalidTenantIdException("Tenant id '*' is invalid.")), 403,
				"The organization of the authenticated principal is not a valid tenant id.");
	}

	@Test
	void aMissingTenantIsUnauthorizedTH7() {
		assertProblem(this.advice.missingTenant(new MissingTenantException("No tenant for 'ProjectRepository'.")),
				401, "The authenticated principal belongs to no organization: sign in as a user of an organization.");
	}

	@Test
	void unavailableTenantCredentialsAreAServiceOutageTH10() {
		assertProblem(this.advice.credentialsUnavailable(new TenantCredentialsUnavailableException(TenantId.of("acme"),
				"arn:aws:iam::123456789012:role/tenancy-tenant", null, "STS is unreachable.", null)), 503, "The data of your organization is temporarily unavailable; retry "
						+ "later.");
	}

	@Test
	void aFencedTenantIsAServiceOutageWithRetryAfter() {
		TenantFences.Fence fence = new TenantFences.Fence(TenantId.of("acme"), TenantFences.Scope.WRITES,
				"it is being moved from tier POOL to tier SILO", Instant.now(), Duration.ofSeconds(7));
		ResponseEntity<ProblemDetail> response = this.advice
			.tenantUnavailable(new TenantUnavailableException(TenantId.of("acme"), "PutItem", fence));
		assertProblem(response, 503,
				"The data of your organization is being maintained; retry after the time in Retry-After.");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
	}

	private static void assertProblem(ResponseEntity<ProblemDetail> response, int status, String detail) {
		assertThat(response.getStatusCode().value()).isEqualTo(status);
		ProblemDetail body = response.getBody();
		assertThat(body).isNotNull();
		assertThat(body.getStatus()).isEqualTo(status);
		assertThat(body.getDetail()).isEqualTo(detail).doesNotContain("acme").doesNotContain("arn:");
	}

}
