package dev.tenancy.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The benchmarks measure what they claim: the marshalled bodies are the SDK's, the guard allows the tenant's own
 * workload (the measured path is the allow path) and stops the benchmark on any denial, the stubs answer as scripted,
 * and concurrent first requests share one STS call.
 */
class WorkloadTests {

	@Test
	void theMarshalledBodiesAreTheSdksJsonForEachOperation() {
		Map<String, byte[]> bodies = Workload.marshalledBodies(Workload.TENANT);

		assertThat(bodies).containsOnlyKeys("GetItem", "Query", "QueryIndex", "BatchWriteItem", "PutItem",
				"UpdateItem");
		assertThat(new String(bodies.get("GetItem"), StandardCharsets.UTF_8)).isEqualTo(
				"{\"TableName\":\"app\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},\"sk\":{\"S\":\"PROJECT#0042\"}},"
						+ "\"ConsistentRead\":false}");
		assertThat(new String(bodies.get("QueryIndex"), StandardCharsets.UTF_8)).contains("\"IndexName\":\"byStatus\"");
		assertThat(new String(bodies.get("UpdateItem"), StandardCharsets.UTF_8)).contains("\"UpdateExpression\"")
			.contains("gsi1pk");
		assertThat(new String(bodies.get("BatchWriteItem"), StandardCharsets.UTF_8).split("\"PutRequest\""))
			.hasSize(Workload.BATCH_SIZE + 1);
	}

	@Test
	void theGuardAllowsTheTenantsOwnWorkload() {
		Map<String, byte[]> bodies = Workload.marshalledBodies(Workload.TENANT);
		var sessions = Workload.sessionPolicies(10);
		var extractor = Workload.extractor();

		for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
			String operation = body.getKey().equals("QueryIndex") ? "Query" : body.getKey();
			List<AuthorizationRequest> requests = extractor.extract(operation, body.getValue());
			Decision decision = PolicyEvaluator.create().evaluateAll(sessions.apply(Workload.TENANT), requests);

			assertThat(decision.allowed()).as(body.getKey()).isTrue();
			assertThat(decision.message()).as(body.getKey())
				.isEqualTo("Allowed by identity-based policy statement 'GuardIdentity' and session policy statement "
						+ "'TenantItems'");
		}
	}

	@Test
	void theGuardedClientReadsTheCannedItemsAndDeniesAnotherTenantsKeys() {
		StubDynamoDbHttpClient http = new StubDynamoDbHttpClient(Workload.TENANT);
		try (TenantScopedDynamoDbClientFactory factory = Workload.applicationModeFactory(http);
				DynamoDbClient plain = Workload.plainClient(http);
				TenantScope scope = TenantContext.open(Workload.TENANT)) {
			assertThat(factory.client().getItem(Workload.getItem(Workload.TENANT)).item())
				.isEqualTo(Workload.projectItem(Workload.TENANT, 42));
			assertThat(factory.client().query(Workload.queryIndex(Workload.TENANT)).count())
				.isEqualTo(Workload.QUERY_PAGE);
			assertThat(plain.batchWriteItem(Workload.batchWrite(Workload.TENANT)).unprocessedItems()).isEmpty();
			// The benchmarks' guard fails loudly on any denial: a benchmark must never measure the deny path unnoticed.
			assertThatIllegalStateException()
				.isThrownBy(() -> factory.client().getItem(Workload.getItem(TenantId.of("globex"))))
				.withMessage("The benchmark workload was denied for tenant 'acme' (GetItem): User: "
						+ "arn:aws:sts::123456789012:assumed-role/tenancy-tenant/tenant-acme is not authorized to perform: "
						+ "dynamodb:GetItem on resource: arn:aws:dynamodb:us-east-1:123456789012:table/app because no "
						+ "session policy allows the dynamodb:GetItem action");
			assertThat(http.calls()).isEqualTo(3);
		}
	}

	@Test
	void concurrentFirstRequestsOfATenantShareOneStsCall() throws Exception {
		StsCallsHarness.FirstRequests result = StsCallsHarness.concurrentFirstRequests(16, 2, Duration.ofMillis(50));

		assertThat(result.callsPerRound()).containsExactly(1L, 1L);
		assertThat(result.failedRequests()).isZero();
	}

}
