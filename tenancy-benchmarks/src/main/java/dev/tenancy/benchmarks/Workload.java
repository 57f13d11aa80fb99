package dev.tenancy.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tenancy.context.TenantId;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.auth.scheme.DynamoDbAuthSchemeProvider;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The workload every benchmark shares: one single-table design ({@code app}, partition key {@code pk}, sort key
 * {@code sk}, index {@code byStatus} on {@code gsi1pk}/{@code gsi1sk}), the tenant's generated policies, the requests a
 * tenant-scoped repository sends (shaped like the enhanced client's), and canned service answers.
 *
 * @author tenancy
 * @since 0.1
 */
final class Workload {

	static final String TABLE = "app";

	static final String INDEX = "byStatus";

	/** The test kit's Region and account, so that the same policies serve the stub and the end-to-end benchmarks. */
	static final Region REGION = TenancyTestKit.REGION;

	static final String ACCOUNT = TenancyTestKit.ACCOUNT_ID;

	static final String ROLE_ARN = TenancyTestKit.TENANT_ROLE_ARN;

	static final TenantId TENANT = TenantId.of("acme");

	/** Batch size of the BatchWriteItem workload: DynamoDB's maximum. */
	static final int BATCH_SIZE = 25;

	/** Items per Query page in the canned answers. */
	static final int QUERY_PAGE = 10;

	static final URI ENDPOINT = URI.create("https://dynamodb." + REGION.id() + ".amazonaws.com");

	private Workload() {
	}

	static ResourceArns arns() {
		return ResourceArns.of("aws", REGION.id(), ACCOUNT);
	}

	static DynamoDbKeySchema keySchema() {
		return DynamoDbKeySchema.builder().table(TABLE, "pk", "sk").index(TABLE, INDEX, "gsi1pk", "gsi1sk").build();
	}

	static TenancyPolicies policies() {
		return TenancyPolicies.builder().arns(arns()).keySchema(keySchema()).build();
	}

	static DynamoDbRequestContextExtractor extractor() {
		return new DynamoDbRequestContextExtractor(arns(), keySchema());
	}

	/** The guard's per-tenant policies, built exactly as the tenant-scoped client factory is configured. */
	static TenantSessionPolicies sessionPolicies(long maximumTenants) {
		return new TenantSessionPolicies(policies(), ROLE_ARN, TenancyPolicies.DEFAULT_TENANT_TAG_KEY, maximumTenants);
	}

	static TenantRequestGuard guard() {
		return new TenantRequestGuard(extractor(), PolicyEvaluator.create(), sessionPolicies(10_000),
				(tenant, operation, decision) -> {
					throw new IllegalStateException("The benchmark workload was denied for tenant '" + tenant + "' ("
							+ operation + "): " + decision.message());
				});
	}

	static AwsCredentialsProvider baseCredentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBENCHMARKBASE", "base-secret"));
	}

	/**
	 * The tenant-scoped client in {@link IsolationMode#APPLICATION} as the starter builds it: base credentials, guard
	 * and fences on every request.
	 */
	static TenantScopedDynamoDbClientFactory applicationModeFactory(SdkHttpClient httpClient) {
		return TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(httpClient)
			.region(REGION)
			.endpointOverride(ENDPOINT)
			.baseCredentials(baseCredentials())
			.guard(guard())
			.fences(TenantFences.create())
			.build();
	}

	/** The same client without tenancy: same HTTP client, Region, endpoint and credentials, no guard. */
	static DynamoDbClient plainClient(SdkHttpClient httpClient) {
		return DynamoDbClient.builder()
			.httpClient(httpClient)
			.region(REGION)
			.endpointOverride(ENDPOINT)
			.credentialsProvider(baseCredentials())
			.build();
	}

	/**
	 * The SDK client the tenant-scoped client of {@link #applicationModeFactory} wraps, built the same way (base
	 * credentials, the guard as its execution interceptor) but used directly, without the wrapper in front of it.
	 */
	static DynamoDbClient guardedSdkClient(SdkHttpClient httpClient) {
		return DynamoDbClient.builder()
			.httpClient(httpClient)
			.region(REGION)
			.endpointOverride(ENDPOINT)
			.credentialsProvider(baseCredentials())
			.authSchemeProvider(DynamoDbAuthSchemeProvider.defaultProvider())
			.putAuthScheme(AwsV4AuthScheme.create())
			.overrideConfiguration((configuration) -> configuration.addExecutionInterceptor(guard()))
			.build();
	}

	static String partitionKey(TenantId tenant) {
		return "TENANT#" + tenant.value();
	}

	static Map<String, AttributeValue> key(TenantId tenant, String sortKey) {
		Map<String, AttributeValue> key = new LinkedHashMap<>();
		key.put("pk", AttributeValue.fromS(partitionKey(tenant)));
		key.put("sk", AttributeValue.fromS(sortKey));
		return key;
	}

	/** A project item of a realistic size: keys, index keys and seven attributes ({@link BenchmarkProject}). */
	static Map<String, AttributeValue> projectItem(TenantId tenant, int number) {
		String id = String.format("%04d", number);
		Map<String, AttributeValue> item = key(tenant, "PROJECT#" + id);
		item.put("gsi1pk", AttributeValue.fromS(partitionKey(tenant) + "#STATUS#OPEN"));
		item.put("gsi1sk", AttributeValue.fromS("2025-06-01T09:30:00Z#" + id));
		item.put("name", AttributeValue.fromS("Project " + id + " (migration of the billing service)"));
		item.put("status", AttributeValue.fromS("OPEN"));
		item.put("owner", AttributeValue.fromS("user-" + (number % 17) + "@example.com"));
		item.put("createdAt", AttributeValue.fromS("2025-06-01T09:30:00Z"));
		item.put("updatedAt", AttributeValue.fromS("2025-06-03T14:12:45Z"));
		item.put("budget", AttributeValue.fromN(Integer.toString(10_000 + number)));
		item.put("version", AttributeValue.fromN("3"));
		return item;
	}

	/** GetItem of one project by key, as the enhanced client sends it. */
	static GetItemRequest getItem(TenantId tenant) {
		return GetItemRequest.builder().tableName(TABLE).key(key(tenant, "PROJECT#0042")).consistentRead(false).build();
	}

	/** Query of the tenant's projects on the table by sort-key prefix, as the enhanced client sends it. */
	static QueryRequest queryTable(TenantId tenant) {
		return QueryRequest.builder()
			.tableName(TABLE)
			.keyConditionExpression(
					"#AMZN_MAPPED_pk = :AMZN_MAPPED_pk AND begins_with(#AMZN_MAPPED_sk, :AMZN_MAPPED_sk)")
			.expressionAttributeNames(Map.of("#AMZN_MAPPED_pk", "pk", "#AMZN_MAPPED_sk", "sk"))
			.expressionAttributeValues(Map.of(":AMZN_MAPPED_pk", AttributeValue.fromS(partitionKey(tenant)),
					":AMZN_MAPPED_sk", AttributeValue.fromS("PROJECT#")))
			.limit(25)
			.build();
	}

	/** Query of the tenant's open projects on the tenant-prefixed index. */
	static QueryRequest queryIndex(TenantId tenant) {
		return QueryRequest.builder()
			.tableName(TABLE)
			.indexName(INDEX)
			.keyConditionExpression("#AMZN_MAPPED_gsi1pk = :AMZN_MAPPED_gsi1pk")
			.expressionAttributeNames(Map.of("#AMZN_MAPPED_gsi1pk", "gsi1pk"))
			.expressionAttributeValues(
					Map.of(":AMZN_MAPPED_gsi1pk", AttributeValue.fromS(partitionKey(tenant) + "#STATUS#OPEN")))
			.limit(25)
			.build();
	}

	/** BatchWriteItem of 25 project puts. */
	static BatchWriteItemRequest batchWrite(TenantId tenant) {
		List<WriteRequest> writes = new ArrayList<>();
		for (int i = 0; i < BATCH_SIZE; i++) {
			PutRequest put = PutRequest.builder().item(projectItem(tenant, i)).build();
			writes.add(WriteRequest.builder().putRequest(put).build());
		}
		return BatchWriteItemRequest.builder().requestItems(Map.of(TABLE, writes)).build();
	}

	/** PutItem of one project (with its index keys), as the repository's save sends it. */
	static PutItemRequest putItem(TenantId tenant) {
		return PutItemRequest.builder().tableName(TABLE).item(projectItem(tenant, 42)).build();
	}

	/** UpdateItem of one project that sets its index keys among other attributes. */
	static UpdateItemRequest updateItem(TenantId tenant) {
		Map<String, AttributeValue> item = projectItem(tenant, 42);
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, AttributeValue> values = new LinkedHashMap<>();
		StringBuilder expression = new StringBuilder("SET ");
		for (String attribute : List.of("name", "status", "gsi1pk", "gsi1sk", "updatedAt", "budget")) {
			if (!names.isEmpty()) {
				expression.append(", ");
			}
			expression.append("#AMZN_MAPPED_").append(attribute).append(" = :AMZN_MAPPED_").append(attribute);
			names.put("#AMZN_MAPPED_" + attribute, attribute);
			values.put(":AMZN_MAPPED_" + attribute, item.get(attribute));
		}
		return UpdateItemRequest.builder()
			.tableName(TABLE)
			.key(key(tenant, "PROJECT#0042"))
			.updateExpression(expression.toString())
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.build();
	}

	/**
	 * The JSON bodies the SDK marshals for {@link #getItem}, {@link #queryTable}, {@link #queryIndex},
	 * {@link #batchWrite}, {@link #putItem} and {@link #updateItem}, captured from a real client before signing.
	 */
	static Map<String, byte[]> marshalledBodies(TenantId tenant) {
		Map<String, byte[]> bodies = new LinkedHashMap<>();
		ExecutionInterceptor capture = new ExecutionInterceptor() {
			@Override
			public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
				bodies.put(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), read(context));
			}
		};
		StubDynamoDbHttpClient http = new StubDynamoDbHttpClient(tenant);
		try (DynamoDbClient client = DynamoDbClient.builder()
			.httpClient(http)
			.region(REGION)
			.endpointOverride(ENDPOINT)
			.credentialsProvider(baseCredentials())
			.overrideConfiguration((config) -> config.addExecutionInterceptor(capture))
			.build()) {
			Map<String, byte[]> result = new LinkedHashMap<>();
			client.getItem(getItem(tenant));
			result.put("GetItem", bodies.remove("GetItem"));
			client.query(queryTable(tenant));
			result.put("Query", bodies.remove("Query"));
			client.query(queryIndex(tenant));
			result.put("QueryIndex", bodies.remove("Query"));
			client.batchWriteItem(batchWrite(tenant));
			result.put("BatchWriteItem", bodies.remove("BatchWriteItem"));
			client.putItem(putItem(tenant));
			result.put("PutItem", bodies.remove("PutItem"));
			client.updateItem(updateItem(tenant));
			result.put("UpdateItem", bodies.remove("UpdateItem"));
			return result;
		}
	}

	private static byte[] read(Context.AfterMarshalling context) {
		return context.requestBody().map((body) -> {
			try (InputStream in = body.contentStreamProvider().newStream()) {
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				in.transferTo(out);
				return out.toByteArray();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).orElseThrow(() -> new IllegalStateException("The SDK marshalled no body"));
	}

}
