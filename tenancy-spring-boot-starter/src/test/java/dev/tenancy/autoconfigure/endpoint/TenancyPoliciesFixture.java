package dev.tenancy.autoconfigure.endpoint;

import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;

/**
 * Policies for endpoint tests.
 */
final class TenancyPoliciesFixture {

	private TenancyPoliciesFixture() {
	}

	static TenancyPolicies policies() {
		return TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
			.keySchema(DynamoDbKeySchema.builder().table("items", "pk").build())
			.build();
	}

}
