package dev.tenancy.infrastructure;

import java.util.List;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The application the infrastructure tests export: table {@code app} with a global index {@code byStatus} and a
 * local index {@code byCreated} (a number sort key), pooled tenants {@code initech} and {@code hooli}, silo tenants
 * {@code acme} and {@code globex}.
 */
final class InfrastructureFixture {

	static final String ACCOUNT = "123456789012";

	static final String PREFIX = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/";

	static final String TENANT_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/tenancy/tenant";

	static final String APPLICATION_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/app";

	static final String KMS_KEY_ARN = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/1234abcd-12ab-34cd-56ef-1234567890ab";

	static final String VPCE = "vpce-0123456789abcdef0";

	static final TenantId INITECH = TenantId.of("initech");

	static final TenantId HOOLI = TenantId.of("hooli");

	static final TenantId ACME = TenantId.of("acme");

	static final TenantId GLOBEX = TenantId.of("globex");

	static final DynamoDbKeySchema SCHEMA = DynamoDbKeySchema.builder()
		.table("app", "pk", "sk")
		.index("app", "byStatus", "gsi1pk", "gsi1sk")
		.index("app", "byCreated", "pk", "createdAt")
		.build();

	static final TenancyPolicies POLICIES = TenancyPolicies.builder()
		.arns(ResourceArns.of("aws", "us-east-1", ACCOUNT))
		.keySchema(SCHEMA)
		.applicationPrincipalArn(APPLICATION_ROLE_ARN)
		.tenantTables(TenantTables.tiered(TenantTierResolver.silo(List.of(ACME, GLOBEX)),
				SiloTableTemplate.defaultTemplate()))
		.build();

	private InfrastructureFixture() {
	}

	static InfrastructureOptions.Builder options() {
		return InfrastructureOptions.builder(TENANT_ROLE_ARN).attributeType("createdAt", ScalarAttributeType.N);
	}

	static ExportedInfrastructure export(InfrastructureFormat format, InfrastructureOptions options) {
		return ExportedInfrastructure.parse(format,
				format.render(TenancyInfrastructure.of(POLICIES, options)));
	}

}
