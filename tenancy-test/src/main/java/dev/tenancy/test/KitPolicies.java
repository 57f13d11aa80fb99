package dev.tenancy.test;

import java.time.Duration;

import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.sts.RoleDefinition;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * The IAM documents of a {@link TenancyTestKit}: the tenant role's identity and trust policies and the base
 * identity's policies, published as the kit's constants, and the tenant role registered with its STS.
 *
 * @author tenancy
 * @since 0.2
 */
final class KitPolicies {

	static final String TENANT_ROLE_POLICY = """
			{"Version":"2012-10-17","Statement":[\
			{"Sid":"TenantDataPlane","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:BatchGetItem",\
			"dynamodb:Query","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:DeleteItem","dynamodb:BatchWriteItem",\
			"dynamodb:ConditionCheckItem"],"Resource":["arn:aws:dynamodb:*:123456789012:table/*"],\
			"Condition":{"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["TENANT#${aws:PrincipalTag/tenant}",\
			"TENANT#${aws:PrincipalTag/tenant}#*"]},"Null":{"dynamodb:LeadingKeys":"false"}}},\
			{"Sid":"NoScanNoPartiQL","Effect":"Deny","Action":["dynamodb:Scan","dynamodb:PartiQL*"],\
			"Resource":"*"}]}""";

	static final String TENANT_ROLE_TRUST_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Sid":"TenancyApp","Effect":"Allow",\
			"Principal":{"AWS":"arn:aws:iam::123456789012:user/tenancy-app"},\
			"Action":["sts:AssumeRole","sts:TagSession"],\
			"Condition":{"StringLike":{"aws:RequestTag/tenant":"?*"}}}]}""";

	static final String BASE_IDENTITY_POLICY = TenancyPolicies
		.applicationIdentityPolicy(TenancyTestKit.TENANT_ROLE_ARN, TenancyTestKit.TENANT_TAG)
		.toJson();

	static final String APPLICATION_MODE_BASE_IDENTITY_POLICY = IamPolicy.builder()
		.version(TenancyPolicies.POLICY_VERSION)
		.addStatement((statement) -> statement.sid("ApplicationModeDataPlane")
			.effect(IamEffect.ALLOW)
			.actionIds(TenancyPolicies.DEFAULT_ACTIONS)
			.addResource("arn:aws:dynamodb:*:" + TenancyTestKit.ACCOUNT_ID + ":table/*"))
		.addStatement((statement) -> statement.sid("DenyScanAndPartiQL")
			.effect(IamEffect.DENY)
			.actionIds(TenancyPolicies.DENIED_ACTIONS)
			.addResource("*"))
		.build()
		.toJson();

	private KitPolicies() {
	}

	/**
	 * @return the tenant role {@link TenancyTestKit#TENANT_ROLE_ARN} with its ceiling and trust policies
	 */
	static RoleDefinition tenantRole() {
		return RoleDefinition.builder()
			.arn(TenancyTestKit.TENANT_ROLE_ARN)
			.identityPolicy(TENANT_ROLE_POLICY)
			.trustPolicy(TENANT_ROLE_TRUST_POLICY)
			.maxSessionDuration(Duration.ofHours(12))
			.build();
	}

}
