package dev.tenancy.iam.evaluation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import static dev.tenancy.iam.evaluation.IamTestRequests.TABLE;
import static dev.tenancy.iam.evaluation.IamTestRequests.explicitDeny;
import static dev.tenancy.iam.evaluation.IamTestRequests.getItem;
import static dev.tenancy.iam.evaluation.IamTestRequests.implicitDeny;
import static dev.tenancy.iam.evaluation.IamTestRequests.policy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TH-25: where a policy's resource cannot be parsed, or where AWS's ARN matching is not documented, the evaluator
 * takes the reading that denies: an Allow grants less and a Deny applies more.
 */
class PolicyEvaluatorFailClosedTests {

	private static final String ALLOW_ALL = "{`Sid`:`AllowAll`,`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}";

	private static final String OTHER_TABLE = IamTestRequests.table("Other");

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	private static PrincipalSession identity(String... statements) {
		return PrincipalSession.assumedRole("aws", IamTestRequests.ACCOUNT, "TenantRole", "AROAEXAMPLE", "t1-session")
			.tag("tenantId", "t1")
			.identityPolicy(IamPolicy.fromJson(policy(statements)))
			.build();
	}

	private static String statement(String sid, String effect, String resourceElement, String... resources) {
		StringBuilder list = new StringBuilder("[");
		for (int i = 0; i < resources.length; i++) {
			list.append((i > 0) ? "," : "").append('`').append(resources[i]).append('`');
		}
		return "{`Sid`:`" + sid + "`,`Effect`:`" + effect + "`,`Action`:`dynamodb:GetItem`,`" + resourceElement + "`:"
				+ list.append(']') + "}";
	}

	private Decision decide(PrincipalSession session, String resource) {
		return this.evaluator.evaluate(session,
				new AuthorizationRequest("dynamodb:GetItem", resource, Map.of(), "GetItem"));
	}

	@Nested
	@DisplayName("TH-25 (#12 §3 item 1) a Resource or NotResource that is not an ARN")
	class UnparseableResources {

