package dev.tenancy.test.sts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TrustPolicyEvaluator#simple()}.
 */
class SimpleTrustPolicyEvaluatorTests {

	private static final String APP = "arn:aws:iam::123456789012:user/app";

	private static final IssuedSession CALLER = IssuedSession.baseIdentity("AKIAEXAMPLE", "secret", APP, Instant.EPOCH);

	private static final IssuedSession ROLE_SESSION = new IssuedSession("ASIAEXAMPLE", "secret", "token",
			"123456789012", "arn:aws:sts::123456789012:assumed-role/vendor/s1", "AROAEXAMPLE:s1",
			"arn:aws:iam::123456789012:role/vendor", "s1", null, Map.of(), List.of(), null, APP, Instant.EPOCH,
			Instant.MAX);

	private static final Map<String, List<String>> TAGGED = Map.of("aws:RequestTag/tenant", List.of("acme"),
			"aws:TagKeys", List.of("tenant"), "sts:ExternalId", List.of("ext-1"));

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void evaluatesTheSupportedSubset(String description, String statements, IssuedSession caller, String action,
			Map<String, List<String>> context, boolean allowed) {
		RoleDefinition role = RoleDefinition.builder()
			.arn("arn:aws:iam::123456789012:role/tenant")
			.identityPolicy("{\"Statement\":[]}")
			.trustPolicy("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}")
			.maxSessionDuration(Duration.ofHours(1))
			.build();

		assertThat(TrustPolicyEvaluator.simple().allows(role, caller, action, context)).isEqualTo(allowed);
	}

