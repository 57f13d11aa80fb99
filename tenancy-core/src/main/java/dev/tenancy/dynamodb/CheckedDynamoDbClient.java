package dev.tenancy.dynamodb;

import java.util.function.BiFunction;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbServiceClientConfiguration;
import software.amazon.awssdk.services.dynamodb.model.*;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import org.springframework.util.Assert;

/**
 * A {@link DynamoDbClient} that checks every request before handing it to the SDK client it wraps.
 * <p>
 * It overrides each operation of the SDK's {@code DynamoDbClient} interface (one method per operation, written out
 * rather than generated at run time, so that the compiler and a test check it is complete). Each of them
 * <ol>
 * <li>runs the {@link RequestCheck} given at construction on the calling thread, before the SDK resolves credentials
 * or runs any interceptor or plugin. For the tenant-scoped client ({@link TenantScopedDynamoDbClientFactory#client()})
 * it requires a tenant scope, refuses Scan and PartiQL, and refuses a request whose override configuration could
 * change its identity, signing or pipeline ({@link RequestOverrides}); the client of a cross-tenant access uses the
 * same wrapper with a check of its own;</li>
 * <li>delegates, and throws a tenancy exception raised inside the SDK pipeline as itself rather than wrapped in an
 * {@code SdkClientException}.</li>
 * </ol>
 * Operations the SDK adds later are not overridden and keep the interface's default behaviour, which is to throw
 * {@link UnsupportedOperationException}: the wrapper fails closed. The interface's consumer-builder overloads and
 * paginators call back into the checked methods; {@link #waiter()} builds a waiter over this wrapper whose failures
 * surface the tenancy exception too. {@link #serviceClientConfiguration()} hands out no credentials provider, and
 * {@link #close()} does nothing (whoever built the wrapped client closes it).
 *
 * @author tenancy
 * @since 0.2
 */
public final class CheckedDynamoDbClient implements DynamoDbClient {

	private static final Runnable NOTHING = () -> {
	};

	private final DynamoDbClient delegate;

	private final RequestCheck check;

	private final DynamoDbServiceClientConfiguration configuration;

	private final String description;

	private CheckedDynamoDbClient(DynamoDbClient delegate, RequestCheck check, String description) {
		this.delegate = delegate;
		this.check = check;
		this.description = description;
		this.configuration = withoutCredentials(delegate.serviceClientConfiguration());
	}

	/**
	 * Wrap a client.
	 * @param delegate the client that sends the checked requests; must not be {@literal null}; not closed by the
	 * wrapper
	 * @param check run before each request, must not be {@literal null}
	 * @param description what the client is, returned by {@link #toString()}; must not be empty
	 * @return the wrapper
	 */
	public static CheckedDynamoDbClient wrap(DynamoDbClient delegate, RequestCheck check, String description) {
		Assert.notNull(delegate, "Delegate must not be null");
		Assert.notNull(check, "Request check must not be null");
		Assert.hasText(description, "Description must not be empty");
		return new CheckedDynamoDbClient(delegate, check, description);
	}

	private static DynamoDbServiceClientConfiguration withoutCredentials(DynamoDbServiceClientConfiguration source) {
		return DynamoDbServiceClientConfiguration.builder()
			.overrideConfiguration(source.overrideConfiguration())
			.endpointOverride(source.endpointOverride().orElse(null))
			.endpointProvider(source.endpointProvider().orElse(null))
			.region(source.region())
			.authSchemeProvider(source.authSchemeProvider())
			.credentialsProvider(NoCredentials.INSTANCE)
			.build();
	}

	private <Q extends DynamoDbRequest, R> R call(String operation, Q request,
			BiFunction<DynamoDbClient, Q, R> call) {
		Runnable release = this.check.admit(operation, request);
		try {
			return call.apply(this.delegate, request);
		}
		catch (RuntimeException ex) {
			throw unwrap(ex);
		}
		finally {
			release.run();
		}
	}

	/**
	 * An operation that is never sent (Scan and PartiQL): the check refuses it, naming the tenant and the remedy; it is
	 * not passed on to the wrapped client even if a check let it through.
	 */
	private <R> R refused(String operation, DynamoDbRequest request) {
		this.check.beforeRequest(operation, request);
		throw new IllegalStateException(operation + " reached the tenant-scoped client without being refused; it is "
				+ "never sent. The client's request check must refuse Scan and PartiQL operations.");
	}

