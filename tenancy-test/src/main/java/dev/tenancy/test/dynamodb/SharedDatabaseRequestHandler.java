package dev.tenancy.test.dynamodb;

import com.amazonaws.services.dynamodbv2.AmazonDynamoDB;
import com.amazonaws.services.dynamodbv2.AmazonDynamoDBStreams;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBClient;
import com.amazonaws.services.dynamodbv2.model.BatchExecuteStatementRequest;
import com.amazonaws.services.dynamodbv2.model.BatchExecuteStatementResult;
import com.amazonaws.services.dynamodbv2.model.BatchGetItemRequest;
import com.amazonaws.services.dynamodbv2.model.BatchGetItemResult;
import com.amazonaws.services.dynamodbv2.model.BatchWriteItemRequest;
import com.amazonaws.services.dynamodbv2.model.BatchWriteItemResult;
import com.amazonaws.services.dynamodbv2.model.CreateTableRequest;
import com.amazonaws.services.dynamodbv2.model.CreateTableResult;
import com.amazonaws.services.dynamodbv2.model.DeleteItemRequest;
import com.amazonaws.services.dynamodbv2.model.DeleteItemResult;
import com.amazonaws.services.dynamodbv2.model.DeleteTableRequest;
import com.amazonaws.services.dynamodbv2.model.DeleteTableResult;
import com.amazonaws.services.dynamodbv2.model.DescribeLimitsRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeLimitsResult;
import com.amazonaws.services.dynamodbv2.model.DescribeStreamRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeStreamResult;
import com.amazonaws.services.dynamodbv2.model.DescribeTableRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTableResult;
import com.amazonaws.services.dynamodbv2.model.DescribeTimeToLiveRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTimeToLiveResult;
import com.amazonaws.services.dynamodbv2.model.ExecuteStatementRequest;
import com.amazonaws.services.dynamodbv2.model.ExecuteStatementResult;
import com.amazonaws.services.dynamodbv2.model.ExecuteTransactionRequest;
import com.amazonaws.services.dynamodbv2.model.ExecuteTransactionResult;
import com.amazonaws.services.dynamodbv2.model.GetItemRequest;
import com.amazonaws.services.dynamodbv2.model.GetItemResult;
import com.amazonaws.services.dynamodbv2.model.GetRecordsRequest;
import com.amazonaws.services.dynamodbv2.model.GetRecordsResult;
import com.amazonaws.services.dynamodbv2.model.GetShardIteratorRequest;
import com.amazonaws.services.dynamodbv2.model.GetShardIteratorResult;
import com.amazonaws.services.dynamodbv2.model.ListStreamsRequest;
import com.amazonaws.services.dynamodbv2.model.ListStreamsResult;
import com.amazonaws.services.dynamodbv2.model.ListTablesRequest;
import com.amazonaws.services.dynamodbv2.model.ListTablesResult;
import com.amazonaws.services.dynamodbv2.model.ListTagsOfResourceRequest;
import com.amazonaws.services.dynamodbv2.model.ListTagsOfResourceResult;
import com.amazonaws.services.dynamodbv2.model.PutItemRequest;
import com.amazonaws.services.dynamodbv2.model.PutItemResult;
import com.amazonaws.services.dynamodbv2.model.QueryRequest;
import com.amazonaws.services.dynamodbv2.model.QueryResult;
import com.amazonaws.services.dynamodbv2.model.ScanRequest;
import com.amazonaws.services.dynamodbv2.model.ScanResult;
import com.amazonaws.services.dynamodbv2.model.TagResourceRequest;
import com.amazonaws.services.dynamodbv2.model.TagResourceResult;
import com.amazonaws.services.dynamodbv2.model.TransactGetItemsRequest;
import com.amazonaws.services.dynamodbv2.model.TransactGetItemsResult;
import com.amazonaws.services.dynamodbv2.model.TransactWriteItemsRequest;
import com.amazonaws.services.dynamodbv2.model.TransactWriteItemsResult;
import com.amazonaws.services.dynamodbv2.model.UntagResourceRequest;
import com.amazonaws.services.dynamodbv2.model.UntagResourceResult;
import com.amazonaws.services.dynamodbv2.model.UpdateItemRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateItemResult;
import com.amazonaws.services.dynamodbv2.model.UpdateTableRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateTableResult;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveResult;

/**
 * Serves every DynamoDB Local request from one in-memory database, whatever the request's credentials and region
 * (DynamoDB Local's {@code -sharedDb -inMemory}), so that requests signed with different tenants' session credentials
 * see the same tables. Unlike DynamoDB Local's own handler it owns the executor of DynamoDB Local's background jobs
 * and stops them with an interrupt on shutdown: DynamoDB Local's stream shard roll-over job otherwise sleeps for
 * minutes on a non-daemon thread and keeps the JVM alive.
 *
 * @author tenancy
 * @since 0.1
 */
final class SharedDatabaseRequestHandler extends DynamoDBRequestHandler {

	private final LocalDBClient client;