	static Stream<Arguments> cases() {
		return Stream.of(
				of("principal ARN and action match", allow("\"" + APP + "\"", "\"sts:AssumeRole\"", ""), CALLER,
						"sts:AssumeRole", Map.of(), true),
				of("statement object instead of array", "{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + APP
						+ "\"},\"Action\":\"sts:AssumeRole\"}", CALLER, "sts:AssumeRole", Map.of(), true),
				of("other principal", allow("\"arn:aws:iam::123456789012:user/other\"", "\"sts:AssumeRole\"", ""),
						CALLER, "sts:AssumeRole", Map.of(), false),
				of("account root", allow("\"arn:aws:iam::123456789012:root\"", "\"sts:AssumeRole\"", ""), CALLER,
						"sts:AssumeRole", Map.of(), true),
				of("other account root", allow("\"arn:aws:iam::999999999999:root\"", "\"sts:AssumeRole\"", ""),
						CALLER, "sts:AssumeRole", Map.of(), false),
				of("account id", allow("\"123456789012\"", "\"sts:AssumeRole\"", ""), CALLER, "sts:AssumeRole",
						Map.of(), true),
				of("wildcard principal", "[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sts:AssumeRole\"}]",
						CALLER, "sts:AssumeRole", Map.of(), true),
				of("role principal for its session", allow("\"arn:aws:iam::123456789012:role/vendor\"",
						"\"sts:AssumeRole\"", ""), ROLE_SESSION, "sts:AssumeRole", Map.of(), true),
				of("service principal only", "[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
						+ "\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]", CALLER, "sts:AssumeRole", Map.of(),
						false),
				of("TagSession missing", allow("\"" + APP + "\"", "\"sts:AssumeRole\"", ""), CALLER, "sts:TagSession",
						TAGGED, false),
				of("action wildcard, any case", allow("\"" + APP + "\"", "\"STS:*\"", ""), CALLER, "sts:TagSession",
						TAGGED, true),
				of("action list", allow("\"" + APP + "\"", "[\"sts:AssumeRole\",\"sts:TagSession\"]", ""), CALLER,
						"sts:TagSession", TAGGED, true),
				of("explicit deny wins", "[" + statement("Allow", "\"" + APP + "\"", "\"sts:*\"", "") + ","
						+ statement("Deny", "\"" + APP + "\"", "\"sts:TagSession\"", "") + "]", CALLER,
						"sts:TagSession", TAGGED, false),
				of("StringEquals on external id", allow("\"" + APP + "\"", "\"sts:AssumeRole\"",
						"{\"StringEquals\":{\"sts:ExternalId\":\"ext-1\"}}"), CALLER, "sts:AssumeRole", TAGGED, true),
				of("StringEquals on absent external id", allow("\"" + APP + "\"", "\"sts:AssumeRole\"",
						"{\"StringEquals\":{\"sts:ExternalId\":\"ext-1\"}}"), CALLER, "sts:AssumeRole", Map.of(),
						false),
				of("StringLike requires the tenant tag", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"StringLike\":{\"aws:RequestTag/tenant\":\"?*\"}}"), CALLER, "sts:AssumeRole", TAGGED, true),
				of("StringLike without the tenant tag", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"StringLike\":{\"aws:RequestTag/tenant\":\"?*\"}}"), CALLER, "sts:AssumeRole", Map.of(),
						false),
				of("condition keys are case-insensitive", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"StringEquals\":{\"AWS:REQUESTTAG/tenant\":\"acme\"}}"), CALLER, "sts:TagSession", TAGGED,
						true),
				of("ForAllValues:StringEquals on tag keys", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"tenant\",\"tier\"]}}"), CALLER,
						"sts:TagSession", TAGGED, true),
				of("ForAllValues with an unlisted tag key", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"ForAllValues:StringEquals\":{\"aws:TagKeys\":[\"tier\"]}}"), CALLER, "sts:TagSession",
						TAGGED, false),
				of("ForAnyValue without tags", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"ForAnyValue:StringEquals\":{\"aws:TagKeys\":[\"tenant\"]}}"), CALLER, "sts:AssumeRole",
						Map.of(), false),
				of("Null false requires the key", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"Null\":{\"aws:RequestTag/tenant\":\"false\"}}"), CALLER, "sts:AssumeRole", Map.of(), false),
				of("StringEqualsIfExists without the key", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"StringEqualsIfExists\":{\"sts:ExternalId\":\"ext-2\"}}"), CALLER, "sts:AssumeRole",
						Map.of(), true),
				of("StringNotEquals with another value", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"StringNotEquals\":{\"aws:RequestTag/tenant\":\"evil\"}}"), CALLER, "sts:AssumeRole",
						TAGGED, true),
				of("unsupported operator fails closed for Allow", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:00Z\"}}"), CALLER,
						"sts:AssumeRole", Map.of(), false),
				of("policy variable fails closed for Allow", allow("\"" + APP + "\"", "\"sts:*\"",
						"{\"StringEquals\":{\"sts:RoleSessionName\":\"${aws:username}\"}}"), CALLER, "sts:AssumeRole",
						Map.of("sts:RoleSessionName", List.of("app")), false),
				of("unsupported Deny condition fails closed", "[" + statement("Allow", "\"" + APP + "\"", "\"sts:*\"",
						"") + "," + statement("Deny", "\"" + APP + "\"", "\"sts:*\"",
								",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":\"2999-01-01T00:00:00Z\"}}")
						+ "]", CALLER, "sts:AssumeRole", Map.of(), false),
				of("NotPrincipal is not supported", "[{\"Effect\":\"Allow\",\"NotPrincipal\":{\"AWS\":\"x\"},"
						+ "\"Action\":\"sts:AssumeRole\"}]", CALLER, "sts:AssumeRole", Map.of(), false));
	}

	private static Arguments of(String description, String statements, IssuedSession caller, String action,
			Map<String, List<String>> context, boolean allowed) {
		return Arguments.of(description, statements, caller, action, context, allowed);
	}

	private static String allow(String principal, String action, String condition) {
		return "[" + statement("Allow", principal, action,
				condition.isEmpty() ? "" : ",\"Condition\":" + condition) + "]";
	}

	private static String statement(String effect, String principal, String action, String rest) {
		return "{\"Effect\":\"" + effect + "\",\"Principal\":{\"AWS\":" + principal + "},\"Action\":" + action + rest
				+ "}";
	}

}
