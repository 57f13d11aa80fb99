package dev.tenancy.iam.evaluation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import static dev.tenancy.iam.evaluation.IamTestRequests.PRINCIPAL;
import static dev.tenancy.iam.evaluation.IamTestRequests.TABLE;
import static dev.tenancy.iam.evaluation.IamTestRequests.TAG;
import static dev.tenancy.iam.evaluation.IamTestRequests.explicitDeny;
import static dev.tenancy.iam.evaluation.IamTestRequests.getItem;
import static dev.tenancy.iam.evaluation.IamTestRequests.implicitDeny;
import static dev.tenancy.iam.evaluation.IamTestRequests.json;
import static dev.tenancy.iam.evaluation.IamTestRequests.lk;
import static dev.tenancy.iam.evaluation.IamTestRequests.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Focused tests per docs/IAM.md rule for {@link PolicyEvaluator} and {@link PrincipalSession}.
 */
class PolicyEvaluatorTests {

	private static final String ALLOW_DYNAMODB = policy(
			"{`Sid`:`AllowDynamoDb`,`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}");

	/** Prefix of ARNs in GameScores' account and Region, written {@code ~} in the tables below. */
	private static final String ARN = "arn:aws:dynamodb:us-west-2:123456789012:";

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	private static PrincipalSession.Builder t1() {
		return PrincipalSession.assumedRole("aws", IamTestRequests.ACCOUNT, "TenantRole", "AROAEXAMPLE", "t1-session")
			.tag("tenantId", "t1");
	}

	/** A session whose identity policy allows dynamodb:* and whose session policy has the given statement. */
	private static PrincipalSession sessionWith(String statement) {
		return t1().identityPolicy(IamPolicy.fromJson(ALLOW_DYNAMODB))
			.sessionPolicy(IamPolicy.fromJson(policy(statement)))
			.build();
	}

	/** An identity-only session with the given statement. */
	private static PrincipalSession identityWith(String statement) {
		return t1().identityPolicy(IamPolicy.fromJson(policy(statement))).build();
	}

	private static String allow(String actions, String resource, String condition) {
		return "{`Sid`:`S`,`Effect`:`Allow`,`Action`:" + actions + ",`Resource`:`" + resource + "`"
				+ (condition.isEmpty() ? "" : ",`Condition`:{" + condition + "}") + "}";
	}

	private static String allowGet(String condition) {
		return allow("`dynamodb:GetItem`", TABLE, condition);
	}

	private static AuthorizationRequest inRegion(String region) {
		return request("dynamodb:GetItem", TABLE, Map.of("aws:RequestedRegion", List.of(region)));
	}

	private static AuthorizationRequest request(String action, String resource, Map<String, List<String>> context) {
		return new AuthorizationRequest(action, resource, context, "Test");
	}

	private Outcome outcome(PrincipalSession session, AuthorizationRequest request) {
		return this.evaluator.evaluate(session, request).outcome();
	}

	@Nested
	@DisplayName("R4 actions")
	class Actions {

		@ParameterizedTest(name = "policy action {0} vs request {1} -> {2}")
		@CsvSource({ "DynamoDB:getitem, dynamodb:GetItem, ALLOWED", "dynamodb:Get*, dynamodb:GetItem, ALLOWED",
				"dynamodb:?etItem, dynamodb:GetItem, ALLOWED", "dynamodb:Get*, dynamodb:BatchGetItem, IMPLICIT_DENY",
				"dynamodb:GetItem, dynamodb:GetItems, IMPLICIT_DENY", "*, dynamodb:Scan, ALLOWED",
				"dynamodb:*Item, dynamodb:PutItem, ALLOWED", "s3:*, dynamodb:GetItem, IMPLICIT_DENY" })
		void actionMatchingIsCaseInsensitiveWithWildcards(String pattern, String action, Outcome expected) {
			PrincipalSession session = identityWith(allow("`" + pattern + "`", "*", ""));
			assertThat(outcome(session, request(action, TABLE, Map.of()))).isEqualTo(expected);
		}

