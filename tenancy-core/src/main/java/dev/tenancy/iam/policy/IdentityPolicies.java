package dev.tenancy.iam.policy;

import java.util.ArrayList;
import java.util.List;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamPrincipalType;
import software.amazon.awssdk.policybuilder.iam.IamStatement;

/**
 * The policies and statements of {@link TenancyPolicies} that do not depend on a tenant: the tenant role's trust
 * policy, the application identity's STS permissions, the admin client's table permissions, the guardrail denies,
 * and the rule that decides which actions a tenant may be granted.
 *
 * @author tenancy
 * @since 0.2
 */
final class IdentityPolicies {

	private static final IamConditionOperator FOR_ALL_VALUES_STRING_EQUALS = IamConditionOperator.STRING_EQUALS
		.addPrefix("ForAllValues:");

	private IdentityPolicies() {
	}

	/**
	 * Check the ARN of the application's principal for the trust policy: an IAM role, user or STS ARN, printable, no
	 * wildcards or policy variables.
	 * @param principalArn the ARN
	 * @return the ARN
	 * @throws IllegalArgumentException if it is not such an ARN
	 */
	static String requirePrincipalArn(String principalArn) {
		boolean valid = principalArn.startsWith("arn:")
				&& (principalArn.contains(":iam::") || principalArn.contains(":sts::"));
		for (int i = 0; valid && i < principalArn.length(); i++) {
			char c = principalArn.charAt(i);
			valid = c > ' ' && c < 0x7f && c != '*' && c != '?' && c != '$' && c != '"' && c != '\\';
		}
		if (!valid) {
			throw new IllegalArgumentException(String.format("Invalid application principal ARN '%s': expected an "
					+ "IAM role or user ARN without wildcards, for example 'arn:aws:iam::123456789012:role/app'.",
					Printable.of(principalArn)));
		}
		return principalArn;
	}

	static IamPolicy trust(String principal, String tenantTagKey) {
		String requestTag = "aws:RequestTag/" + tenantTagKey;
		return IamPolicy.builder()
			.version(TenancyPolicies.POLICY_VERSION)
			.addStatement(statement -> statement.sid("AssumeTenantRole")
				.effect(IamEffect.ALLOW)
				.addPrincipal(IamPrincipalType.AWS, principal)
				.addAction("sts:AssumeRole"))
			.addStatement(statement -> statement.sid("TagTenantSession")
				.effect(IamEffect.ALLOW)
				.addPrincipal(IamPrincipalType.AWS, principal)
				.addAction("sts:TagSession")
				.addCondition(IamConditionOperator.NULL, requestTag, "false")
				.addCondition(IamConditionOperator.STRING_LIKE, requestTag, "?*")
				.addCondition(FOR_ALL_VALUES_STRING_EQUALS, "aws:TagKeys", tenantTagKey))
			.build();
	}

	static IamPolicy applicationIdentity(String tenantRoleArn, String tenantTagKey) {
		String requestTag = "aws:RequestTag/" + tenantTagKey;
		return IamPolicy.builder()
			.version(TenancyPolicies.POLICY_VERSION)
			.addStatement(statement -> statement.sid("AssumeTenantRole")
				.effect(IamEffect.ALLOW)
				.addAction("sts:AssumeRole")
				.addResource(tenantRoleArn))
			.addStatement(statement -> statement.sid("TagTenantSession")
				.effect(IamEffect.ALLOW)
				.addAction("sts:TagSession")
				.addResource(tenantRoleArn)
				.addCondition(IamConditionOperator.NULL, requestTag, "false")
				.addCondition(FOR_ALL_VALUES_STRING_EQUALS, "aws:TagKeys", tenantTagKey))
			.build();
	}

	static IamPolicy adminClient(ResourceArns arns, DynamoDbKeySchema keySchema, List<String> siloTables) {
		List<String> tables = new ArrayList<>();
		for (String table : keySchema.tables()) {
			tables.add(arns.table(table));
		}
		tables.addAll(siloTables);
		return IamPolicy.builder()
			.version(TenancyPolicies.POLICY_VERSION)
			.addStatement(statement -> statement.sid("AdminTables")
				.effect(IamEffect.ALLOW)
				.actionIds(TenancyPolicies.ADMIN_ACTIONS)
				.resourceIds(tables))
			.build();
	}

	static IamStatement denyScanAndPartiQl(ResourceArns arns, DynamoDbKeySchema keySchema, List<String> siloTables) {
		List<String> denyResources = new ArrayList<>();
		for (String table : keySchema.tables()) {
			String tableArn = arns.table(table);
			denyResources.add(tableArn);
			denyResources.add(tableArn + "/index/*");
		}
		denyResources.addAll(siloTables);
		return IamStatement.builder()
			.sid("DenyScanAndPartiQL")
			.effect(IamEffect.DENY)
			.actionIds(TenancyPolicies.DENIED_ACTIONS)
			.resourceIds(denyResources)
			.build();
	}

	static IamStatement denyInsecureTransport() {
		return IamStatement.builder()
			.sid("DenyInsecureTransport")
			.effect(IamEffect.DENY)
			.addAction("dynamodb:*")
			.addResource("*")
			.addCondition(IamConditionOperator.BOOL, "aws:SecureTransport", "false")
			.build();
	}

	/**
	 * @param action an action as configured, {@code GetItem} or {@code dynamodb:GetItem}
	 * @return the action as granted, {@code dynamodb:GetItem}
	 * @throws IllegalArgumentException for a wildcard, Scan, PartiQL or any action that cannot be confined to a
	 * tenant
	 */
	static String canonicalAction(@Nullable String action) {
		if (action == null || action.isEmpty()) {
			throw new IllegalArgumentException("An action must not be null or empty.");
		}
		String name = action.regionMatches(true, 0, "dynamodb:", 0, 9) ? action.substring(9) : action;
		if (action.indexOf('*') >= 0 || action.indexOf('?') >= 0) {
			throw new IllegalArgumentException(String.format(
					"Action '%s' is a wildcard; list the actions explicitly (allowed: %s).",
					Printable.of(action), TenancyPolicies.DEFAULT_ACTIONS));
		}
		if (name.equalsIgnoreCase("Scan")) {
			throw new IllegalArgumentException("Action 'dynamodb:Scan' cannot be granted to a tenant: "
					+ "dynamodb:LeadingKeys does not apply to Scan, so it would return every tenant's items "
					+ "(docs/IAM.md R20, TH-4); use Query on the tenant partition.");
		}
		if (name.regionMatches(true, 0, "PartiQL", 0, 7)) {
			throw new IllegalArgumentException(String.format("Action '%s' cannot be granted to a tenant: a "
					+ "PartiQL statement can scan the whole table without leading keys (docs/IAM.md R26, TH-4); "
					+ "use the item and Query actions.", Printable.of(action)));
		}
		for (String allowed : TenancyPolicies.DEFAULT_ACTIONS) {
			if (allowed.substring(9).equalsIgnoreCase(name)) {
				return allowed;
			}
		}
		throw new IllegalArgumentException(String.format(
				"Action '%s' is not a tenant-scopable DynamoDB data-plane action; only these can be granted: %s.",
				Printable.of(action), TenancyPolicies.DEFAULT_ACTIONS));
	}

}
