package dev.tenancy.iam.policy;

import java.util.List;

import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.Outcome;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated policies evaluated end to end: a request body goes through the
 * {@link DynamoDbRequestContextExtractor}, and the {@link PolicyEvaluator} decides it against the generated role
 * ceiling policy (identity gate) and the tenant's generated session policy (session gate), as IAM does for the
 * tenant's STS session. Each gate is also evaluated alone, because either must isolate tenants by itself.
 */
class GeneratedPoliciesEvaluationTests {

	private static final String TABLE = "arn:aws:dynamodb:eu-central-1:123456789012:table/Projects";

	private static final String ALLOW_ALL = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
			+ "\"Action\":\"*\",\"Resource\":\"*\"}]}";

	private final DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
		.table("Projects", "pk", "sk")
		.index("Projects", "byStatus", "gsi1pk", "gsi1sk")
		.build();

	private final TenancyPolicies policies = TenancyPolicies.builder()
		.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
		.keySchema(this.schema)
		.applicationPrincipalArn("arn:aws:iam::123456789012:role/app")
		.build();

	private final DynamoDbRequestContextExtractor extractor = new DynamoDbRequestContextExtractor(
			ResourceArns.of("aws", "eu-central-1", "123456789012"), this.schema);

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	private PrincipalSession.Builder session(String tenant) {
		return PrincipalSession.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "tenant-" + tenant)
			.tag("tenant", tenant);
	}

	/** Role ceiling ∩ session policy, as for a real tenant session. */
	private PrincipalSession both(String tenant) {
		return session(tenant).identityPolicy(this.policies.ceilingPolicy())
			.sessionPolicy(this.policies.sessionPolicy(TenantId.of(tenant)))
			.build();
	}

	/** The session policy alone (identity allows everything). */
	private PrincipalSession sessionOnly(String tenant) {
		return session(tenant).identityPolicyJson(ALLOW_ALL)
			.sessionPolicy(this.policies.sessionPolicy(TenantId.of(tenant)))
			.build();
	}

	/** The role ceiling alone (no session policy passed). */
	private PrincipalSession ceilingOnly(String tenant) {
		return session(tenant).identityPolicy(this.policies.ceilingPolicy()).build();
	}

	private Decision decide(PrincipalSession principal, String operation, String body) {
		return this.evaluator.evaluateAll(principal, this.extractor.extract(operation, body));
	}

	private static String getItem(String pk) {
		return "{\"TableName\":\"Projects\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"},\"sk\":{\"S\":\"PROJECT#1\"}}}";
	}

	@Test
	@DisplayName("TH-5 tenant 1 cannot reach TENANT#12, under each gate alone and both")
	void tenantOneCannotReachTenantTwelve() {
		for (PrincipalSession principal : List.of(both("1"), sessionOnly("1"), ceilingOnly("1"))) {
			Decision decision = decide(principal, "GetItem", getItem("TENANT#12"));
			assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(decision.message()).startsWith("User: arn:aws:sts::123456789012:assumed-role/TenantRole/tenant-1 "
					+ "is not authorized to perform: dynamodb:GetItem on resource: " + TABLE + " because no ");
		}
		assertThat(decide(sessionOnly("1"), "GetItem", getItem("TENANT#12")).message())
			.endsWith("because no session policy allows the dynamodb:GetItem action");
		assertThat(decide(ceilingOnly("1"), "GetItem", getItem("TENANT#12")).message())
			.endsWith("because no identity-based policy allows the dynamodb:GetItem action");
	}

	@Test
	@DisplayName("TH-5 tenant 1 reaches TENANT#1 and its composite keys TENANT#1#..., not TENANT#1x")
	void tenantOneReachesItsOwnKeys() {
		assertThat(decide(both("1"), "GetItem", getItem("TENANT#1")).allowed()).isTrue();
		assertThat(decide(both("1"), "GetItem", getItem("TENANT#1#ORDER#7")).allowed()).isTrue();
		assertThat(decide(both("1"), "GetItem", getItem("TENANT#1x")).allowed()).isFalse();
		assertThat(decide(both("acme"), "GetItem", getItem("TENANT#acme2")).allowed()).isFalse();
	}

	@Test
	@DisplayName("TH-4 Scan: no Allow in the session policy, explicit Deny in the ceiling")
	void scanIsDenied() {
		String scan = "{\"TableName\":\"Projects\"}";
		Decision sessionGate = decide(sessionOnly("acme"), "Scan", scan);
		assertThat(sessionGate.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
		assertThat(sessionGate.message()).endsWith("because no session policy allows the dynamodb:Scan action");
		Decision ceilingGate = decide(ceilingOnly("acme"), "Scan", scan);
		assertThat(ceilingGate.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(ceilingGate.message()).endsWith("with an explicit deny in an identity-based policy");
		assertThat(decide(both("acme"), "Scan", "{\"TableName\":\"Projects\",\"IndexName\":\"byStatus\"}").outcome())
			.isEqualTo(Outcome.EXPLICIT_DENY);
	}

	@Test
	@DisplayName("TH-4 PartiQL: explicitly denied by the ceiling even with the tenant's own key")
	void partiQlIsDenied() {
		String statement = "{\"Statement\":\"SELECT * FROM \\\"Projects\\\" WHERE \\\"pk\\\" = 'TENANT#acme'\"}";
		assertThat(decide(ceilingOnly("acme"), "ExecuteStatement", statement).outcome())
			.isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(decide(sessionOnly("acme"), "ExecuteStatement", statement).outcome())
			.isEqualTo(Outcome.IMPLICIT_DENY);
	}

	@Test
	@DisplayName("TH-3 Query on the GSI with another tenant's prefixed index key is denied")
	void gsiQueryOfAnotherTenant() {
		String query = "{\"TableName\":\"Projects\",\"IndexName\":\"byStatus\",\"KeyConditionExpression\":\"gsi1pk = :v\","
				+ "\"ExpressionAttributeValues\":{\":v\":{\"S\":\"TENANT#globex#STATUS#OPEN\"}}}";
		Decision decision = decide(both("acme"), "Query", query);
		assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
		assertThat(decision.request().resource()).isEqualTo(TABLE + "/index/byStatus");
		assertThat(decide(both("globex"), "Query", query).allowed()).isTrue();
	}

	@Test
	@DisplayName("TH-2 BatchWriteItem mixing acme and globex is denied as a whole")
	void mixedBatch() {
		String batch = "{\"RequestItems\":{\"Projects\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},"
				+ "\"sk\":{\"S\":\"P#1\"}}}},{\"DeleteRequest\":{\"Key\":{\"pk\":{\"S\":\"TENANT#globex\"},"
				+ "\"sk\":{\"S\":\"P#2\"}}}}]}}";
		assertThat(decide(both("acme"), "BatchWriteItem", batch).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
	}

	@Test
	@DisplayName("a request over plain HTTP is explicitly denied by the ceiling")
	void insecureTransportIsDenied() {
		PrincipalSession insecure = session("acme").identityPolicy(this.policies.ceilingPolicy())
			.secureTransport(false)
			.build();
		assertThat(decide(insecure, "GetItem", getItem("TENANT#acme")).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
	}

	@Test
	@DisplayName("TH-12 column-level session policy: projection required, hidden attributes, ReturnValues, PutItem")
	void columnRestriction() {
		ColumnRestriction columns = ColumnRestriction.of("name", "status");
		IamPolicy restricted = this.policies.sessionPolicy(TenantId.of("acme"), columns);
		PrincipalSession principal = session("acme").identityPolicyJson(ALLOW_ALL).sessionPolicy(restricted).build();
		String key = "\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"},\"sk\":{\"S\":\"PROJECT#1\"}}";
		assertThat(decide(principal, "GetItem", "{\"TableName\":\"Projects\"," + key + "}").allowed())
			.as("no projection: Select is ALL_ATTRIBUTES")
			.isFalse();
		assertThat(decide(principal, "GetItem",
				"{\"TableName\":\"Projects\"," + key + ",\"ProjectionExpression\":\"#n, #s\","
						+ "\"ExpressionAttributeNames\":{\"#n\":\"name\",\"#s\":\"status\"}}")
			.allowed()).isTrue();
		assertThat(decide(principal, "GetItem",
				"{\"TableName\":\"Projects\"," + key + ",\"ProjectionExpression\":\"budget\"}").allowed())
			.as("hidden attribute")
			.isFalse();
		assertThat(decide(principal, "UpdateItem", "{\"TableName\":\"Projects\"," + key
				+ ",\"UpdateExpression\":\"SET #n = :n\",\"ExpressionAttributeNames\":{\"#n\":\"name\"},"
				+ "\"ExpressionAttributeValues\":{\":n\":{\"S\":\"x\"}},\"ReturnValues\":\"ALL_NEW\"}").allowed())
			.as("ReturnValues ALL_NEW")
			.isFalse();
		assertThat(decide(principal, "UpdateItem", "{\"TableName\":\"Projects\"," + key
				+ ",\"UpdateExpression\":\"SET #n = :n\",\"ExpressionAttributeNames\":{\"#n\":\"name\"},"
				+ "\"ExpressionAttributeValues\":{\":n\":{\"S\":\"x\"}}}").allowed())
			.as("UpdateItem of a visible attribute")
			.isTrue();
		assertThat(decide(principal, "PutItem", "{\"TableName\":\"Projects\",\"Item\":{\"pk\":{\"S\":\"TENANT#acme\"},"
				+ "\"sk\":{\"S\":\"PROJECT#1\"},\"name\":{\"S\":\"x\"}}}").allowed())
			.as("PutItem would overwrite hidden attributes")
			.isFalse();
	}


	/** The application's own role with the application-mode policy, as the tenant-scoped client signs there. */
	private PrincipalSession applicationMode() {
		return PrincipalSession.assumedRole("aws", "123456789012", "app", "AROAAPP", "app-session")
			.identityPolicy(this.policies.applicationModePolicy())
			.build();
	}

	@Test
	@DisplayName("TH-18 application mode: the application identity gets the item actions, never Scan or PartiQL")
	void applicationModePolicyGrantsItemActionsButNeverScanOrPartiQl() {
		assertThat(decide(applicationMode(), "GetItem", getItem("TENANT#acme")).outcome()).isEqualTo(Outcome.ALLOWED);
		assertThat(decide(applicationMode(), "Scan", "{\"TableName\":\"Projects\"}").outcome())
			.isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(decide(applicationMode(), "Scan", "{\"TableName\":\"Projects\",\"IndexName\":\"byStatus\"}")
			.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(decide(applicationMode(), "ExecuteStatement",
				"{\"Statement\":\"SELECT * FROM \\\"Projects\\\"\"}").outcome())
			.isEqualTo(Outcome.EXPLICIT_DENY);
		assertThat(decide(applicationMode(), "GetItem",
				"{\"TableName\":\"Other\",\"Key\":{\"pk\":{\"S\":\"TENANT#acme\"}}}").outcome())
			.isEqualTo(Outcome.IMPLICIT_DENY);
	}

}
