package dev.tenancy.iam.policy;

import java.util.List;
import java.util.stream.Stream;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.StringLikeMatcher;
import dev.tenancy.keys.TenantKeyTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.policybuilder.iam.IamAction;
import software.amazon.awssdk.policybuilder.iam.IamCondition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipal;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamResource;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link TenancyPolicies}: the generated policies are parsed back with {@link IamPolicy#fromJson(String)}
 * and their statements, actions, resources and conditions asserted exactly.
 *
 * @author tenancy
 */
class TenancyPoliciesTests {

	static final ResourceArns ARNS = ResourceArns.of("aws", "eu-central-1", "123456789012");

	static final String TABLE = "arn:aws:dynamodb:eu-central-1:123456789012:table/Projects";

	static final DynamoDbKeySchema ONE_INDEX = DynamoDbKeySchema.builder()
		.table("Projects", "pk", "sk")
		.index("Projects", "GSI1", "gsi1pk", "gsi1sk")
		.build();

	static final DynamoDbKeySchema THREE_INDEXES = DynamoDbKeySchema.builder()
		.table("Projects", "pk", "sk")
		.index("Projects", "GSI1", "gsi1pk", "gsi1sk")
		.index("Projects", "GSI2", "gsi2pk", "gsi2sk")
		.index("Projects", "GSI3", "gsi3pk")
		.build();

	static final String APP = "arn:aws:iam::123456789012:role/tenancy-app";

	static final TenantId ACME = TenantId.of("acme");

	static final TenantId LONGEST = TenantId.of("t".repeat(TenantId.MAX_LENGTH));

	static TenancyPoliciesBuilder policies(DynamoDbKeySchema schema) {
		return TenancyPolicies.builder().arns(ARNS).keySchema(schema).applicationPrincipalArn(APP);
	}

	static IamPolicy roundTrip(IamPolicy policy) {
		String json = policy.toJson();
		IamPolicy parsed = IamPolicy.fromJson(json);
		assertThat(parsed).isEqualTo(policy);
		assertThat(parsed.version()).isEqualTo("2012-10-17");
		assertThat(parsed.statements()).allSatisfy(
				statement -> assertThat(statement.sid()).as("Sid must be alphanumeric").matches("[A-Za-z0-9]+"));
		return parsed;
	}

	static List<String> actions(IamStatement statement) {
		return statement.actions().stream().map(IamAction::value).toList();
	}

	static List<String> resources(IamStatement statement) {
		return statement.resources().stream().map(IamResource::value).toList();
	}

	@Test
	@DisplayName("The session policy is the exact minified JSON shown in the README")
	void sessionPolicyJson() {
		String json = policies(ONE_INDEX).build().sessionPolicyJson(ACME);
		assertThat(json).isEqualTo("{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"TenantItems\","
				+ "\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:BatchGetItem\",\"dynamodb:Query\","
				+ "\"dynamodb:PutItem\",\"dynamodb:UpdateItem\",\"dynamodb:DeleteItem\",\"dynamodb:BatchWriteItem\","
				+ "\"dynamodb:ConditionCheckItem\"],\"Resource\":[\"" + TABLE + "\",\"" + TABLE + "/index/GSI1\"],"
				+ "\"Condition\":{\"ForAllValues:StringLike\":{\"dynamodb:LeadingKeys\":[\"TENANT#acme\","
				+ "\"TENANT#acme#*\"]},\"Null\":{\"dynamodb:LeadingKeys\":\"false\"}}}}");
	}

	@Test
	void sessionPolicyStructure() {
		TenancyPolicies policies = policies(THREE_INDEXES).build();
		IamPolicy policy = IamPolicy.fromJson(policies.sessionPolicyJson(ACME));
		assertThat(policy).isEqualTo(roundTrip(policies.sessionPolicy(ACME)));
		assertThat(policy.statements()).hasSize(1);
		IamStatement statement = policy.statements().get(0);
		assertThat(statement.sid()).isEqualTo("TenantItems");
		assertThat(statement.effect()).isEqualTo(IamEffect.ALLOW);
		assertThat(statement.principals()).isEmpty();
		assertThat(statement.notActions()).isEmpty();
		assertThat(statement.notResources()).isEmpty();
		assertThat(actions(statement)).containsExactly("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
				"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem",
				"dynamodb:ConditionCheckItem");
		assertThat(resources(statement)).containsExactly(TABLE, TABLE + "/index/GSI1", TABLE + "/index/GSI2",
				TABLE + "/index/GSI3");
		assertThat(statement.conditions()).extracting(c -> c.operator().value(), c -> c.key().value(),
				IamCondition::value)
			.containsExactly(tuple("ForAllValues:StringLike", "dynamodb:LeadingKeys", "TENANT#acme"),
					tuple("ForAllValues:StringLike", "dynamodb:LeadingKeys", "TENANT#acme#*"),
					tuple("Null", "dynamodb:LeadingKeys", "false"));
		assertThat(policies.resources()).isEqualTo(resources(statement));
	}

	// TH-5
	@Test
	@DisplayName("TH-5: the session policy's LeadingKeys patterns admit only the tenant's keys")
	void th5SessionPolicyPatterns() {
		IamStatement statement = policies(ONE_INDEX).build().sessionPolicy(TenantId.of("1")).statements().get(0);
		List<String> patterns = statement.conditions()
			.stream()
			.filter(c -> c.operator().value().equals("ForAllValues:StringLike"))
			.map(IamCondition::value)
			.toList();
		assertThat(patterns).containsExactly("TENANT#1", "TENANT#1#*");
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(patterns, List.of("TENANT#1", "TENANT#1#STATUS#OPEN")))
			.isTrue();
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(patterns, List.of("TENANT#12"))).isFalse();
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(patterns, List.of("TENANT#1", "TENANT#2"))).isFalse();
		assertThat(StringLikeMatcher.forAllValuesWithNullGuard(patterns, List.of())).isFalse();
	}

	// TH-1, TH-2, TH-3, TH-4
	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"GetItem | {'TableName':'Projects','Key':{'pk':{'S':'TENANT#acme'},'sk':{'S':'P#1'}}} | true",
			"GetItem | {'TableName':'Projects','Key':{'pk':{'S':'TENANT#acme2'},'sk':{'S':'P#1'}}} | false",
			"Query | {'TableName':'Projects','IndexName':'GSI1','KeyConditionExpression':'gsi1pk = :v',"
					+ "'ExpressionAttributeValues':{':v':{'S':'TENANT#acme#STATUS#OPEN'}}} | true",
			"Query | {'TableName':'Projects','IndexName':'GSI1','KeyConditionExpression':'gsi1pk = :v',"
					+ "'ExpressionAttributeValues':{':v':{'S':'TENANT#acme2#STATUS#OPEN'}}} | false",
			"BatchWriteItem | {'RequestItems':{'Projects':[{'PutRequest':{'Item':{'pk':{'S':'TENANT#acme'},"
					+ "'sk':{'S':'P#1'}}}},{'DeleteRequest':{'Key':{'pk':{'S':'TENANT#acme#x'},'sk':{'S':'P#2'}}}}]}}"
					+ " | true",
			"BatchWriteItem | {'RequestItems':{'Projects':[{'PutRequest':{'Item':{'pk':{'S':'TENANT#acme'},"
					+ "'sk':{'S':'P#1'}}}},{'DeleteRequest':{'Key':{'pk':{'S':'TENANT#globex'},'sk':{'S':'P#2'}}}}]}}"
					+ " | false",
			"Scan | {'TableName':'Projects'} | false" })
	@DisplayName("TH-1, TH-2, TH-3, TH-4: extracted requests meet the session policy's resources and patterns")
	void extractedRequestsAgainstSessionPolicy(String operation, String body, boolean allowed) {
		IamStatement statement = policies(ONE_INDEX).build().sessionPolicy(ACME).statements().get(0);
		List<String> patterns = statement.conditions()
			.stream()
			.filter(c -> c.operator().value().equals("ForAllValues:StringLike"))
			.map(IamCondition::value)
			.toList();
		List<AuthorizationRequest> requests = new DynamoDbRequestContextExtractor(ARNS, ONE_INDEX)
			.extract(operation, body.replace('\'', '"'));
		boolean everyRequestMatches = requests.stream()
			.allMatch(request -> actions(statement).contains(request.action())
					&& resources(statement).contains(request.resource())
					&& StringLikeMatcher.forAllValuesWithNullGuard(patterns,
							(request.values(AuthorizationRequest.LEADING_KEYS) != null)
									? request.values(AuthorizationRequest.LEADING_KEYS) : List.of()));
		assertThat(everyRequestMatches).isEqualTo(allowed);
	}

	// TH-4
	@Test
	@DisplayName("TH-4: no Allow in any generated policy grants Scan, PartiQL, wildcards or control-plane actions")
	void th4NoScanPartiQlOrWildcardInAnyAllow() {
		TenancyPolicies policies = policies(THREE_INDEXES).columnRestriction(ColumnRestriction.of("name")).build();
		List<IamPolicy> dynamoDbPolicies = List.of(policies.sessionPolicy(ACME), policies.sessionPolicy(ACME, null),
				policies.ceilingPolicy());
		for (IamPolicy policy : dynamoDbPolicies) {
			for (IamStatement statement : policy.statements()) {
				if (statement.effect().equals(IamEffect.ALLOW)) {
					assertThat(actions(statement)).isSubsetOf(TenancyPolicies.DEFAULT_ACTIONS)
						.noneMatch(action -> action.contains("*") || action.contains("?"));
					assertThat(resources(statement)).noneMatch(resource -> resource.contains("*"));
					assertThat(statement.notActions()).isEmpty();
					assertThat(statement.notResources()).isEmpty();
				}
			}
		}
		IamPolicy trust = policies.trustPolicy();
		assertThat(trust.statements()).flatExtracting(TenancyPoliciesTests::actions)
			.containsExactly("sts:AssumeRole", "sts:TagSession");
	}

	// TH-4
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"Scan                   | 'dynamodb:Scan' cannot be granted to a tenant: dynamodb:LeadingKeys does not apply",
			"dynamodb:Scan          | 'dynamodb:Scan' cannot be granted",
			"dynamodb:PartiQLSelect | 'dynamodb:PartiQLSelect' cannot be granted to a tenant: a PartiQL statement",
			"PartiQLInsert          | 'PartiQLInsert' cannot be granted",
			"dynamodb:partiqldelete | 'dynamodb:partiqldelete' cannot be granted",
			"dynamodb:*             | 'dynamodb:*' is a wildcard; list the actions explicitly",
			"*                      | '*' is a wildcard",
			"dynamodb:Get*          | 'dynamodb:Get*' is a wildcard",
			"dynamodb:GetIte?       | 'dynamodb:GetIte?' is a wildcard",
			"DescribeTable          | 'DescribeTable' is not a tenant-scopable DynamoDB data-plane action",
			"dynamodb:CreateTable   | 'dynamodb:CreateTable' is not a tenant-scopable",
			"dynamodb:TransactWriteItems | 'dynamodb:TransactWriteItems' is not a tenant-scopable",
			"s3:GetItem             | 's3:GetItem' is not a tenant-scopable" })
	@DisplayName("TH-4: Scan, PartiQL, wildcards and control-plane actions cannot be configured")
	void th4RejectedActions(String action, String message) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenancyPolicies.builder().actions("GetItem", action))
			.withMessageStartingWith("Action ")
			.withMessageContaining(message);
	}

	@Test
	void actionsAreCanonicalized() {
		TenancyPolicies policies = policies(ONE_INDEX).actions("getitem", "dynamodb:Query", "DYNAMODB:QUERY").build();
		assertThat(policies.actions()).containsExactly("dynamodb:GetItem", "dynamodb:Query");
		assertThat(actions(policies.sessionPolicy(ACME).statements().get(0))).containsExactly("dynamodb:GetItem",
				"dynamodb:Query");
		assertThatIllegalArgumentException().isThrownBy(() -> TenancyPolicies.builder().actions(List.of()))
			.withMessageStartingWith("At least one action must be granted");
	}

	@Test
	@DisplayName("The ceiling policy: tag patterns, Null guard, Deny of Scan and PartiQL, Deny without TLS")
	void ceilingPolicy() {
		IamPolicy policy = roundTrip(policies(ONE_INDEX).build().ceilingPolicy());
		assertThat(policy.statements()).extracting(IamStatement::sid, IamStatement::effect)
			.containsExactly(tuple("TenantItems", IamEffect.ALLOW), tuple("DenyScanAndPartiQL", IamEffect.DENY),
					tuple("DenyInsecureTransport", IamEffect.DENY));

		IamStatement allow = policy.statements().get(0);
		assertThat(actions(allow)).isEqualTo(TenancyPolicies.DEFAULT_ACTIONS);
		assertThat(resources(allow)).containsExactly(TABLE, TABLE + "/index/GSI1");
		assertThat(allow.conditions()).extracting(c -> c.operator().value(), c -> c.key().value(), IamCondition::value)
			.containsExactly(
					tuple("ForAllValues:StringLike", "dynamodb:LeadingKeys", "TENANT#${aws:PrincipalTag/tenant}"),
					tuple("ForAllValues:StringLike", "dynamodb:LeadingKeys", "TENANT#${aws:PrincipalTag/tenant}#*"),
					tuple("Null", "dynamodb:LeadingKeys", "false"));

		IamStatement denyScan = policy.statements().get(1);
		assertThat(actions(denyScan)).containsExactly("dynamodb:Scan", "dynamodb:PartiQLSelect",
				"dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete");
		assertThat(resources(denyScan)).containsExactly(TABLE, TABLE + "/index/*");
		assertThat(denyScan.conditions()).isEmpty();

		IamStatement denyHttp = policy.statements().get(2);
		assertThat(actions(denyHttp)).containsExactly("dynamodb:*");
		assertThat(resources(denyHttp)).containsExactly("*");
		assertThat(denyHttp.conditions()).extracting(c -> c.operator().value(), c -> c.key().value(),
				IamCondition::value)
			.containsExactly(tuple("Bool", "aws:SecureTransport", "false"));
	}

	@Test
	void customTagKeyAndTemplate() {
		TenancyPolicies policies = policies(ONE_INDEX).tenantTagKey("tenantId")
			.keyTemplate(TenantKeyTemplate.of("ORG|{tenant}"))
			.build();
		assertThat(policies.sessionPolicy(ACME).statements().get(0).conditions()).extracting(IamCondition::value)
			.containsExactly("ORG|acme", "ORG|acme#*", "false");
		assertThat(policies.ceilingPolicy().statements().get(0).conditions()).extracting(IamCondition::value)
			.containsExactly("ORG|${aws:PrincipalTag/tenantId}", "ORG|${aws:PrincipalTag/tenantId}#*", "false");
		assertThat(policies.trustPolicy().statements().get(1).conditions()).extracting(c -> c.key().value(),
				IamCondition::value)
			.containsExactly(tuple("aws:RequestTag/tenantId", "false"), tuple("aws:RequestTag/tenantId", "?*"),
					tuple("aws:TagKeys", "tenantId"));
	}

	@Test
	@DisplayName("The trust policy allows AssumeRole and TagSession with exactly the tenant tag")
	void trustPolicy() {
		IamPolicy policy = roundTrip(policies(ONE_INDEX).build().trustPolicy());
		assertThat(policy.statements()).hasSize(2);
		IamStatement assume = policy.statements().get(0);
		assertThat(assume.sid()).isEqualTo("AssumeTenantRole");
		assertThat(assume.effect()).isEqualTo(IamEffect.ALLOW);
		assertThat(assume.principals()).containsExactly(IamPrincipal.create(IamPrincipalType.AWS, APP));
		assertThat(actions(assume)).containsExactly("sts:AssumeRole");
		assertThat(assume.conditions()).isEmpty();

		IamStatement tag = policy.statements().get(1);
		assertThat(tag.sid()).isEqualTo("TagTenantSession");
		assertThat(tag.principals()).containsExactly(IamPrincipal.create(IamPrincipalType.AWS, APP));
		assertThat(actions(tag)).containsExactly("sts:TagSession");
		assertThat(tag.conditions()).extracting(c -> c.operator().value(), c -> c.key().value(), IamCondition::value)
			.containsExactly(tuple("Null", "aws:RequestTag/tenant", "false"),
					tuple("StringLike", "aws:RequestTag/tenant", "?*"),
					tuple("ForAllValues:StringEquals", "aws:TagKeys", "tenant"));
	}

	@Test
	@DisplayName("TH-18 application mode: item actions on the exact tables and indexes, Scan and PartiQL denied, no control plane")
	void applicationModePolicy() {
		IamPolicy policy = roundTrip(policies(ONE_INDEX).build().applicationModePolicy());
		assertThat(policy.statements()).extracting(IamStatement::sid)
			.containsExactly("ApplicationItems", "DenyScanAndPartiQL", "DenyInsecureTransport");
		IamStatement items = policy.statements().get(0);
		assertThat(items.effect()).isEqualTo(IamEffect.ALLOW);
		assertThat(actions(items)).isEqualTo(TenancyPolicies.DEFAULT_ACTIONS);
		assertThat(items.resources()).extracting(IamResource::value).containsExactly(TABLE, TABLE + "/index/GSI1");
		assertThat(items.conditions()).isEmpty();
		assertThat(actions(policy.statements().get(1))).isEqualTo(TenancyPolicies.DENIED_ACTIONS);
		assertThat(policy.statements().get(1).resources()).extracting(IamResource::value)
			.containsExactly(TABLE, TABLE + "/index/*");
	}

	@Test
	@DisplayName("TH-18 the admin client may create, describe and update the tables, not delete them or touch items")
	void adminClientPolicy() {
		IamPolicy policy = roundTrip(policies(THREE_INDEXES).build().adminClientPolicy());
		assertThat(policy.statements()).hasSize(1);
		IamStatement tables = policy.statements().get(0);
		assertThat(tables.sid()).isEqualTo("AdminTables");
		assertThat(tables.effect()).isEqualTo(IamEffect.ALLOW);
		assertThat(actions(tables)).containsExactly("dynamodb:CreateTable", "dynamodb:DescribeTable",
				"dynamodb:UpdateTable");
		assertThat(tables.resources()).extracting(IamResource::value).containsExactly(TABLE);
	}

	@Test
	void trustPolicyNeedsAValidPrincipal() {
		TenancyPolicies policies = TenancyPolicies.builder().arns(ARNS).keySchema(ONE_INDEX).build();
		assertThatIllegalStateException().isThrownBy(policies::trustPolicy)
			.withMessageStartingWith("No application principal ARN is configured; set "
					+ "TenancyPolicies.builder().applicationPrincipalArn(...)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenancyPolicies.builder().applicationPrincipalArn("arn:aws:iam::123456789012:role/*"))
			.withMessageStartingWith("Invalid application principal ARN 'arn:aws:iam::123456789012:role/*'");
		assertThatIllegalArgumentException().isThrownBy(() -> TenancyPolicies.builder().applicationPrincipalArn("app"))
			.withMessageContaining("expected an IAM role or user ARN without wildcards");
	}

	// TH-12
	@Test
	@DisplayName("TH-12: a column restriction adds Attributes, Select and ReturnValues and drops whole-item writes")
	void th12ColumnRestriction() {
		TenancyPolicies policies = policies(ONE_INDEX).build();
		IamPolicy policy = roundTrip(policies.sessionPolicy(ACME, ColumnRestriction.of("name", "status", "sk")));
		IamStatement statement = policy.statements().get(0);
		assertThat(actions(statement)).containsExactly("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
				"dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem");
		assertThat(statement.conditions()).extracting(c -> c.operator().value(), c -> c.key().value(),
				IamCondition::value)
			.containsExactly(tuple("ForAllValues:StringLike", "dynamodb:LeadingKeys", "TENANT#acme"),
					tuple("ForAllValues:StringLike", "dynamodb:LeadingKeys", "TENANT#acme#*"),
					tuple("Null", "dynamodb:LeadingKeys", "false"),
					tuple("ForAllValues:StringEquals", "dynamodb:Attributes", "pk"),
					tuple("ForAllValues:StringEquals", "dynamodb:Attributes", "sk"),
					tuple("ForAllValues:StringEquals", "dynamodb:Attributes", "gsi1pk"),
					tuple("ForAllValues:StringEquals", "dynamodb:Attributes", "gsi1sk"),
					tuple("ForAllValues:StringEquals", "dynamodb:Attributes", "name"),
					tuple("ForAllValues:StringEquals", "dynamodb:Attributes", "status"),
					tuple("StringEqualsIfExists", "dynamodb:Select", "SPECIFIC_ATTRIBUTES"),
					tuple("StringEqualsIfExists", "dynamodb:ReturnValues", "NONE"),
					tuple("StringEqualsIfExists", "dynamodb:ReturnValues", "UPDATED_OLD"),
					tuple("StringEqualsIfExists", "dynamodb:ReturnValues", "UPDATED_NEW"));
		// Without restriction, the same policies grant whole-item writes again
		assertThat(actions(policies.sessionPolicy(ACME).statements().get(0))).contains("dynamodb:PutItem",
				"dynamodb:BatchWriteItem");
	}

	@Test
	void configuredColumnRestrictionAppliesToSessionAndCeiling() {
		TenancyPolicies policies = policies(ONE_INDEX).columnRestriction(ColumnRestriction.of("name")).build();
		assertThat(policies.columnRestriction()).isEqualTo(ColumnRestriction.of("name"));
		for (IamPolicy policy : List.of(policies.sessionPolicy(ACME), policies.ceilingPolicy())) {
			IamStatement statement = policy.statements().get(0);
			assertThat(actions(statement)).doesNotContain("dynamodb:PutItem", "dynamodb:BatchWriteItem");
			assertThat(statement.conditions()).filteredOn(c -> c.key().value().equals("dynamodb:Attributes"))
				.extracting(IamCondition::value)
				.containsExactly("pk", "sk", "gsi1pk", "gsi1sk", "name");
		}
		// An explicit null lifts the configured restriction for this session policy only
		assertThat(policies.sessionPolicy(ACME, null).statements().get(0).conditions()).hasSize(3);
	}

	@Test
	void columnRestrictionThatLeavesNoActionIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> policies(ONE_INDEX).actions("PutItem", "BatchWriteItem")
				.columnRestriction(ColumnRestriction.of("name"))
				.build())
			.withMessageStartingWith("A column restriction removes PutItem and BatchWriteItem, which leaves none of "
					+ "the configured actions [dynamodb:PutItem, dynamodb:BatchWriteItem]");
	}

	@Test
	void invalidColumnRestrictions() {
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnRestriction.of())
			.withMessageStartingWith("A column restriction needs at least one allowed attribute");
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnRestriction.of("a", "${aws:username}"))
			.withMessageContaining("IAM would read '${' as a policy variable");
		assertThatIllegalArgumentException().isThrownBy(() -> ColumnRestriction.of("\u0100x"))
			.withMessageContaining("outside the policy character set U+0020 to U+00FF");
	}

	@Test
	void requiredBuilderParts() {
		assertThatIllegalStateException().isThrownBy(() -> TenancyPolicies.builder().keySchema(ONE_INDEX).build())
			.withMessageStartingWith("ResourceArns are required");
		assertThatIllegalStateException().isThrownBy(() -> TenancyPolicies.builder().arns(ARNS).build())
			.withMessageStartingWith("A key schema is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> TenancyPolicies.builder().keySchema(DynamoDbKeySchema.builder().build()))
			.withMessageStartingWith("The key schema declares no table");
	}

	// TH-16
	@Test
	@DisplayName("TH-16: realistic configurations fit the 2,048-character session policy limit")
	void th16RealisticConfigurationsFit(TestReporter reporter) {
		TenancyPolicies plain = policies(THREE_INDEXES).build();
		int plainLength = plain.sessionPolicyJson(LONGEST).length();
		ColumnRestriction columns = ColumnRestriction.of("name", "status", "description", "ownerId", "createdAt",
				"updatedAt", "dueDate", "priority");
		int restrictedLength = plain.sessionPolicyJson(LONGEST, columns).length();
		reporter.publishEntry("session policy, 1 table + 3 GSIs, 48-character tenant", plainLength + " characters");
		reporter.publishEntry("same with an 8-attribute column restriction", restrictedLength + " characters");
		assertThat(plainLength).isLessThanOrEqualTo(TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
		assertThat(restrictedLength).isBetween(plainLength, TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
		assertThat(plain.sessionPolicyJson(ACME).length()).isEqualTo(plainLength - 2 * (TenantId.MAX_LENGTH - 4));
		plain.validateSessionPolicySize(columns);
	}

	// TH-16
	@Test
	@DisplayName("TH-16: an oversized configuration fails at build time, naming the limit and the size")
	void th16OversizedConfigurationFailsAtStartup() {
		DynamoDbKeySchema.Builder schema = DynamoDbKeySchema.builder();
		Stream.of("Projects", "Tasks", "Comments", "Attachments").forEach(table -> {
			schema.table(table, "pk", "sk");
			for (int i = 1; i <= 5; i++) {
				schema.index(table, table + "ByAttributeNumber" + i, "gsi" + i + "pk", "gsi" + i + "sk");
			}
		});
		assertThatExceptionOfType(SessionPolicyTooLargeException.class)
			.isThrownBy(() -> policies(schema.build()).build())
			.withMessageMatching("The session policy for a tenant id of the maximum length \\(48 characters\\) is "
					+ "\\d,\\d{3} characters, over the STS limit of 2,048 characters for an inline session policy\\. "
					+ "It lists 24 table and index ARNs, 8 actions and 0 attribute names; reduce them: .*")
			.satisfies(ex -> {
				assertThat(ex.limit()).isEqualTo(2048);
				assertThat(ex.size()).isGreaterThan(2048);
				assertThat(ex.getMessage()).contains(String.format("%,d characters", ex.size()));
			});
	}

	// TH-16
	@Test
	@DisplayName("TH-16: the size check uses the longest tenant id, not a short one")
	void th16WorstCaseTenant() {
		TenancyPolicies policies = policies(THREE_INDEXES).build();
		// Grow a column restriction until the 48-character tenant's policy no longer fits
		List<String> attributes = new java.util.ArrayList<>();
		ColumnRestriction columns;
		do {
			attributes.add("a" + attributes.size());
			columns = ColumnRestriction.of(attributes);
		}
		while (length(policies, LONGEST, columns) <= TenancyPolicies.SESSION_POLICY_MAX_LENGTH);
		ColumnRestriction tooWide = columns;

		assertThat(policies.sessionPolicyJson(ACME, tooWide)).hasSizeLessThanOrEqualTo(2048);
		assertThatExceptionOfType(SessionPolicyTooLargeException.class)
			.isThrownBy(() -> policies.validateSessionPolicySize(tooWide))
			.withMessageStartingWith("The session policy for a tenant id of the maximum length (48 characters) is ")
			.withMessageContaining("over the STS limit of 2,048 characters")
			.withMessageContaining(tooWide.attributes().size() + 7 + " attribute names");
		assertThatExceptionOfType(SessionPolicyTooLargeException.class)
			.isThrownBy(() -> policies.sessionPolicyJson(LONGEST, tooWide))
			.withMessageStartingWith("The session policy for tenant '" + LONGEST + "' is ");
		assertThatExceptionOfType(SessionPolicyTooLargeException.class)
			.isThrownBy(() -> policies(THREE_INDEXES).columnRestriction(tooWide).build());
	}

	static int length(TenancyPolicies policies, TenantId tenant, ColumnRestriction columns) {
		return policies.sessionPolicy(tenant, columns).toJson().length();
	}

}
