package dev.tenancy.test.sts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tenancy.iam.policy.TenancyPolicies;

/**
 * The parameters of an AssumeRole call, parsed from the Query API form and checked against the constraints of the STS
 * service model (docs/IAM.md §3). Constraint violations are reported together, in AWS's format:
 * {@code 1 validation error detected: Value '…' at 'roleSessionName' failed to satisfy constraint: Member must …}.
 *
 * @author tenancy
 * @since 0.1
 */
record AssumeRoleParameters(String roleArn, String roleSessionName, int durationSeconds, @Nullable String policy,
		Map<String, String> tags, List<String> transitiveTagKeys, @Nullable String externalId) {

	static final int DEFAULT_DURATION_SECONDS = 3600;

	static final int MAX_POLICY_LENGTH = TenancyPolicies.SESSION_POLICY_MAX_LENGTH;

	static final int MAX_TAGS = 50;

	private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");

	private static final Pattern POLICY_CHARACTERS = Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+");

	private static final Pattern TAG_KEY = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+");

	private static final Pattern TAG_VALUE = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

	private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");

	private static final String SESSION_NAME_PATTERN = "[\\w+=,.@-]*";

	private static final String POLICY_PATTERN = "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+";

	private static final String TAG_KEY_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+";

	private static final String TAG_VALUE_PATTERN = "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*";

	private static final String EXTERNAL_ID_PATTERN = "[\\w+=,.@:/-]*";

	static AssumeRoleParameters parse(Map<String, String> form) {
		rejectUnsupported(form);
		List<String> violations = new ArrayList<>();
		String roleArn = form.get("RoleArn");
		if (roleArn == null) {
			violations.add(notNull("roleArn"));
		}
		else {
			length(violations, "roleArn", roleArn, 20, 2048);
		}
		String sessionName = form.get("RoleSessionName");
		if (sessionName == null) {
			violations.add(notNull("roleSessionName"));
		}
		else {
			length(violations, "roleSessionName", sessionName, 2, 64);
			pattern(violations, "roleSessionName", sessionName, SESSION_NAME, SESSION_NAME_PATTERN);
		}
		int duration = DEFAULT_DURATION_SECONDS;
		String durationText = form.get("DurationSeconds");
		if (durationText != null) {
			try {
				duration = Integer.parseInt(durationText.trim());
				if (duration < 900) {
					violations.add(constraint(durationText, "durationSeconds",
							"Member must have value greater than or equal to 900"));
				}
				else if (duration > 43200) {
					violations.add(constraint(durationText, "durationSeconds",
							"Member must have value less than or equal to 43200"));
				}
			}
			catch (NumberFormatException ex) {
				violations.add(constraint(durationText, "durationSeconds", "Member must be an integer"));
			}
		}
		String policy = form.get("Policy");
		if (policy != null) {
			length(violations, "policy", policy, 1, MAX_POLICY_LENGTH);
			if (!policy.isEmpty()) {
				pattern(violations, "policy", policy, POLICY_CHARACTERS, POLICY_PATTERN);
			}
		}
		Map<String, String> tags = new LinkedHashMap<>();
		List<String> tagKeys = new ArrayList<>();
		for (int n = 1; form.containsKey("Tags.member." + n + ".Key")
				|| form.containsKey("Tags.member." + n + ".Value"); n++) {
			String key = form.get("Tags.member." + n + ".Key");
			String value = form.getOrDefault("Tags.member." + n + ".Value", "");
			String at = "tags." + n + ".member.";
			if (key == null) {
				violations.add(notNull(at + "key"));
				continue;
			}
			length(violations, at + "key", key, 1, 128);
			pattern(violations, at + "key", key, TAG_KEY, TAG_KEY_PATTERN);
			length(violations, at + "value", value, 0, 256);
			pattern(violations, at + "value", value, TAG_VALUE, TAG_VALUE_PATTERN);
			tagKeys.add(key);
			tags.put(key, value);
		}
		if (tagKeys.size() > MAX_TAGS) {
			violations.add(constraint(tagKeys.toString(), "tags", "Member must have length less than or equal to 50"));
		}
		List<String> transitive = new ArrayList<>();
		for (int n = 1; form.containsKey("TransitiveTagKeys.member." + n); n++) {
			String key = form.get("TransitiveTagKeys.member." + n);
			length(violations, "transitiveTagKeys." + n + ".member", key, 1, 128);
			pattern(violations, "transitiveTagKeys." + n + ".member", key, TAG_KEY, TAG_KEY_PATTERN);
			transitive.add(key);
		}
		if (transitive.size() > MAX_TAGS) {
			violations.add(constraint(transitive.toString(), "transitiveTagKeys",
					"Member must have length less than or equal to 50"));
		}
		String externalId = form.get("ExternalId");
		if (externalId != null) {
			length(violations, "externalId", externalId, 2, 1224);
			pattern(violations, "externalId", externalId, EXTERNAL_ID, EXTERNAL_ID_PATTERN);
		}
		if (!violations.isEmpty()) {
			throw StsError.validation(violations.size() + " validation error" + ((violations.size() > 1) ? "s" : "")
					+ " detected: " + String.join("; ", violations));
		}
		checkTags(tagKeys, tags, transitive);
		return new AssumeRoleParameters(roleArn, sessionName, duration, policy, tags, transitive, externalId);
	}

	private static void checkTags(List<String> tagKeys, Map<String, String> tags, List<String> transitive) {
		Map<String, String> lowerCaseKeys = new LinkedHashMap<>();
		for (String key : tagKeys) {
			if (lowerCaseKeys.put(key.toLowerCase(Locale.ROOT), key) != null) {
				throw StsError.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
			}
			if (key.regionMatches(true, 0, "aws:", 0, 4) || tags.get(key).regionMatches(true, 0, "aws:", 0, 4)) {
				throw StsError.validation(String.format("Tag '%s' is invalid: tag keys and values cannot begin with "
						+ "'aws:', which is reserved for AWS use.", key));
			}
		}
		for (String key : transitive) {
			if (!lowerCaseKeys.containsKey(key.toLowerCase(Locale.ROOT))) {
				throw StsError.validation(String.format("Transitive tag key '%s' is not one of the session tags "
						+ "passed in this request.", key));
			}
		}
	}

	private static void rejectUnsupported(Map<String, String> form) {
		for (String parameter : List.of("PolicyArns.member.1.arn", "SourceIdentity", "SerialNumber", "TokenCode",
				"ProvidedContexts.member.1.ProviderArn")) {
			if (form.containsKey(parameter)) {
				String name = parameter.contains(".") ? parameter.substring(0, parameter.indexOf('.')) : parameter;
				throw StsError.validation(String.format("The tenancy test kit's STS does not support the AssumeRole "
						+ "parameter '%s'; remove it or extend LocalSts.", name));
			}
		}
	}

	private static void length(List<String> violations, String at, String value, int min, int max) {
		if (value.length() < min) {
			violations.add(constraint(value, at, "Member must have length greater than or equal to " + min));
		}
		else if (value.length() > max) {
			violations.add(constraint(value, at, "Member must have length less than or equal to " + max));
		}
	}

	private static void pattern(List<String> violations, String at, String value, Pattern pattern, String shown) {
		if (!pattern.matcher(value).matches()) {
			violations.add(constraint(value, at, "Member must satisfy regular expression pattern: " + shown));
		}
	}

	private static String constraint(String value, String at, String rule) {
		return String.format("Value '%s' at '%s' failed to satisfy constraint: %s", value, at, rule);
	}

	private static String notNull(String at) {
		return String.format("Value null at '%s' failed to satisfy constraint: Member must not be null", at);
	}

}