	static RuntimeException unwrap(RuntimeException ex) {
		RuntimeException tenancy = DynamoDbExceptionTranslator.tenancyCause(ex);
		return (tenancy != null) ? tenancy : ex;
	}

	@Override
	public String serviceName() {
		return this.delegate.serviceName();
	}

	/**
	 * @return the wrapped client's configuration, except that its credentials provider refuses to resolve: the
	 * wrapper never hands out the credentials it signs with
	 */
	@Override
	public DynamoDbServiceClientConfiguration serviceClientConfiguration() {
		return this.configuration;
	}

	/**
	 * @return a waiter whose requests go through this wrapper's checks and whose failures throw the tenancy
	 * exception that caused them
	 */
	@Override
	public DynamoDbWaiter waiter() {
		return new CheckedDynamoDbWaiter(DynamoDbWaiter.builder().client(this).build());
	}

	/**
	 * Has no effect: the wrapped client is shared and closed by whoever built it.
	 */
	@Override
	public void close() {
	}

	@Override
	public String toString() {
		return this.description;
	}

	@Override
	public BatchExecuteStatementResponse batchExecuteStatement(BatchExecuteStatementRequest request) {
		return refused("BatchExecuteStatement", request);
	}

	@Override
	public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
		return call("BatchGetItem", request, DynamoDbClient::batchGetItem);
	}

	@Override
	public BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
		return call("BatchWriteItem", request, DynamoDbClient::batchWriteItem);
	}

	@Override
	public CreateBackupResponse createBackup(CreateBackupRequest request) {
		return call("CreateBackup", request, DynamoDbClient::createBackup);
	}

	@Override
	public CreateGlobalTableResponse createGlobalTable(CreateGlobalTableRequest request) {
		return call("CreateGlobalTable", request, DynamoDbClient::createGlobalTable);
	}

	@Override
	public CreateTableResponse createTable(CreateTableRequest request) {
		return call("CreateTable", request, DynamoDbClient::createTable);
	}

	@Override
	public DeleteBackupResponse deleteBackup(DeleteBackupRequest request) {
		return call("DeleteBackup", request, DynamoDbClient::deleteBackup);
	}

	@Override
	public DeleteItemResponse deleteItem(DeleteItemRequest request) {
		return call("DeleteItem", request, DynamoDbClient::deleteItem);
	}

	@Override
	public DeleteResourcePolicyResponse deleteResourcePolicy(DeleteResourcePolicyRequest request) {
		return call("DeleteResourcePolicy", request, DynamoDbClient::deleteResourcePolicy);
	}

	@Override
	public DeleteTableResponse deleteTable(DeleteTableRequest request) {
		return call("DeleteTable", request, DynamoDbClient::deleteTable);
	}

	@Override
	public DescribeBackupResponse describeBackup(DescribeBackupRequest request) {
		return call("DescribeBackup", request, DynamoDbClient::describeBackup);
	}

	@Override
	public DescribeContinuousBackupsResponse describeContinuousBackups(DescribeContinuousBackupsRequest request) {
		return call("DescribeContinuousBackups", request, DynamoDbClient::describeContinuousBackups);
	}

	@Override
	public DescribeContributorInsightsResponse describeContributorInsights(DescribeContributorInsightsRequest request) {
		return call("DescribeContributorInsights", request, DynamoDbClient::describeContributorInsights);
	}

	@Override
	public DescribeEndpointsResponse describeEndpoints(DescribeEndpointsRequest request) {
		return call("DescribeEndpoints", request, DynamoDbClient::describeEndpoints);
	}

	@Override
	public DescribeExportResponse describeExport(DescribeExportRequest request) {
		return call("DescribeExport", request, DynamoDbClient::describeExport);
	}

	@Override
	public DescribeGlobalTableResponse describeGlobalTable(DescribeGlobalTableRequest request) {
		return call("DescribeGlobalTable", request, DynamoDbClient::describeGlobalTable);
	}

	@Override
	public DescribeGlobalTableSettingsResponse describeGlobalTableSettings(DescribeGlobalTableSettingsRequest request) {
		return call("DescribeGlobalTableSettings", request, DynamoDbClient::describeGlobalTableSettings);
	}

	@Override
	public DescribeImportResponse describeImport(DescribeImportRequest request) {
		return call("DescribeImport", request, DynamoDbClient::describeImport);
	}

	@Override
	public DescribeKinesisStreamingDestinationResponse describeKinesisStreamingDestination(DescribeKinesisStreamingDestinationRequest request) {
		return call("DescribeKinesisStreamingDestination", request, DynamoDbClient::describeKinesisStreamingDestination);
	}

	@Override
	public DescribeLimitsResponse describeLimits(DescribeLimitsRequest request) {
		return call("DescribeLimits", request, DynamoDbClient::describeLimits);
	}

	@Override
	public DescribeTableResponse describeTable(DescribeTableRequest request) {
		return call("DescribeTable", request, DynamoDbClient::describeTable);
	}

	@Override
	public DescribeTableReplicaAutoScalingResponse describeTableReplicaAutoScaling(DescribeTableReplicaAutoScalingRequest request) {
		return call("DescribeTableReplicaAutoScaling", request, DynamoDbClient::describeTableReplicaAutoScaling);
	}

	@Override
	public DescribeTimeToLiveResponse describeTimeToLive(DescribeTimeToLiveRequest request) {
		return call("DescribeTimeToLive", request, DynamoDbClient::describeTimeToLive);
	}

	@Override
	public DisableKinesisStreamingDestinationResponse disableKinesisStreamingDestination(DisableKinesisStreamingDestinationRequest request) {
		return call("DisableKinesisStreamingDestination", request, DynamoDbClient::disableKinesisStreamingDestination);
	}

	@Override
	public EnableKinesisStreamingDestinationResponse enableKinesisStreamingDestination(EnableKinesisStreamingDestinationRequest request) {
		return call("EnableKinesisStreamingDestination", request, DynamoDbClient::enableKinesisStreamingDestination);
	}

	@Override
	public ExecuteStatementResponse executeStatement(ExecuteStatementRequest request) {
		return refused("ExecuteStatement", request);
	}

	@Override
	public ExecuteTransactionResponse executeTransaction(ExecuteTransactionRequest request) {
		return refused("ExecuteTransaction", request);
	}

	@Override
	public ExportTableToPointInTimeResponse exportTableToPointInTime(ExportTableToPointInTimeRequest request) {
		return call("ExportTableToPointInTime", request, DynamoDbClient::exportTableToPointInTime);
	}

	@Override
	public GetItemResponse getItem(GetItemRequest request) {
		return call("GetItem", request, DynamoDbClient::getItem);
	}

	@Override
	public GetResourcePolicyResponse getResourcePolicy(GetResourcePolicyRequest request) {
		return call("GetResourcePolicy", request, DynamoDbClient::getResourcePolicy);
	}

	@Override
	public ImportTableResponse importTable(ImportTableRequest request) {
		return call("ImportTable", request, DynamoDbClient::importTable);
	}

	@Override
	public ListBackupsResponse listBackups(ListBackupsRequest request) {
		return call("ListBackups", request, DynamoDbClient::listBackups);
	}

	@Override
	public ListContributorInsightsResponse listContributorInsights(ListContributorInsightsRequest request) {
		return call("ListContributorInsights", request, DynamoDbClient::listContributorInsights);
	}

	@Override
	public ListExportsResponse listExports(ListExportsRequest request) {
		return call("ListExports", request, DynamoDbClient::listExports);
	}

	@Override
	public ListGlobalTablesResponse listGlobalTables(ListGlobalTablesRequest request) {
		return call("ListGlobalTables", request, DynamoDbClient::listGlobalTables);
	}

	@Override
	public ListImportsResponse listImports(ListImportsRequest request) {
		return call("ListImports", request, DynamoDbClient::listImports);
	}

	@Override
	public ListTablesResponse listTables(ListTablesRequest request) {
		return call("ListTables", request, DynamoDbClient::listTables);
	}

	@Override
	public ListTagsOfResourceResponse listTagsOfResource(ListTagsOfResourceRequest request) {
		return call("ListTagsOfResource", request, DynamoDbClient::listTagsOfResource);
	}

	@Override
	public PutItemResponse putItem(PutItemRequest request) {
		return call("PutItem", request, DynamoDbClient::putItem);
	}

	@Override
	public PutResourcePolicyResponse putResourcePolicy(PutResourcePolicyRequest request) {
		return call("PutResourcePolicy", request, DynamoDbClient::putResourcePolicy);
	}

	@Override
	public QueryResponse query(QueryRequest request) {
		return call("Query", request, DynamoDbClient::query);
	}

	@Override
	public RestoreTableFromBackupResponse restoreTableFromBackup(RestoreTableFromBackupRequest request) {
		return call("RestoreTableFromBackup", request, DynamoDbClient::restoreTableFromBackup);
	}

	@Override
	public RestoreTableToPointInTimeResponse restoreTableToPointInTime(RestoreTableToPointInTimeRequest request) {
		return call("RestoreTableToPointInTime", request, DynamoDbClient::restoreTableToPointInTime);
	}

	@Override
	public ScanResponse scan(ScanRequest request) {
		return refused("Scan", request);
	}

	@Override
	public TagResourceResponse tagResource(TagResourceRequest request) {
		return call("TagResource", request, DynamoDbClient::tagResource);
	}

	@Override
	public TransactGetItemsResponse transactGetItems(TransactGetItemsRequest request) {
		return call("TransactGetItems", request, DynamoDbClient::transactGetItems);
	}

	@Override
	public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
		return call("TransactWriteItems", request, DynamoDbClient::transactWriteItems);
	}

	@Override
	public UntagResourceResponse untagResource(UntagResourceRequest request) {
		return call("UntagResource", request, DynamoDbClient::untagResource);
	}

	@Override
	public UpdateContinuousBackupsResponse updateContinuousBackups(UpdateContinuousBackupsRequest request) {
		return call("UpdateContinuousBackups", request, DynamoDbClient::updateContinuousBackups);
	}

	@Override
	public UpdateContributorInsightsResponse updateContributorInsights(UpdateContributorInsightsRequest request) {
		return call("UpdateContributorInsights", request, DynamoDbClient::updateContributorInsights);
	}

	@Override
	public UpdateGlobalTableResponse updateGlobalTable(UpdateGlobalTableRequest request) {
		return call("UpdateGlobalTable", request, DynamoDbClient::updateGlobalTable);
	}

	@Override
	public UpdateGlobalTableSettingsResponse updateGlobalTableSettings(UpdateGlobalTableSettingsRequest request) {
		return call("UpdateGlobalTableSettings", request, DynamoDbClient::updateGlobalTableSettings);
	}

	@Override
	public UpdateItemResponse updateItem(UpdateItemRequest request) {
		return call("UpdateItem", request, DynamoDbClient::updateItem);
	}

	@Override
	public UpdateKinesisStreamingDestinationResponse updateKinesisStreamingDestination(UpdateKinesisStreamingDestinationRequest request) {
		return call("UpdateKinesisStreamingDestination", request, DynamoDbClient::updateKinesisStreamingDestination);
	}

	@Override
	public UpdateTableResponse updateTable(UpdateTableRequest request) {
		return call("UpdateTable", request, DynamoDbClient::updateTable);
	}

	@Override
	public UpdateTableReplicaAutoScalingResponse updateTableReplicaAutoScaling(UpdateTableReplicaAutoScalingRequest request) {
		return call("UpdateTableReplicaAutoScaling", request, DynamoDbClient::updateTableReplicaAutoScaling);
	}

	@Override
	public UpdateTimeToLiveResponse updateTimeToLive(UpdateTimeToLiveRequest request) {
		return call("UpdateTimeToLive", request, DynamoDbClient::updateTimeToLive);
	}

	/**
	 * The check run on the calling thread before each request, before the SDK resolves credentials or sends
	 * anything.
	 */
	@FunctionalInterface
	public interface RequestCheck {

		/**
		 * Check a request; throw to refuse it.
		 * @param operation the DynamoDB operation, for example {@code GetItem}
		 * @param request the request as the caller built it, with its override configuration
		 */
		void beforeRequest(String operation, DynamoDbRequest request);

		/**
		 * Check a request and admit it: the returned action runs once the call returned or failed, for checks that
		 * track requests in flight (the {@link TenantFences}). The default runs {@link #beforeRequest} and tracks
		 * nothing.
		 * @param operation the DynamoDB operation, for example {@code GetItem}
		 * @param request the request as the caller built it, with its override configuration
		 * @return what to run when the call is over, never {@literal null}
		 */
		default Runnable admit(String operation, DynamoDbRequest request) {
			beforeRequest(operation, request);
			return NOTHING;
		}

	}

	/**
	 * The credentials provider that {@link #serviceClientConfiguration()} exposes: it resolves nothing.
	 */
	private static final class NoCredentials implements AwsCredentialsProvider {

		static final NoCredentials INSTANCE = new NoCredentials();

		@Override
		public AwsCredentials resolveCredentials() {
			throw new UnsupportedOperationException("This DynamoDB client does not hand out credentials: its requests "
					+ "are signed inside the client only. Send requests through the client itself.");
		}

		@Override
		public String toString() {
			return "CheckedDynamoDbClient.NoCredentials";
		}

	}

}
