package dev.tenancy.dynamodb;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
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

import static org.assertj.core.api.Assertions.assertThat;

class DynamoDbExceptionTranslatorTests {

	private final DynamoDbExceptionTranslator translator = new DynamoDbExceptionTranslator();

	private static DynamoDbException error(String code, String message) {
		return (DynamoDbException) DynamoDbException.builder()
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
			.message(message)
			.build();
	}

	static Stream<Arguments> errorCodes() {
		return Stream.of(Arguments.of("ConditionalCheckFailedException", DataIntegrityViolationException.class),
				Arguments.of("TransactionConflictException", ConcurrencyFailureException.class),
				Arguments.of("ResourceNotFoundException", InvalidDataAccessResourceUsageException.class),
				Arguments.of("ValidationException", InvalidDataAccessApiUsageException.class),
				Arguments.of("ProvisionedThroughputExceededException", TransientDataAccessResourceException.class),
				Arguments.of("ThrottlingException", TransientDataAccessResourceException.class),
				Arguments.of("RequestLimitExceeded", TransientDataAccessResourceException.class),
				Arguments.of("UnrecognizedClientException", PermissionDeniedDataAccessException.class),
				Arguments.of("ExpiredTokenException", PermissionDeniedDataAccessException.class),
				Arguments.of("InvalidSignatureException", PermissionDeniedDataAccessException.class),
				Arguments.of("InternalServerError", TransientDataAccessResourceException.class),
				Arguments.of("SomethingNew", UncategorizedDynamoDbException.class));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("errorCodes")
	void translatesByErrorCode(String code, Class<? extends DataAccessException> expected) {
		DynamoDbException ex = error(code, "details of " + code);
		DataAccessException translated = this.translator.translateExceptionIfPossible(ex);
		assertThat(translated).isInstanceOf(expected).hasCause(ex).hasMessageContaining("details of " + code);
	}

	@Test
	void iamAccessDeniedNamesTenantActionAndResource() { // TH-1, IAM layer
		String message = "User: arn:aws:sts::123456789012:assumed-role/TenantRole/tenant-acme is not authorized to "
				+ "perform: dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/app because no "
				+ "session policy allows the dynamodb:GetItem action";
		try (TenantScope ignored = TenantContext.open(TenantId.of("acme"))) {
			DataAccessException translated = this.translator
				.translateExceptionIfPossible(error("AccessDeniedException", message));
			assertThat(translated).isInstanceOfSatisfying(TenantAccessDeniedException.class, (denied) -> {
				assertThat(denied.getTenant()).isEqualTo("acme");
				assertThat(denied.getAction()).isEqualTo("dynamodb:GetItem");
				assertThat(denied.getResource()).isEqualTo("arn:aws:dynamodb:us-east-1:123456789012:table/app");
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.IAM);
				assertThat(denied.getMessage()).startsWith("Tenant 'acme' was denied dynamodb:GetItem on "
						+ "arn:aws:dynamodb:us-east-1:123456789012:table/app by the IAM policy evaluation on the server: User:");
			});
		}
	}

	@Test
	void transactionCancellationReasonsDecide() {
		TransactionCanceledException conflict = TransactionCanceledException.builder()
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").errorMessage("x").build())
			.cancellationReasons(CancellationReason.builder().code("None").build(),
					CancellationReason.builder().code("TransactionConflict").build())
			.build();
		assertThat(this.translator.translateExceptionIfPossible(conflict)).isInstanceOf(ConcurrencyFailureException.class);
		TransactionCanceledException condition = TransactionCanceledException.builder()
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").errorMessage("x").build())
			.cancellationReasons(CancellationReason.builder().code("ConditionalCheckFailed").build())
			.build();
		assertThat(this.translator.translateExceptionIfPossible(condition))
			.isInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void unwrapsTenancyExceptionsFromTheSdkPipeline() {
		TenantAccessDeniedException denied = new TenantAccessDeniedException("acme", "dynamodb:Scan", "*",
				EnforcementLayer.GUARD, "never allowed", null);
		SdkClientException wrapped = SdkClientException.create("wrapped", denied);
		assertThat(this.translator.translateExceptionIfPossible(wrapped)).isSameAs(denied);
		assertThat(this.translator.translate(wrapped)).isSameAs(denied);

		MissingTenantException missing = new MissingTenantException("no tenant");
		SdkClientException wrappedMissing = SdkClientException.create("wrapped", missing);
		assertThat(this.translator.translate(wrappedMissing)).isSameAs(missing);
		assertThat(this.translator.translateExceptionIfPossible(wrappedMissing)).isNull();
	}

	@Test
	void clientSideFailuresAreResourceFailures() {
		SdkClientException io = SdkClientException.create("Unable to execute HTTP request: Connection refused");
		assertThat(this.translator.translateExceptionIfPossible(io)).isInstanceOf(DataAccessResourceFailureException.class)
			.hasMessageContaining("Connection refused");
	}

	@Test
	void leavesForeignExceptionsAlone() {
		IllegalArgumentException foreign = new IllegalArgumentException("x");
		assertThat(this.translator.translateExceptionIfPossible(foreign)).isNull();
		assertThat(this.translator.translate(foreign)).isSameAs(foreign);
	}

}
