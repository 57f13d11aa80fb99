package dev.tenancy.autoconfigure.endpoint;

import dev.tenancy.iam.DynamoDbKeySchema;
import dev.tenancy.iam.ResourceArns;
import dev.tenancy.iam.TenancyPolicies;

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
