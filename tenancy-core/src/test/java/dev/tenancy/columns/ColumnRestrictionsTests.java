package dev.tenancy.columns;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsUnavailableException;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.policy.ColumnRestriction;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Column restrictions per access variant: each variant's policies, sessions, guard policy and repository client
 * follow the caller's variant, and a caller is never served with another variant's policy (TH-12).
 */
class ColumnRestrictionsTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tenant-data";

	private static final TenantId ACME = TenantId.of("acme");

	private static final AccessVariant RESTRICTED = AccessVariant.of("restricted");

	private static final TenancyPolicies POLICIES = TenancyPolicies.builder()
		.arns(ResourceArns.of("aws", "eu-central-1", "123456789012"))
		.keySchema(
				DynamoDbKeySchema.builder().table("app", "pk", "sk").index("app", "byStatus", "gsi1pk", "sk").build())
		.build();

	private final AtomicReference<AccessVariant> caller = new AtomicReference<>(RESTRICTED);

	private final ColumnRestrictions restrictions = ColumnRestrictions.builder(POLICIES)
		.variant(RESTRICTED, ColumnRestriction.of("name", "status"))
		.resolver(this.caller::get)
		.build();

	@Test
	@DisplayName("TH-12 a restricted variant's session policy allow-lists its attributes and the keys")
	void restrictedVariantPoliciesAllowListItsAttributesTH12() {
		assertThat(this.restrictions.variants()).containsExactly(AccessVariant.UNRESTRICTED, RESTRICTED);
		assertThat(this.restrictions.restrictsColumns()).isTrue();
		assertThat(this.restrictions.policies(AccessVariant.UNRESTRICTED)).isSameAs(POLICIES);
		String restricted = this.restrictions.policies(RESTRICTED).sessionPolicyJson(ACME);
		assertThat(restricted).contains("dynamodb:Attributes", "\"name\"", "\"status\"", "\"gsi1pk\"")
			.doesNotContain("dynamodb:PutItem");
		assertThat(POLICIES.sessionPolicyJson(ACME)).doesNotContain("dynamodb:Attributes");
		assertThat(this.restrictions.attributes(RESTRICTED)).containsExactlyInAnyOrder("pk", "sk", "gsi1pk", "name",
				"status");
	}

	@Test
	@DisplayName("TH-12 requests are signed with the sessions of the caller's variant")
	void credentialsFollowTheCallersVariantTH12() {
		List<ColumnRestrictions.Variant> opened = new ArrayList<>();
		TenantCredentialsProvider credentials = this.restrictions.credentials((variant) -> {
			opened.add(variant);
			return new Sessions(variant.variant());
		});
		assertThat(opened).extracting(ColumnRestrictions.Variant::variant)
			.containsExactly(AccessVariant.UNRESTRICTED, RESTRICTED);
		assertThat(opened.get(1).policies()).isSameAs(this.restrictions.policies(RESTRICTED));
		assertThat(credentials.forTenant(ACME).resolveCredentials().accessKeyId()).isEqualTo("restricted-acme");
		this.caller.set(AccessVariant.UNRESTRICTED);
		assertThat(credentials.forTenant(ACME).resolveCredentials().accessKeyId()).isEqualTo("tenant-acme");
		this.caller.set(AccessVariant.of("support"));
		assertThatExceptionOfType(TenantCredentialsUnavailableException.class)
			.isThrownBy(() -> credentials.forTenant(ACME))
			.withMessageContaining("access variant 'support'")
			.withMessageContaining("tenant 'acme'");
	}

	@Test
	@DisplayName("TH-12 the guard evaluates the policy of the caller's variant")
	void guardSessionsFollowTheCallersVariantTH12() {
		Function<TenantId, PrincipalSession> sessions = this.restrictions.guardSessions(ROLE_ARN, "tenant", 10);
		assertThat(sessions.apply(ACME).principalArn()).endsWith("/restricted-acme");
		this.caller.set(AccessVariant.UNRESTRICTED);
		assertThat(sessions.apply(ACME).principalArn()).endsWith("/tenant-acme");
		this.caller.set(AccessVariant.of("support"));
		assertThatIllegalStateException().isThrownBy(() -> sessions.apply(ACME))
			.withMessageContaining("no session policy for access variant 'support'");
	}

	@Test
	void withoutVariantsEverythingIsTheSingleVariantOne() {
		ColumnRestrictions none = ColumnRestrictions.none(POLICIES);
		assertThat(none.restrictsColumns()).isFalse();
		assertThat(none.variants()).containsExactly(AccessVariant.UNRESTRICTED);
		assertThat(none.guardSessions(ROLE_ARN, "tenant", 10)).isInstanceOf(TenantSessionPolicies.class);
		Sessions sessions = new Sessions(AccessVariant.UNRESTRICTED);
		assertThat(none.credentials((variant) -> sessions)).isSameAs(sessions);
		DynamoDbClient client = DynamoDbClient.builder()
			.region(software.amazon.awssdk.regions.Region.EU_CENTRAL_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
			.build();
		try (client) {
			assertThat(none.repositoryClient(client)).isSameAs(client);
			assertThat(this.restrictions.repositoryClient(client)).isInstanceOf(ColumnRestrictingDynamoDbClient.class);
		}
	}

	@Test
	void misconfigurationIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> ColumnRestrictions.builder(POLICIES)
				.variant(RESTRICTED, ColumnRestriction.of("name"))
				.build())
			.withMessageContaining("no AccessVariantResolver decides");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnRestrictions.builder(POLICIES)
				.variant(AccessVariant.UNRESTRICTED, ColumnRestriction.of("name")))
			.withMessageContaining("unrestricted variant has no column restriction");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnRestrictions.builder(POLICIES)
				.variant(RESTRICTED, ColumnRestriction.of("name"))
				.variant(RESTRICTED, ColumnRestriction.of("status")))
			.withMessageContaining("declared twice");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ColumnRestrictions.builder(this.restrictions.policies(RESTRICTED)))
			.withMessageContaining("already restrict columns");
		assertThatIllegalArgumentException().isThrownBy(() -> this.restrictions.policies(AccessVariant.of("support")))
			.withMessageContaining("not configured");
	}

	/**
	 * Sessions whose credentials name the variant's role session of the tenant.
	 */
	private record Sessions(AccessVariant variant) implements TenantCredentialsProvider {

		@Override
		public AwsCredentialsProvider forTenant(TenantId tenant) {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(this.variant.roleSessionName(tenant), "secret"));
		}

		@Override
		public void evict(TenantId tenant) {
		}

		@Override
		public void close() {
		}

	}

}