		@ParameterizedTest(name = "Allow Resource [{0}] grants nothing")
		@ValueSource(strings = { "arn:aws:dynamodb:table/GameScores", "GameScores", "table/GameScores",
				"arn:aws:dynamodb:us-west-2:123456789012", "arn:aws:dynamodb:*", "arn" })
		void th25AllowWithUnparseableResourceGrantsNothing(String resource) {
			PrincipalSession session = identity(statement("Grant", "Allow", "Resource", resource));
			Decision decision = decide(session, TABLE);
			assertThat(decision.outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(decision.message()).isEqualTo(implicitDeny("dynamodb:GetItem", TABLE, "identity-based"));
			assertThat(decide(session, resource).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@ParameterizedTest(name = "Deny Resource [{0}] applies to every resource")
		@ValueSource(strings = { "arn:aws:dynamodb:table/GameScores", "GameScores", "table/GameScores",
				"arn:aws:dynamodb:us-west-2:123456789012", "arn:aws:dynamodb:*", "arn" })
		void th25DenyWithUnparseableResourceAppliesToEveryResource(String resource) {
			PrincipalSession session = identity(ALLOW_ALL, statement("Fence", "Deny", "Resource", resource));
			for (String requested : List.of(TABLE, OTHER_TABLE, TABLE + "/index/GSI1", "*")) {
				Decision decision = decide(session, requested);
				assertThat(decision.outcome()).as(requested).isEqualTo(Outcome.EXPLICIT_DENY);
				assertThat(decision.message()).isEqualTo(explicitDeny("dynamodb:GetItem", requested,
						"an identity-based"));
				assertThat(decision.statement()).isNotNull();
				assertThat(decision.statement().sid()).isEqualTo("Fence");
			}
		}

		@ParameterizedTest(name = "Allow NotResource [{0}] grants nothing")
		@ValueSource(strings = { "arn:aws:dynamodb:table/Secrets", "Secrets", "arn:aws:dynamodb:*" })
		void th25AllowWithUnparseableNotResourceGrantsNothing(String resource) {
			PrincipalSession session = identity(statement("AllButSecrets", "Allow", "NotResource", resource));
			for (String requested : List.of(TABLE, OTHER_TABLE, "*")) {
				Decision decision = decide(session, requested);
				assertThat(decision.outcome()).as(requested).isEqualTo(Outcome.IMPLICIT_DENY);
				assertThat(decision.message()).isEqualTo(implicitDeny("dynamodb:GetItem", requested, "identity-based"));
			}
		}

		@Test
		void th25AllowNotResourceWithOneUnparseableEntryGrantsNothing() {
			PrincipalSession session = identity(
					statement("AllButSecrets", "Allow", "NotResource", IamTestRequests.table("Secrets"), "Secrets"));
			assertThat(decide(session, TABLE).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
			assertThat(decide(session, IamTestRequests.table("Secrets")).outcome()).isEqualTo(Outcome.IMPLICIT_DENY);
		}

		@ParameterizedTest(name = "Deny NotResource [{0}] still denies every resource")
		@ValueSource(strings = { "arn:aws:dynamodb:table/GameScores", "GameScores", "arn:aws:dynamodb:*" })
		void th25DenyWithUnparseableNotResourceIsNotNarrowed(String resource) {
			PrincipalSession session = identity(ALLOW_ALL, statement("OnlyGameScores", "Deny", "NotResource", resource));
			for (String requested : List.of(TABLE, OTHER_TABLE, "*")) {
				Decision decision = decide(session, requested);
				assertThat(decision.outcome()).as(requested).isEqualTo(Outcome.EXPLICIT_DENY);
				assertThat(decision.message()).isEqualTo(explicitDeny("dynamodb:GetItem", requested,
						"an identity-based"));
			}
		}

		@Test
		void th25DenyNotResourceKeepsItsParseableEntries() {
			PrincipalSession session = identity(ALLOW_ALL,
					statement("OnlyGameScores", "Deny", "NotResource", TABLE, "GameScores"));
			assertThat(decide(session, TABLE).outcome()).isEqualTo(Outcome.ALLOWED);
			assertThat(decide(session, OTHER_TABLE).outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
		}

		@Test
		void th25UnparseableResourceInASessionPolicyDeniesToo() {
			PrincipalSession session = PrincipalSession
				.assumedRole("aws", IamTestRequests.ACCOUNT, "TenantRole", "AROAEXAMPLE", "t1-session")
				.identityPolicy(IamPolicy.fromJson(policy(ALLOW_ALL)))
				.sessionPolicy(IamPolicy.fromJson(policy(ALLOW_ALL, statement("Fence", "Deny", "Resource", "GameScores"))))
				.build();
			Decision decision = PolicyEvaluatorFailClosedTests.this.evaluator.evaluate(session, getItem("t1").build());
			assertThat(decision.outcome()).isEqualTo(Outcome.EXPLICIT_DENY);
			assertThat(decision.deciding()).isEqualTo(PolicyType.SESSION);
		}

	}

	@Nested
	@DisplayName("TH-25 (#12 §3 item 3) ARN segments where AWS's matching is not documented")
	class ArnSegments {

		/**
		 * Each row: the policy's resource pattern, the requested resource, whether an Allow with the pattern as
		 * Resource grants it (strict reading), and whether a Deny with it applies (broad reading). {@code ~} stands
		 * for {@code arn:aws:dynamodb:us-west-2:123456789012:}.
		 */
		@ParameterizedTest(name = "[{index}] {0} vs {1}: Allow grants {2}, Deny applies {3}")
		@CsvSource(delimiter = '|', textBlock = """
				# documented: exact, wildcards within a segment, other region or account
				~table/GameScores                                          | ~table/GameScores | true  | true
				arn:aws:dynamodb:*:*:table/GameScores                      | ~table/GameScores | true  | true
				arn:aws*:dynamodb:us-west-?:123456789012:table/Game*       | ~table/GameScores | true  | true
				arn:aws:dynamodb:eu-west-1:123456789012:table/GameScores   | ~table/GameScores | false | false
				arn:aws:dynamodb:us-west-2:210987654321:table/GameScores   | ~table/GameScores | false | false
				arn:aws-cn:dynamodb:us-west-2:123456789012:table/GameScores | ~table/GameScores | false | false
				arn:aws:s3:us-west-2:123456789012:table/GameScores         | ~table/GameScores | false | false
				# undocumented: letter case of the prefix, partition, service and region
				ARN:aws:dynamodb:us-west-2:123456789012:table/GameScores   | ~table/GameScores | false | true
				arn:AWS:dynamodb:us-west-2:123456789012:table/GameScores   | ~table/GameScores | false | true
				arn:aws:DynamoDB:us-west-2:123456789012:table/GameScores   | ~table/GameScores | false | true
				arn:aws:dynamodb:US-WEST-2:123456789012:table/GameScores   | ~table/GameScores | false | true
				arn:Aws:DynamoDB:*:123456789012:table/Game*                | ~table/GameScores | false | true
				# undocumented: letter case of the resource part (DynamoDB names are case-sensitive)
				~table/gamescores                                          | ~table/GameScores | false | true
				~TABLE/GameScores*                                         | ~table/GameScores | false | true
				# undocumented: an empty partition, service, region or account segment in the policy
				arn::dynamodb:us-west-2:123456789012:table/GameScores      | ~table/GameScores | false | true
				arn:aws::us-west-2:123456789012:table/GameScores           | ~table/GameScores | false | true
				arn:aws:dynamodb::123456789012:table/GameScores            | ~table/GameScores | false | true
				arn:aws:dynamodb:us-west-2::table/GameScores               | ~table/GameScores | false | true
				arn:aws:dynamodb:::table/GameScores                        | ~table/GameScores | false | true
				arn:aws:dynamodb:::table/GameScores                        | ~table/Other      | false | false
				""")
		void th25AllowTakesTheStrictReadingAndDenyTheBroadOne(String pattern, String resource, boolean allowGrants,
				boolean denyApplies) {
			String arnPattern = pattern.replace("~", "arn:aws:dynamodb:us-west-2:123456789012:");
			String requested = resource.replace("~", "arn:aws:dynamodb:us-west-2:123456789012:");

			Decision allow = decide(identity(statement("Grant", "Allow", "Resource", arnPattern)), requested);
			assertThat(allow.outcome()).as("Allow Resource").isEqualTo(allowGrants ? Outcome.ALLOWED : Outcome.IMPLICIT_DENY);

			Decision deny = decide(identity(ALLOW_ALL, statement("Fence", "Deny", "Resource", arnPattern)), requested);
			assertThat(deny.outcome()).as("Deny Resource").isEqualTo(denyApplies ? Outcome.EXPLICIT_DENY : Outcome.ALLOWED);

			// NotResource reverses the roles: the Allow excludes broadly, the Deny excludes strictly
			Decision allowAllBut = decide(identity(statement("AllBut", "Allow", "NotResource", arnPattern)), requested);
			assertThat(allowAllBut.outcome()).as("Allow NotResource")
				.isEqualTo(denyApplies ? Outcome.IMPLICIT_DENY : Outcome.ALLOWED);

			Decision denyAllBut = decide(identity(ALLOW_ALL, statement("FenceAllBut", "Deny", "NotResource", arnPattern)),
					requested);
			assertThat(denyAllBut.outcome()).as("Deny NotResource")
				.isEqualTo(allowGrants ? Outcome.ALLOWED : Outcome.EXPLICIT_DENY);
		}

		@ParameterizedTest(name = "[{index}] {0} {1}: Allow grants {2}, Deny applies {3}")
		@CsvSource(delimiter = '|', textBlock = """
				ArnLike      | arn:aws:iam::123456789012:role/Tenant*     | true  | true
				ArnLike      | arn:aws:iam::123456789012:role/Other       | false | false
				ArnLike      | arn:aws:IAM::123456789012:role/Tenant*     | false | true
				ArnLike      | arn:aws:iam:::role/TenantRole              | false | true
				ArnEquals    | arn:aws:iam::123456789012:role/tenantrole  | false | true
				ArnNotLike   | arn:aws:iam::123456789012:role/Other       | true  | true
				ArnNotLike   | arn:aws:iam::123456789012:role/TenantRole  | false | false
				ArnNotLike   | arn:aws:IAM::123456789012:role/TenantRole  | false | true
				ArnNotEquals | arn:aws:iam::123456789012:role/tenantrole  | false | true
				ArnLike      | arn:aws:iam:role/TenantRole                | false | true
				ArnNotLike   | arn:aws:iam:role/TenantRole                | false | true
				""")
		void th25ArnConditionsTakeTheReadingThatDenies(String operator, String value, boolean allowGrants,
				boolean denyApplies) {
			String condition = ",`Condition`:{`" + operator + "`:{`aws:PrincipalArn`:`" + value + "`}}}";
			String allowStatement = "{`Sid`:`Grant`,`Effect`:`Allow`,`Action`:`dynamodb:GetItem`,`Resource`:`*`"
					+ condition;
			String denyStatement = "{`Sid`:`Fence`,`Effect`:`Deny`,`Action`:`dynamodb:GetItem`,`Resource`:`*`"
					+ condition;
			assertThat(decide(identity(allowStatement), TABLE).outcome()).as("Allow")
				.isEqualTo(allowGrants ? Outcome.ALLOWED : Outcome.IMPLICIT_DENY);
			assertThat(decide(identity(ALLOW_ALL, denyStatement), TABLE).outcome()).as("Deny")
				.isEqualTo(denyApplies ? Outcome.EXPLICIT_DENY : Outcome.ALLOWED);
		}

	}

}