		@Test
		void notActionAppliesToEveryOtherAction() {
			PrincipalSession session = sessionWith(
					"{`Sid`:`AllButScan`,`Effect`:`Allow`,`NotAction`:[`dynamodb:Scan`,`dynamodb:PartiQL*`],"
							+ "`Resource`:`*`}");
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, IamTestRequests.scan(TABLE).build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(session, request("dynamodb:PartiQLSelect", TABLE, Map.of())))
				.isEqualTo(Outcome.IMPLICIT_DENY);
		}

	}

	@Nested
	@DisplayName("R5 resources")
	class Resources {

		@ParameterizedTest(name = "policy resource {0} vs {1} -> {2}")
		@CsvSource({ "~table/GameScores*, ~table/GameScores/index/GSI1, ALLOWED",
				"~table/*, ~table/a/index/b, ALLOWED", "~table/gamescores, ~table/GameScores, IMPLICIT_DENY",
				"~table/GameScores, ~table/GameScores/index/GSI1, IMPLICIT_DENY",
				"~table/Game?cores, ~table/GameScores, ALLOWED", "~table/Game*:x, ~table/Game/y:x, ALLOWED",
				"arn:aws:dynamodb:*:123456789012:table/T, arn:aws:dynamodb:eu-west-1:123456789012:table/T, ALLOWED",
				"arn:aws:dynamodb:*:123456789012:table/T, arn:aws:dynamodb:eu-west-1:111:table/T, IMPLICIT_DENY",
				"arn:aws:dynamodb:us-west-?:1:table/T, arn:aws:dynamodb:us-west-2:1:table/T, ALLOWED",
				"arn:aws:dynamodb:*:*, arn:aws:dynamodb:us-west-2:123456789012:table/T, IMPLICIT_DENY",
				"*, ~table/GameScores, ALLOWED" })
		void resourceMatchingIsCaseSensitiveAndStarSpansSlashes(String pattern, String resource, Outcome expected) {
			PrincipalSession session = identityWith(allow("`dynamodb:GetItem`", pattern.replace("~", ARN), ""));
			AuthorizationRequest request = request("dynamodb:GetItem", resource.replace("~", ARN), Map.of());
			assertThat(outcome(session, request)).isEqualTo(expected);
		}

		@Test
		void wildcardInAnArnSegmentDoesNotSpanColons() {
			PrincipalSession session = identityWith(
					allow("`dynamodb:GetItem`", "arn:aws:dynamodb:*:table/GameScores", ""));
			// five-segment pattern: malformed, so an Allow with it matches nothing (fail closed)
			assertThat(outcome(session, request("dynamodb:GetItem", TABLE, Map.of()))).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void malformedResourceInDenyAppliesToEveryResource() {
			PrincipalSession session = t1().identityPolicy(IamPolicy.fromJson(policy(
					"{`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}",
					"{`Sid`:`DenyAll`,`Effect`:`Deny`,`Action`:`dynamodb:*`,`Resource`:`arn:aws:dynamodb:*`}")))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.message())
				.isEqualTo(explicitDeny("dynamodb:GetItem", TABLE, "an identity-based"));
		}

		@Test
		void notResourceAppliesToEveryOtherResource() {
			PrincipalSession session = sessionWith(
					"{`Sid`:`NotSecrets`,`Effect`:`Allow`,`Action`:`dynamodb:GetItem`,`NotResource`:`"
							+ IamTestRequests.table("Secrets*") + "`}");
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, request("dynamodb:GetItem", IamTestRequests.table("SecretsV2"), Map.of())))
				.isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void variableInResourceIsResolvedFromPrincipalTag() {
			PrincipalSession session = sessionWith(allow("`dynamodb:GetItem`",
					"arn:aws:dynamodb:us-west-2:123456789012:table/" + TAG + "-data", ""));
			assertThat(outcome(session, request("dynamodb:GetItem", IamTestRequests.table("t1-data"), Map.of())))
				.isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, request("dynamodb:GetItem", IamTestRequests.table("t2-data"), Map.of())))
				.isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void variableWithoutValueInResourceMatchesNoResource() {
			PrincipalSession session = PrincipalSession
				.assumedRole("aws", IamTestRequests.ACCOUNT, "TenantRole", "AROAEXAMPLE", "t1-session")
				.identityPolicy(IamPolicy.fromJson(policy(allow("`dynamodb:GetItem`",
						"arn:aws:dynamodb:us-west-2:123456789012:table/*" + TAG + "*", ""))))
				.build();
			assertThat(outcome(session, request("dynamodb:GetItem", IamTestRequests.table("any"), Map.of())))
				.isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void variableOnRequestKeyIsResolvedPerRequest() {
			PrincipalSession session = identityWith(
					allow("`dynamodb:GetItem`", "arn:aws:dynamodb:${aws:RequestedRegion}:123456789012:table/*", ""));
			assertThat(outcome(session, inRegion("us-west-2"))).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, inRegion("eu-west-1"))).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(session, request("dynamodb:GetItem", TABLE, Map.of()))).isEqualTo(Outcome.IMPLICIT_DENY);
		}

	}

	@Nested
	@DisplayName("R1, R2 gates and messages")
	class Gates {

		@Test
		void withoutSessionPolicyTheIdentityPolicyAloneDecides() {
			PrincipalSession session = identityWith(allowGet(""));
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.ALLOWED);
			assertThat(decision.deciding()).isEqualTo(PolicyType.IDENTITY_BASED);
			assertThat(decision.message()).isEqualTo("Allowed by identity-based policy statement 'S'");
			assertThat(session.hasSessionPolicy()).isFalse();
		}

		@Test
		void allowedDecisionNamesBothStatements() {
			PrincipalSession session = t1()
				.identityPolicy(IamPolicy.fromJson(policy("{`Effect`:`Deny`,`Action`:`s3:*`,`Resource`:`*`}",
						"{`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}")))
				.sessionPolicy(IamPolicy.fromJson(policy(allowGet(lk(TAG)))))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.deciding()).isEqualTo(PolicyType.SESSION);
			assertThat(decision.statement().sid()).isEqualTo("S");
			assertThat(decision.message())
				.isEqualTo("Allowed by identity-based policy statement #2 and session policy statement 'S'");
			assertThat(PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build()).message())
				.isSameAs(decision.message());
		}

		@Test
		void explicitDenyInIdentityPolicyWinsOverSessionAllow() {
			PrincipalSession session = t1()
				.identityPolicy(IamPolicy.fromJson(policy("{`Effect`:`Allow`,`Action`:`*`,`Resource`:`*`}",
						"{`Sid`:`NoGet`,`Effect`:`Deny`,`Action`:`dynamodb:GetItem`,`Resource`:`*`}")))
				.sessionPolicy(IamPolicy.fromJson(policy(allowGet(""))))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.deciding()).isEqualTo(PolicyType.IDENTITY_BASED);
			assertThat(decision.statement().sid()).isEqualTo("NoGet");
			assertThat(decision.message()).isEqualTo(explicitDeny("dynamodb:GetItem", TABLE, "an identity-based"));
		}

		@Test
		void explicitDenyInSessionPolicyWinsOverMissingIdentityAllow() {
			PrincipalSession session = t1()
				.identityPolicy(IamPolicy.fromJson(policy("{`Effect`:`Allow`,`Action`:`s3:*`,`Resource`:`*`}")))
				.sessionPolicy(IamPolicy.fromJson(policy(
						"{`Sid`:`NoGet`,`Effect`:`Deny`,`Action`:`dynamodb:GetItem`,`Resource`:`*`}")))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.deciding()).isEqualTo(PolicyType.SESSION);
			assertThat(decision.message()).isEqualTo(explicitDeny("dynamodb:GetItem", TABLE, "a session"));
		}

		@Test
		void explicitDenyInBothGatesNamesTheIdentityGate() {
			String deny = policy("{`Effect`:`Allow`,`Action`:`*`,`Resource`:`*`}",
					"{`Effect`:`Deny`,`Action`:`dynamodb:GetItem`,`Resource`:`*`}");
			PrincipalSession session = t1().identityPolicy(IamPolicy.fromJson(deny))
				.sessionPolicy(IamPolicy.fromJson(deny))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.deciding()).isEqualTo(PolicyType.IDENTITY_BASED);
		}

		@Test
		void neitherGateAllowsNamesTheIdentityGate() {
			PrincipalSession session = t1()
				.identityPolicy(IamPolicy.fromJson(policy("{`Effect`:`Allow`,`Action`:`s3:*`,`Resource`:`*`}")))
				.sessionPolicy(IamPolicy.fromJson(policy("{`Effect`:`Allow`,`Action`:`sqs:*`,`Resource`:`*`}")))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(decision.deciding()).isEqualTo(PolicyType.IDENTITY_BASED);
			assertThat(decision.statement()).isNull();
			assertThat(decision.message()).isEqualTo(implicitDeny("dynamodb:GetItem", TABLE, "identity-based"));
		}

		@Test
		void sessionPoliciesAreOneOredGate() {
			PrincipalSession session = t1().identityPolicy(IamPolicy.fromJson(ALLOW_DYNAMODB))
				.sessionPolicies(List.of(IamPolicy.fromJson(policy(allow("`dynamodb:PutItem`", TABLE, "")))
						, IamPolicy.fromJson(policy(allowGet("")))))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.message()).endsWith("session policy statement 'S'");
			assertThat(outcome(session, request("dynamodb:Query", TABLE, Map.of()))).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void unnamedStatementsAreLabelledByPositionAndPolicy() {
			PrincipalSession session = t1()
				.identityPolicies(
						List.of(IamPolicy.fromJson(policy("{`Effect`:`Allow`,`Action`:`s3:*`,`Resource`:`*`}")),
								IamPolicy.fromJson(policy("{`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}"))))
				.build();
			assertThat(PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build()).message())
				.isEqualTo("Allowed by identity-based policy statement #1 of policy 2");
		}

	}

	@Nested
	@DisplayName("evaluateAll")
	class EvaluateAll {

		private final PrincipalSession session = sessionWith(
				"{`Sid`:`TenantItems`,`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`,`Condition`:{" + lk(TAG)
						+ "}},{`Sid`:`NoDelete`,`Effect`:`Deny`,`Action`:`dynamodb:DeleteItem`,`Resource`:`*`}");

		@Test
		void explicitDenyIsPreferredOverAnEarlierImplicitDeny() {
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluateAll(this.session,
					List.of(getItem("t2").build(), new IamTestRequests.Req("dynamodb:DeleteItem", TABLE,
							"TransactWriteItems").leadingKeys("t1").build()));
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.request().action()).isEqualTo("dynamodb:DeleteItem");
		}

		@Test
		void firstImplicitDenyIsReturned() {
			AuthorizationRequest foreign = getItem("t2").build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluateAll(this.session,
					List.of(getItem("t1").build(), foreign, getItem("t3").build()));
			assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(decision.request()).isSameAs(foreign);
		}

		@Test
		void lastAllowedDecisionIsReturnedWhenAllAreAllowed() {
			AuthorizationRequest last = IamTestRequests.putItem("t1").build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluateAll(this.session,
					List.of(getItem("t1").build(), last));
			assertThat(decision.allowed()).isTrue();
			assertThat(decision.request()).isSameAs(last);
		}

		@Test
		void emptyListIsRejected() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> PolicyEvaluatorTests.this.evaluator.evaluateAll(this.session, List.of()))
				.withMessageContaining("at least one authorization");
		}

	}

	@Nested
	@DisplayName("R7-R14 conditions")
	class Conditions {

		private final AuthorizationRequest plainPut = IamTestRequests.putItem("t1").build();

		private final AuthorizationRequest transactionalPut = IamTestRequests.putItem("t1")
			.enclosing("TransactWriteItems")
			.build();

		@Test
		void negatedOperatorWithSeveralValuesIsNor() { // R8
			PrincipalSession session = sessionWith(allow("`dynamodb:PutItem`", TABLE,
					"`StringNotEquals`:{`dynamodb:EnclosingOperation`:[`A`,`TransactWriteItems`]}"));
			assertThat(outcome(session, this.transactionalPut)).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(session, IamTestRequests.putItem("t1").enclosing("B").build()))
				.isEqualTo(Outcome.ALLOWED);
		}

		@ParameterizedTest(name = "{0} on a missing key -> {1}")
		@CsvSource({ "StringEquals, IMPLICIT_DENY", "StringLike, IMPLICIT_DENY", "StringNotEquals, ALLOWED",
				"StringNotLike, ALLOWED", "StringEqualsIgnoreCase, IMPLICIT_DENY",
				"StringNotEqualsIgnoreCase, ALLOWED", "StringEqualsIfExists, ALLOWED",
				"StringNotEqualsIfExists, ALLOWED", "ArnLike, IMPLICIT_DENY", "ArnNotLike, ALLOWED",
				"NumericEquals, IMPLICIT_DENY", "NumericNotEquals, ALLOWED", "DateGreaterThan, IMPLICIT_DENY",
				"Bool, IMPLICIT_DENY", "BoolIfExists, ALLOWED", "ForAnyValue:StringEquals, IMPLICIT_DENY",
				"ForAllValues:StringEquals, ALLOWED" })
		void missingKeyFollowsR11AndR12(String operator, Outcome expected) {
			PrincipalSession session = sessionWith(
					allow("`dynamodb:PutItem`", TABLE, "`" + operator + "`:{`aws:SourceVpc`:[`1`]}"));
			assertThat(outcome(session, this.plainPut)).isEqualTo(expected);
		}

		@Test
		void denyWithNegatedIfExistsStillDeniesWhenKeyIsMissing() { // R12
			PrincipalSession session = t1().identityPolicy(IamPolicy.fromJson(ALLOW_DYNAMODB))
				.sessionPolicy(IamPolicy.fromJson(policy(allow("`dynamodb:*`", "*", ""),
						"{`Sid`:`OnlyVpc`,`Effect`:`Deny`,`Action`:`dynamodb:*`,`Resource`:`*`,`Condition`:"
								+ "{`StringNotEqualsIfExists`:{`aws:SourceVpc`:`vpc-1`}}}")))
				.build();
			Decision decision = PolicyEvaluatorTests.this.evaluator.evaluate(session, this.plainPut);
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.statement().sid()).isEqualTo("OnlyVpc");
		}

		@Test
		void nullOperatorTestsPresence() { // R13
			PrincipalSession absent = sessionWith(allow("`dynamodb:PutItem`", TABLE,
					"`Null`:{`dynamodb:EnclosingOperation`:`true`}"));
			PrincipalSession present = sessionWith(allow("`dynamodb:PutItem`", TABLE,
					"`Null`:{`dynamodb:EnclosingOperation`:`false`}"));
			assertThat(outcome(absent, this.plainPut)).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(absent, this.transactionalPut)).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(present, this.plainPut)).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(present, this.transactionalPut)).isEqualTo(Outcome.ALLOWED);
		}

		@Test
		void nullOperatorTreatsAnEmptyValueSetAsNull() { // R13, R14: the Null:false guard must catch empty sets
			PrincipalSession session = sessionWith(allowGet(lk(TAG) + ",`Null`:{`dynamodb:LeadingKeys`:`false`}"));
			AuthorizationRequest empty = getItem("t1").key(AuthorizationRequest.LEADING_KEYS, List.of()).build();
			assertThat(outcome(session, empty)).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void forAllValuesIsVacuouslyTrueOnEmptySetAndForAnyValueIsFalse() { // R14
			PrincipalSession all = sessionWith(allowGet(lk("t1")));
			PrincipalSession any = sessionWith(allowGet("`ForAnyValue:StringEquals`:{`dynamodb:LeadingKeys`:[`t1`]}"));
			AuthorizationRequest empty = getItem("t1").key(AuthorizationRequest.LEADING_KEYS, List.of()).build();
			AuthorizationRequest emptyString = getItem("").build();
			AuthorizationRequest absent = getItem("t1").without(AuthorizationRequest.LEADING_KEYS).build();
			assertThat(outcome(all, empty)).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(all, emptyString)).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(all, absent)).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(any, empty)).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(any, absent)).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void multivaluedKeyWithoutSetOperatorNeverMatchesInAllow() { // docs/IAM.md R14 (the reading that denies)
			PrincipalSession session = sessionWith(allowGet("`StringEquals`:{`dynamodb:LeadingKeys`:`t1`}"));
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void multivaluedKeyWithoutSetOperatorAlwaysMatchesInDeny() { // R14 note, UNCONFIRMED in AWS: fail closed
			PrincipalSession session = sessionWith(allow("`dynamodb:*`", "*", "")
					+ ",{`Sid`:`D`,`Effect`:`Deny`,`Action`:`dynamodb:*`,`Resource`:`*`,"
					+ "`Condition`:{`StringEquals`:{`dynamodb:LeadingKeys`:`t2`}}}");
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.EXPLICIT_DENY);
		}

		@Test
		void keysAndOperatorsAreAndedValuesOred() { // R7
			PrincipalSession session = sessionWith(allowGet(lk("t1", "t2")
					+ ",`StringEquals`:{`dynamodb:Select`:[`SPECIFIC_ATTRIBUTES`,`COUNT`]}"));
			assertThat(outcome(session, getItem("t2", "a").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, getItem("t2").build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(session, getItem("t3", "a").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void ignoreCaseOperators() { // R10
			PrincipalSession equals = sessionWith(allow("`dynamodb:PutItem`", TABLE,
					"`StringEqualsIgnoreCase`:{`dynamodb:EnclosingOperation`:`transactwriteitems`}"));
			PrincipalSession notEquals = sessionWith(allow("`dynamodb:PutItem`", TABLE,
					"`StringNotEqualsIgnoreCase`:{`dynamodb:EnclosingOperation`:`transactwriteitems`}"));
			assertThat(outcome(equals, this.transactionalPut)).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(notEquals, this.transactionalPut)).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void stringLikeWildcards() { // R10
			PrincipalSession session = sessionWith(
					allowGet("`ForAllValues:StringLike`:{`dynamodb:LeadingKeys`:[`t?#*`]}"));
			assertThat(outcome(session, getItem("t1#x").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, getItem("t1#").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, getItem("t12#x").build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(session, getItem("T1#x").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void boolComparesCaseInsensitively() {
			PrincipalSession session = sessionWith(allowGet("`Bool`:{`aws:SecureTransport`:`TRUE`}"));
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
		}

		@Test
		void arnLikeOnPrincipalArn() {
			PrincipalSession session = sessionWith(
					allowGet("`ArnLike`:{`aws:PrincipalArn`:`arn:aws:iam::*:role/Tenant*`}"));
			PrincipalSession other = sessionWith(
					allowGet("`ArnEquals`:{`aws:PrincipalArn`:`arn:aws:iam::123456789012:role/Admin`}"));
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(other, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@ParameterizedTest(name = "{0} {1} vs request {2} -> {3}")
		@CsvSource({ "NumericLessThan, 10, 9, ALLOWED", "NumericLessThan, 10, 10, IMPLICIT_DENY",
				"NumericLessThanEquals, 10, 10.0, ALLOWED", "NumericGreaterThan, 10, 11, ALLOWED",
				"NumericGreaterThanEquals, 10, 9, IMPLICIT_DENY", "NumericEquals, 10, 10, ALLOWED",
				"NumericNotEquals, 10, 10, IMPLICIT_DENY", "NumericEquals, 10, abc, IMPLICIT_DENY",
				"DateLessThan, 2030-01-01T00:00:00Z, 2026-03-06T10:00:00Z, ALLOWED",
				"DateGreaterThan, 2030-01-01T00:00:00Z, 2026-03-06T10:00:00Z, IMPLICIT_DENY",
				"DateEquals, 2026-03-06, 1772755200, ALLOWED",
				"DateLessThanEquals, 2026-03-06T00:00:00+01:00, 2026-03-05T23:00:00Z, ALLOWED",
				"DateNotEquals, 2026-03-06T00:00:00, 2026-03-06T00:00:00Z, IMPLICIT_DENY" })
		void numericAndDateOperators(String operator, String policyValue, String requestValue, Outcome expected) {
			PrincipalSession session = sessionWith(
					allowGet("`" + operator + "`:{`aws:CurrentTime`:`" + policyValue + "`}"));
			AuthorizationRequest request = getItem("t1").key("aws:CurrentTime", List.of(requestValue)).build();
			assertThat(outcome(session, request)).isEqualTo(expected);
		}

		@Test
		void unsupportedOperatorFailsClosed() {
			String condition = "`IpAddress`:{`aws:SourceIp`:`10.0.0.0/8`}";
			PrincipalSession inAllow = sessionWith(allowGet(condition));
			PrincipalSession inDeny = sessionWith(allowGet("")
					+ ",{`Sid`:`D`,`Effect`:`Deny`,`Action`:`*`,`Resource`:`*`,`Condition`:{" + condition + "}}");
			AuthorizationRequest request = getItem("t1").key("aws:SourceIp", List.of("10.1.2.3")).build();
			assertThat(outcome(inAllow, request)).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(inDeny, request)).isEqualTo(Outcome.EXPLICIT_DENY);
		}

		@Test
		void nullWithIfExistsIsUnsupportedAndFailsClosed() {
			PrincipalSession session = sessionWith(allowGet("`NullIfExists`:{`dynamodb:LeadingKeys`:`false`}"));
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void conditionKeyNamesAreCaseInsensitive() { // R9
			PrincipalSession session = sessionWith(allowGet("`StringEquals`:{`AWS:PRINCIPALTYPE`:`AssumedRole`}"));
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
		}

	}

	@Nested
	@DisplayName("R6, R15 policy variables")
	class Variables {

		@Test
		void defaultValueAppliesOnlyWhenTheKeyIsAbsent() {
			String statement = allowGet(lk("${aws:PrincipalTag/team, 'shared'}"));
			PrincipalSession tagged = t1().tag("team", "red")
				.identityPolicy(IamPolicy.fromJson(policy(statement)))
				.build();
			PrincipalSession untagged = identityWith(statement);
			assertThat(outcome(tagged, getItem("red").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(tagged, getItem("shared").build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(untagged, getItem("shared").build())).isEqualTo(Outcome.ALLOWED);
		}

		@Test // TH-6
		@DisplayName("TH-6 the escapes ${*}, ${?} and ${$} are literal characters")
		void literalEscapesAreNotWildcards() {
			PrincipalSession session = identityWith(
					allowGet("`ForAllValues:StringLike`:{`dynamodb:LeadingKeys`:[`a${*}b${?}c${$}`]}"));
			assertThat(outcome(session, getItem("a*b?c$").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, getItem("axxb1c$").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test // TH-6
		@DisplayName("TH-6 a resolved value containing * or ? is literal in StringLike")
		void resolvedValuesAreEscapedInStringLike() {
			PrincipalSession session = PrincipalSession.assumedRole("aws", "123456789012", "R", "AROA", "s")
				.tag("tenantId", "a*")
				.identityPolicy(IamPolicy.fromJson(
						policy(allowGet("`ForAllValues:StringLike`:{`dynamodb:LeadingKeys`:[`TENANT#" + TAG + "`]}"))))
				.build();
			assertThat(outcome(session, getItem("TENANT#a*").build())).isEqualTo(Outcome.ALLOWED);
			assertThat(outcome(session, getItem("TENANT#abc").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void variableWithoutValueNeverMatchesPositiveAndAlwaysMatchesNegated() {
			PrincipalSession positive = identityWith(allowGet(lk("${aws:username}")));
			PrincipalSession negated = identityWith(
					allowGet("`ForAllValues:StringNotEquals`:{`dynamodb:LeadingKeys`:[`${aws:username}`]}"));
			assertThat(outcome(positive, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(negated, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
		}

		@Test
		void version2008TreatsVariablesLiterally() { // R6
			String statements = "[" + json(allowGet(lk(TAG))) + "]";
			PrincipalSession old = t1()
				.identityPolicy(IamPolicy.fromJson("{\"Version\":\"2008-10-17\",\"Statement\":" + statements + "}"))
				.build();
			assertThat(outcome(old, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(old, getItem(TAG).build())).isEqualTo(Outcome.ALLOWED);
		}

		@Test
		void policyJsonWithoutVersionTreatsVariablesLiterally() { // R6; IamPolicy.fromJson would report 2012-10-17
			String statements = "[" + json(allowGet(lk(TAG))) + "]";
			PrincipalSession versionless = t1().identityPolicyJson("{\"Statement\":" + statements + "}").build();
			PrincipalSession versioned = t1()
				.identityPolicyJson("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}")
				.build();
			assertThat(outcome(versionless, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(versioned, getItem("t1").build())).isEqualTo(Outcome.ALLOWED);
		}

		@Test
		void variablesAreNotSubstitutedInNullOrBool() {
			PrincipalSession session = identityWith(
					allowGet("`Bool`:{`aws:SecureTransport`:`${aws:PrincipalTag/x, 'true'}`}"));
			assertThat(outcome(session, getItem("t1").build())).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@Test
		void principalKeysComeFromTheSessionOnly() {
			PrincipalSession session = identityWith(allowGet(lk(TAG)));
			AuthorizationRequest forged = getItem("t2").key("aws:principaltag/tenantid", List.of("t2")).build();
			assertThat(outcome(session, forged)).isEqualTo(Outcome.IMPLICIT_DENY);
			PrincipalSession noUsername = identityWith(allowGet(lk("${aws:username}")));
			AuthorizationRequest withUsername = getItem("bob").key("aws:username", List.of("bob")).build();
			assertThat(outcome(noUsername, withUsername)).isEqualTo(Outcome.IMPLICIT_DENY);
		}

	}

	@Nested
	@DisplayName("Sessions and policy documents")
	class Sessions {

		@Test
		void assumedRoleSetsPrincipalKeysWithoutUsername() { // R16
			PrincipalSession session = PrincipalSession
				.assumedRole("aws", "123456789012", "TenantRole", "AROAEXAMPLE", "t1-session")
				.build();
			assertThat(session.principalArn()).isEqualTo(PRINCIPAL);
			assertThat(session.contextKeys()).containsEntry("aws:userid", List.of("AROAEXAMPLE:t1-session"))
				.containsEntry("aws:principaltype", List.of("AssumedRole"))
				.containsEntry("aws:principalaccount", List.of("123456789012"))
				.containsEntry("aws:principalarn", List.of("arn:aws:iam::123456789012:role/TenantRole"))
				.containsEntry("aws:securetransport", List.of("true"))
				.doesNotContainKey("aws:username");
		}

		@Test
		void tagKeysAreCaseInsensitiveAndLaterTagsWin() {
			PrincipalSession session = t1().tag("TENANTID", "t9").build();
			assertThat(session.contextKeys()).containsEntry("aws:principaltag/tenantid", List.of("t9"));
		}

		@Test
		void withoutIdentityPolicyEverythingIsImplicitlyDenied() {
			PrincipalSession session = t1().build();
			assertThat(PolicyEvaluatorTests.this.evaluator.evaluate(session, getItem("t1").build()).message())
				.isEqualTo(implicitDeny("dynamodb:GetItem", TABLE, "identity-based"));
		}

		@Test
		void principalArnIsRequired() {
			assertThatIllegalStateException().isThrownBy(() -> PrincipalSession.builder().build())
				.withMessageContaining("Principal ARN must be set");
		}

		@Test
		void statementWithPrincipalIsRejected() {
			IamPolicy resourcePolicy = IamPolicy.builder()
				.addStatement((s) -> s.effect(IamEffect.ALLOW).addPrincipal("AWS", "*").addAction("dynamodb:*")
					.addResource("*"))
				.build();
			assertThatIllegalArgumentException().isThrownBy(() -> t1().identityPolicy(resourcePolicy).build())
				.withMessageContaining("names a Principal");
		}

		@Test
		void statementWithoutResourceIsRejected() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> t1().identityPolicyJson(json("{`Version`:`2012-10-17`,`Statement`:"
						+ "{`Sid`:`X`,`Effect`:`Allow`,`Action`:`dynamodb:*`}}")).build())
				.withMessageContaining("Policy statement 'X' must have exactly one of Resource and NotResource");
		}

		@Test
		void policyJsonKeepsBareBooleanConditionValues() {
			// IamPolicy.fromJson drops {"Bool":{"aws:SecureTransport":true}}, which would widen this Allow
			String document = json("{`Version`:`2012-10-17`,`Statement`:{`Effect`:`Allow`,`Action`:`dynamodb:*`,"
					+ "`Resource`:`*`,`Condition`:{`Bool`:{`aws:SecureTransport`:true},"
					+ "`NumericLessThan`:{`aws:MultiFactorAuthAge`:[3600]}}}}");
			PrincipalSession http = t1().secureTransport(false).identityPolicyJson(document).build();
			PrincipalSession https = t1().identityPolicyJson(document).build();
			AuthorizationRequest request = getItem("t1").key("aws:MultiFactorAuthAge", List.of("60")).build();
			assertThat(outcome(http, request)).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(outcome(https, request)).isEqualTo(Outcome.ALLOWED);
		}

		@Test
		void policyJsonRejectsEmptyConditionValues() {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> t1().sessionPolicyJson(json("{`Version`:`2012-10-17`,`Statement`:{`Effect`:`Allow`,"
						+ "`Action`:`dynamodb:*`,`Resource`:`*`,`Condition`:{`StringEquals`:{`aws:SourceVpc`:[]}}}}")))
				.withMessageContaining("empty value list");
		}

	}

}
