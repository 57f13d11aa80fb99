package dev.tenancy.iam.request;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.IamTestRequests;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.keys.ResourceArns;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * TH-25 (#12 §3 items 2 and 4): every DynamoDB operation is authorized on the resources IAM checks for it, so that
 * table-scoped Deny statements fire; an operation whose resource cannot be determined, or whose name is not exactly a
 * DynamoDB API operation, is refused.
 */
class DynamoDbOperationResourcesTests {

	static final String REGION_PREFIX = "arn:aws:dynamodb:eu-central-1:123456789012:";

	static final String PROJECTS = REGION_PREFIX + "table/Projects";

	static final String STREAM = PROJECTS + "/stream/2026-01-01T00:00:00.000";

	static final String BACKUP = PROJECTS + "/backup/01700000000000-abcdef12";

	static final String EXPORT = PROJECTS + "/export/01700000000000-abcdef12";

	static final String IMPORT = PROJECTS + "/import/01700000000000-abcdef12";

	static final String GLOBAL = "arn:aws:dynamodb::123456789012:global-table/Projects";

	final DynamoDbRequestContextExtractor extractor = new DynamoDbRequestContextExtractor(
			ResourceArns.of("aws", "eu-central-1", "123456789012"), DynamoDbRequestContextExtractorTests.SCHEMA);

	static String json(String singleQuoted) {
		return singleQuoted.replace('\'', '"');
	}

	static Stream<Arguments> operations() {
		return Stream.of(
				// operations IAM authorizes without a resource
				arguments("ListTables", "{}", List.of("*")),
				arguments("DescribeLimits", "{}", List.of("*")),
				arguments("DescribeEndpoints", "{}", List.of("*")),
				arguments("ListBackups", "{'TableName':'Projects'}", List.of("*")),
				arguments("ListContributorInsights", "{'TableName':'Projects'}", List.of("*")),
				arguments("ListGlobalTables", "{}", List.of("*")),
				arguments("ListExports", "{}", List.of("*")),
				arguments("ListImports", "{}", List.of("*")),
				// an optional table filter: the table too
				arguments("ListExports", "{'TableArn':'" + PROJECTS + "'}", List.of("*", PROJECTS)),
				arguments("ListImports", "{'TableArn':'" + PROJECTS + "'}", List.of("*", PROJECTS)),
				// TableName, a name or an ARN
				arguments("DescribeTable", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DescribeTable", "{'TableName':'" + PROJECTS + "'}", List.of(PROJECTS)),
				arguments("CreateTable", "{'TableName':'New.Table'}", List.of(REGION_PREFIX + "table/New.Table")),
				arguments("DeleteTable", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("UpdateTable", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("CreateBackup", "{'TableName':'Projects','BackupName':'b'}", List.of(PROJECTS)),
				arguments("DescribeContinuousBackups", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("UpdateContinuousBackups", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DescribeTimeToLive", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("UpdateTimeToLive", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DescribeKinesisStreamingDestination", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("EnableKinesisStreamingDestination", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DisableKinesisStreamingDestination", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("UpdateKinesisStreamingDestination", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DescribeTableReplicaAutoScaling", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("UpdateTableReplicaAutoScaling", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DescribeContributorInsights", "{'TableName':'Projects'}", List.of(PROJECTS)),
				arguments("DescribeContributorInsights", "{'TableName':'Projects','IndexName':'GSI1'}",
						List.of(PROJECTS, PROJECTS + "/index/GSI1")),
				arguments("UpdateContributorInsights", "{'TableName':'Projects','IndexName':'GSI1'}",
						List.of(PROJECTS, PROJECTS + "/index/GSI1")),
				// TableArn, ResourceArn
				arguments("ExportTableToPointInTime", "{'TableArn':'" + PROJECTS + "','S3Bucket':'b'}",
						List.of(PROJECTS)),
				arguments("TagResource", "{'ResourceArn':'" + PROJECTS + "','Tags':[]}", List.of(PROJECTS)),
				arguments("UntagResource", "{'ResourceArn':'" + PROJECTS + "','TagKeys':[]}", List.of(PROJECTS)),
				arguments("ListTagsOfResource", "{'ResourceArn':'" + PROJECTS + "'}", List.of(PROJECTS)),
				arguments("ListTagsOfResource", "{'ResourceArn':'" + PROJECTS + "/index/GSI1'}",
						List.of(PROJECTS + "/index/GSI1")),
				arguments("GetResourcePolicy", "{'ResourceArn':'" + PROJECTS + "'}", List.of(PROJECTS)),
				arguments("PutResourcePolicy", "{'ResourceArn':'" + STREAM + "','Policy':'{}'}", List.of(STREAM)),
				arguments("DeleteResourcePolicy", "{'ResourceArn':'" + PROJECTS + "'}", List.of(PROJECTS)),
				// backups, exports, imports
				arguments("DescribeBackup", "{'BackupArn':'" + BACKUP + "'}", List.of(BACKUP)),
				arguments("DeleteBackup", "{'BackupArn':'" + BACKUP + "'}", List.of(BACKUP)),
				arguments("RestoreTableFromBackup", "{'BackupArn':'" + BACKUP + "','TargetTableName':'Restored'}",
						List.of(BACKUP, REGION_PREFIX + "table/Restored")),
				arguments("RestoreTableToPointInTime", "{'SourceTableName':'Projects','TargetTableName':'Restored'}",
						List.of(PROJECTS, REGION_PREFIX + "table/Restored")),
				arguments("RestoreTableToPointInTime",
						"{'SourceTableArn':'" + PROJECTS + "','TargetTableName':'Restored'}",
						List.of(PROJECTS, REGION_PREFIX + "table/Restored")),
				arguments("DescribeExport", "{'ExportArn':'" + EXPORT + "'}", List.of(EXPORT)),
				arguments("DescribeImport", "{'ImportArn':'" + IMPORT + "'}", List.of(IMPORT)),
				arguments("ImportTable", "{'TableCreationParameters':{'TableName':'Imported'}}",
						List.of(REGION_PREFIX + "table/Imported")),
				// global tables: the global table and its table in each Region named (and this one)
				arguments("DescribeGlobalTable", "{'GlobalTableName':'Projects'}", List.of(GLOBAL)),
				arguments("DescribeGlobalTableSettings", "{'GlobalTableName':'Projects'}", List.of(GLOBAL)),
				arguments("CreateGlobalTable",
						"{'GlobalTableName':'Projects','ReplicationGroup':[{'RegionName':'eu-west-1'}]}",
						List.of(GLOBAL, PROJECTS, "arn:aws:dynamodb:eu-west-1:123456789012:table/Projects")),
				arguments("UpdateGlobalTable",
						"{'GlobalTableName':'Projects','ReplicaUpdates':[{'Delete':{'RegionName':'eu-west-1'}}]}",
						List.of(GLOBAL, PROJECTS, "arn:aws:dynamodb:eu-west-1:123456789012:table/Projects")),
				arguments("UpdateGlobalTableSettings",
						"{'GlobalTableName':'Projects','ReplicaSettingsUpdate':[{'RegionName':'eu-central-1'}]}",
						List.of(GLOBAL, PROJECTS)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("operations")
	@DisplayName("TH-25 (#12 §3 item 2) each operation is authorized on the resources IAM checks")
	void th25EachOperationIsAuthorizedOnItsResources(String operation, String body, List<String> resources) {
		List<AuthorizationRequest> requests = this.extractor.extract(operation, json(body));
		assertThat(requests).extracting(AuthorizationRequest::resource).containsExactlyElementsOf(resources);
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.action()).isEqualTo("dynamodb:" + operation);
			assertThat(request.operation()).isEqualTo(operation);
		});
	}

	@Test
	void th25EveryKnownOperationHasARow() {
		List<String> covered = operations().map((arguments) -> (String) arguments.get()[0]).toList();
		List<String> dataPlane = List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "Scan",
				"BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems", "ExecuteStatement",
				"BatchExecuteStatement", "ExecuteTransaction");
		assertThat(DynamoDbOperations.names()).allSatisfy(
				(name) -> assertThat(covered.contains(name) || dataPlane.contains(name)).as(name).isTrue());
		assertThat(DynamoDbOperations.names()).hasSize(57);
	}

	@Test
	void th25TagsAreConditionKeys() {
		AuthorizationRequest tag = this.extractor.extract("TagResource",
				json("{'ResourceArn':'" + PROJECTS + "','Tags':[{'Key':'Owner','Value':'acme'}]}")).get(0);
		assertThat(tag.context()).containsExactlyInAnyOrderEntriesOf(
				Map.of("aws:tagkeys", List.of("Owner"), "aws:requesttag/owner", List.of("acme")));
		AuthorizationRequest untag = this.extractor.extract("UntagResource",
				json("{'ResourceArn':'" + PROJECTS + "','TagKeys':['Owner','Team']}")).get(0);
		assertThat(untag.context()).containsExactlyInAnyOrderEntriesOf(Map.of("aws:tagkeys", List.of("Owner", "Team")));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "TagResource", "UntagResource", "ListTagsOfResource", "GetResourcePolicy",
			"PutResourcePolicy", "DeleteResourcePolicy" })
	@DisplayName("TH-25 (#12 §3 item 2) a Deny on the table fires for operations that name it by ARN")
	void th25TableScopedDenyFiresForResourceArnOperations(String operation) {
		PrincipalSession session = PrincipalSession
			.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "t1-session")
			.identityPolicy(IamPolicy.fromJson(IamTestRequests.policy(
					"{`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}",
					"{`Sid`:`ProtectProjects`,`Effect`:`Deny`,`Action`:`dynamodb:*`,`Resource`:`" + PROJECTS + "`}")))
			.build();
		String body = json("{'ResourceArn':'" + PROJECTS + "','Tags':[],'TagKeys':[],'Policy':'{}'}");
		Decision decision = PolicyEvaluator.create().evaluateAll(session, this.extractor.extract(operation, body));
		assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(decision.request().resource()).isEqualTo(PROJECTS);
		assertThat(decision.message()).contains("dynamodb:" + operation).contains("on resource: " + PROJECTS);
	}

	@Test
	@DisplayName("TH-25 (#12 §3 item 2) ExportTableToPointInTime on a denied table is denied")
	void th25ExportOfADeniedTableIsDenied() {
		PrincipalSession session = PrincipalSession
			.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "t1-session")
			.identityPolicy(IamPolicy.fromJson(IamTestRequests.policy(
					"{`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}",
					"{`Effect`:`Deny`,`Action`:`dynamodb:*`,`Resource`:`" + REGION_PREFIX + "table/Proj*`}")))
			.build();
		Decision decision = PolicyEvaluator.create().evaluateAll(session, this.extractor
			.extract("ExportTableToPointInTime", json("{'TableArn':'" + PROJECTS + "','S3Bucket':'b'}")));
		assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
	}

	static Stream<Arguments> undeterminable() {
		return Stream.of(arguments("TagResource", "{'Tags':[]}", "has no 'ResourceArn'"),
				arguments("ListTagsOfResource", "{'ResourceArn':'Projects'}", "is not a DynamoDB"),
				arguments("ListTagsOfResource", "{'ResourceArn':'arn:aws:dynamodb:table/Projects'}",
						"is not a DynamoDB"),
				arguments("ListTagsOfResource", "{'ResourceArn':'arn:aws:s3:eu-central-1:123456789012:table/Projects'}",
						"is not a DynamoDB"),
				arguments("ListTagsOfResource", "{'ResourceArn':'arn:aws:dynamodb:eu-central-1:123456789012:table/P*'}",
						"is not a DynamoDB"),
				arguments("ListTagsOfResource", "{'ResourceArn':'ARN:aws:dynamodb:eu-central-1:123456789012:table/Projects'}",
						"is not a DynamoDB"),
				arguments("ListTagsOfResource",
						"{'ResourceArn':'arn:aws:dynamodb:EU-central-1:123456789012:table/Projects'}",
						"is not a DynamoDB"),
				arguments("ListTagsOfResource", "{'ResourceArn':'arn:aws:dynamodb:eu-central-1:1234:table/Projects'}",
						"is not a DynamoDB"),
				arguments("ListTagsOfResource", "{'ResourceArn':'" + BACKUP + "'}", "is not a DynamoDB"),
				arguments("GetResourcePolicy", "{'ResourceArn':7}", "is not a string"),
				arguments("ExportTableToPointInTime", "{'S3Bucket':'b'}", "has no 'TableArn'"),
				arguments("ExportTableToPointInTime", "{'TableArn':'" + STREAM + "'}", "is not a DynamoDB"),
				arguments("DescribeBackup", "{'BackupArn':'" + PROJECTS + "'}", "is not a DynamoDB"),
				arguments("DescribeExport", "{'ExportArn':'" + BACKUP + "'}", "is not a DynamoDB"),
				arguments("DescribeImport", "{}", "has no 'ImportArn'"),
				arguments("ImportTable", "{}", "has no 'TableCreationParameters'"),
				arguments("RestoreTableToPointInTime", "{'TargetTableName':'Restored'}",
						"has neither 'SourceTableArn' nor 'SourceTableName'"),
				arguments("RestoreTableToPointInTime",
						"{'SourceTableName':'Projects','SourceTableArn':'" + PROJECTS + "','TargetTableName':'R'}",
						"has both 'SourceTableArn' and 'SourceTableName'"),
				arguments("CreateGlobalTable", "{'GlobalTableName':'Projects','ReplicationGroup':[{'RegionName':'*'}]}",
						"Invalid region"),
				arguments("DescribeTable", "{}", "has no 'TableName'"),
				arguments("DescribeTable", "{'TableName':'arn:x:table/Projects'}", "is not a DynamoDB"),
				arguments("GetItem", "{'TableName':'arn:x:table/Projects','Key':{'pk':{'S':'a'}}}",
						"is not a DynamoDB"),
				arguments("DescribeContributorInsights", "{'TableName':'Projects','IndexName':'x'}",
						"Invalid index name 'x'"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("undeterminable")
	@DisplayName("TH-25 (#12 §3 item 2) an operation whose resource cannot be determined is refused")
	void th25UndeterminableResourceIsRefused(String operation, String body, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.extractor.extract(operation, json(body)))
			.withMessageContaining(message);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "getitem", "GETITEM", "getItem", "Getitem", "PutItems", "DescribeStream", "GetRecords",
			"SearchVectors", "Unknown", "GetItem ", "GetIte\u043c" })
	@DisplayName("TH-25 (#12 §3 item 4) operation names are exact and case-sensitive")
	void th25UnknownOperationNamesAreRefused(String operation) {
		assertThat(DynamoDbOperations.isKnown(operation)).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.extractor.extract(operation,
					json("{'TableName':'Projects','Key':{'pk':{'S':'TENANT#acme'},'sk':{'S':'P#1'}}}")))
			.withMessageContaining("is not a DynamoDB API operation")
			.withMessageContaining("case-sensitive");
	}

	@Test
	void th25KnownOperationNamesAreExact() {
		assertThat(DynamoDbOperations.isKnown("GetItem")).isTrue();
		assertThat(DynamoDbOperations.isKnown("ExportTableToPointInTime")).isTrue();
		assertThat(DynamoDbOperations.names()).contains("TagResource").doesNotContain("tagresource");
	}

}