	SharedDatabaseRequestHandler(LocalDBClient client) {
		super(0);
		this.client = client;
	}

	private AmazonDynamoDB dynamoDb() {
		return this.client.amazonDynamoDB();
	}

	private AmazonDynamoDBStreams streams() {
		return this.client.amazonDynamoDBStreams();
	}

	@Override
	public void shutdown() {
		this.client.shutdownNow();
	}

	@Override
	public BatchGetItemResult batchGetItem(String accessKey, String region, BatchGetItemRequest request) {
		return dynamoDb().batchGetItem(request);
	}

	@Override
	public BatchWriteItemResult batchWriteItem(String accessKey, String region, BatchWriteItemRequest request) {
		return dynamoDb().batchWriteItem(request);
	}

	@Override
	public TransactWriteItemsResult transactWriteItems(String accessKey, String region,
			TransactWriteItemsRequest request) {
		return dynamoDb().transactWriteItems(request);
	}

	@Override
	public TransactGetItemsResult transactGetItems(String accessKey, String region, TransactGetItemsRequest request) {
		return dynamoDb().transactGetItems(request);
	}

	@Override
	public CreateTableResult createTable(String accessKey, String region, CreateTableRequest request) {
		return dynamoDb().createTable(request);
	}

	@Override
	public DeleteItemResult deleteItem(String accessKey, String region, DeleteItemRequest request) {
		return dynamoDb().deleteItem(request);
	}

	@Override
	public DeleteTableResult deleteTable(String accessKey, String region, DeleteTableRequest request) {
		return dynamoDb().deleteTable(request);
	}

	@Override
	public DescribeStreamResult describeStream(String accessKey, String region, DescribeStreamRequest request) {
		return streams().describeStream(request);
	}

	@Override
	public DescribeTableResult describeTable(String accessKey, String region, DescribeTableRequest request) {
		return dynamoDb().describeTable(request);
	}

	@Override
	public DescribeLimitsResult describeLimits(String accessKey, String region, DescribeLimitsRequest request) {
		return dynamoDb().describeLimits(request);
	}

	@Override
	public DescribeTimeToLiveResult describeTimeToLive(String accessKey, String region,
			DescribeTimeToLiveRequest request) {
		return dynamoDb().describeTimeToLive(request);
	}

	@Override
	public GetItemResult getItem(String accessKey, String region, GetItemRequest request) {
		return dynamoDb().getItem(request);
	}

	@Override
	public GetShardIteratorResult getShardIterator(String accessKey, String region, GetShardIteratorRequest request) {
		return streams().getShardIterator(request);
	}

	@Override
	public GetRecordsResult getRecords(String accessKey, String region, GetRecordsRequest request) {
		return streams().getRecords(request);
	}

	@Override
	public ListStreamsResult listStreams(String accessKey, String region, ListStreamsRequest request) {
		return streams().listStreams(request);
	}

	@Override
	public ListTablesResult listTables(String accessKey, String region, ListTablesRequest request) {
		return dynamoDb().listTables(request);
	}

	@Override
	public ListTagsOfResourceResult listTagsOfResource(String accessKey, String region,
			ListTagsOfResourceRequest request) {
		return dynamoDb().listTagsOfResource(request);
	}

	@Override
	public PutItemResult putItem(String accessKey, String region, PutItemRequest request) {
		return dynamoDb().putItem(request);
	}

	@Override
	public QueryResult query(String accessKey, String region, QueryRequest request) {
		return dynamoDb().query(request);
	}

	@Override
	public ScanResult scan(String accessKey, String region, ScanRequest request) {
		return dynamoDb().scan(request);
	}

	@Override
	public TagResourceResult tagResource(String accessKey, String region, TagResourceRequest request) {
		return dynamoDb().tagResource(request);
	}

	@Override
	public UntagResourceResult untagResource(String accessKey, String region, UntagResourceRequest request) {
		return dynamoDb().untagResource(request);
	}

	@Override
	public UpdateItemResult updateItem(String accessKey, String region, UpdateItemRequest request) {
		return dynamoDb().updateItem(request);
	}

	@Override
	public UpdateTableResult updateTable(String accessKey, String region, UpdateTableRequest request) {
		return dynamoDb().updateTable(request);
	}

	@Override
	public UpdateTimeToLiveResult updateTimeToLive(String accessKey, String region, UpdateTimeToLiveRequest request) {
		return dynamoDb().updateTimeToLive(request);
	}

	@Override
	public ExecuteStatementResult executeStatement(String accessKey, String region, ExecuteStatementRequest request) {
		return dynamoDb().executeStatement(request);
	}

	@Override
	public BatchExecuteStatementResult batchExecuteStatement(String accessKey, String region,
			BatchExecuteStatementRequest request) {
		return dynamoDb().batchExecuteStatement(request);
	}

	@Override
	public ExecuteTransactionResult executeTransaction(String accessKey, String region,
			ExecuteTransactionRequest request) {
		return dynamoDb().executeTransaction(request);
	}

}
