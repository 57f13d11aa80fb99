package dev.tenancy.credentials;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link TenantCredentialsProvider#evict(TenantId)}: the tenant's next request assumes a new session with the session
 * policy of that moment; other tenants keep theirs.
 */
class TenantCredentialsEvictionTests {

	private static final TenantId ACME = StsTenantCredentialsProviderTests.ACME;

	private static final TenantId GLOBEX = StsTenantCredentialsProviderTests.GLOBEX;

	private static final AccessVariant RESTRICTED = AccessVariant.of("restricted");

	private final FakeStsClient sts = new FakeStsClient();

	private final AtomicReference<String> table = new AtomicReference<>("app");

	private final StsTenantCredentialsProvider provider = sessions(AccessVariant.UNRESTRICTED);

	private StsTenantCredentialsProvider sessions(AccessVariant variant) {
		return StsTenantCredentialsProvider.builder()
			.stsClient(this.sts)
			.roleArn(StsTenantCredentialsProviderTests.ROLE_ARN)
			.sessionPolicy((tenant) -> StsTenantCredentialsProviderTests.policyFor(tenant)
				.replace("table/app", "table/" + this.table.get()))
			.accessVariant(variant)
			.executor(Runnable::run)
			.build();
	}

	@AfterEach
	void close() {
		this.provider.close();
	}

	@Test
	void anEvictedTenantsNextRequestAssumesANewSessionWithTheCurrentPolicy() {
		AwsCredentialsProvider acme = this.provider.forTenant(ACME);
		acme.resolveCredentials();
		AwsCredentialsProvider globex = this.provider.forTenant(GLOBEX);
		globex.resolveCredentials();
		assertThat(this.sts.calls()).isEqualTo(2);
		this.table.set("app-acme");

		this.provider.evict(ACME);

		assertThat(((TenantSession) acme).isClosed()).isTrue();
		assertThat(this.provider.cachedTenants()).isOne();
		assertThat(this.provider.forTenant(ACME)).isNotSameAs(acme);
		assertThat(this.provider.forTenant(ACME).resolveCredentials().accessKeyId()).isEqualTo("ASIA-tenant-acme-3");
		assertThat(this.sts.calls()).isEqualTo(3);
		assertThat(this.sts.requests.get(2).policy()).contains("table/app-acme");
		assertThat(this.provider.forTenant(GLOBEX)).as("other tenants keep their session").isSameAs(globex);
		assertThat(((TenantSession) globex).isClosed()).isFalse();
		this.provider.forTenant(GLOBEX).resolveCredentials();
		assertThat(this.sts.calls()).isEqualTo(3);
	}

	@Test
	void evictingATenantWithoutASessionIsANoOp() {
		this.provider.forTenant(GLOBEX).resolveCredentials();

		this.provider.evict(ACME);
		this.provider.evict(ACME);

		assertThat(this.provider.cachedTenants()).isOne();
		assertThat(this.sts.calls()).isOne();
		assertThatIllegalArgumentException().isThrownBy(() -> this.provider.evict(null));
	}

	@Test
	void aVariantRoutingProviderEvictsTheTenantInEveryVariant() {
		AtomicReference<AccessVariant> caller = new AtomicReference<>(AccessVariant.UNRESTRICTED);
		StsTenantCredentialsProvider restricted = sessions(RESTRICTED);
		try (VariantRoutingTenantCredentialsProvider routing = new VariantRoutingTenantCredentialsProvider(
				Map.of(AccessVariant.UNRESTRICTED, this.provider, RESTRICTED, restricted), caller::get)) {
			routing.forTenant(ACME).resolveCredentials();
			routing.forTenant(GLOBEX).resolveCredentials();
			caller.set(RESTRICTED);
			routing.forTenant(ACME).resolveCredentials();
			assertThat(routing.cachedTenants()).isEqualTo(3);

			routing.evict(ACME);

			assertThat(this.provider.cachedTenants()).isOne();
			assertThat(restricted.cachedTenants()).isZero();
			routing.forTenant(ACME).resolveCredentials();
			assertThat(this.sts.requests.get(3).roleSessionName()).isEqualTo("restricted-acme");
			assertThat(this.sts.calls()).isEqualTo(4);
		}
	}

	@Test
	void theRoutingProviderEvictsInTheProviderItRoutesTo() {
		TenantRoutingCredentialsProvider routing = TenantRoutingCredentialsProvider.create(this.provider);
		try (TenantScope scope = TenantContext.open(ACME)) {
			routing.resolveCredentials();
			routing.evict(ACME);
			routing.resolveCredentials();
		}
		assertThat(this.sts.calls()).isEqualTo(2);
	}

}
