package dev.tenancy.dynamodb;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.context.TenantTierResolver;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A tier change through a {@link TenantTierRegistry} with {@link TierChangeEviction}: the guard judges the tenant's
 * next request by the new tier's policy and its sessions are assumed again; other tenants keep theirs.
 */
class TierChangeEvictionTests {

	private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/TenantRole";

	private static final TenantId INITECH = TenantId.of("initech");

	private static final TenantId ACME = TenantId.of("acme");

	private final RecordingHttpClient http = new RecordingHttpClient();

	private final EvictionRecordingCredentials credentials = new EvictionRecordingCredentials();

	private final TenantTierRegistry registry = TenantTierRegistry.of(TenantTierResolver.silo(List.of(ACME)));

	private TenancyPolicies policies;

	private TenantSessionPolicies sessions;

	private TenantScopedDynamoDbClientFactory factory;

	private DynamoDbClient client;

	@BeforeEach
	void setUp() {
		this.policies = TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", "us-east-1", "123456789012"))
			.keySchema(DynamoDbKeySchema.builder().table("app", "pk", "sk").build())
			.tenantTables(TenantTables.tiered(this.registry, SiloTableTemplate.defaultTemplate()))
			.build();
		this.sessions = new TenantSessionPolicies(this.policies, ROLE_ARN, "tenant", 100);
		TenantRequestGuard guard = new TenantRequestGuard(
				new DynamoDbRequestContextExtractor(this.policies.arns(), this.policies.keySchema()),
				PolicyEvaluator.create(), this.sessions, TenantGuardListener.NONE);
		this.registry.addListener(new TierChangeEviction(guard, this.credentials));
		this.factory = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(this.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.baseCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "secret")))
			.guard(guard)
			.build();
		this.client = this.factory.client();
	}

	@AfterEach
	void tearDown() {
		this.factory.close();
	}

	@Test
	void aPooledTenantMovedToSiloIsJudgedByItsSiloPolicyFromItsNextRequest() {
		get(INITECH, "app");
		get(ACME, "app-acme");
		PrincipalSession acmeSession = this.sessions.apply(ACME);
		assertDenied(INITECH, "app-initech");

		this.registry.assign(INITECH, TenantTier.SILO);

		assertThat(this.credentials.evicted).containsExactly(INITECH);
		assertThat(this.policies.tenantTables().tableName("app", INITECH)).isEqualTo("app-initech");
		get(INITECH, "app-initech");
		assertDenied(INITECH, "app");
		assertThat(this.sessions.apply(ACME)).as("other tenants keep their compiled policy").isSameAs(acmeSession);
	}

	@Test
	void aSiloTenantMovedToThePoolIsJudgedByThePooledPolicy() {
		get(ACME, "app-acme");

		this.registry.assign(ACME, TenantTier.POOL);

		get(ACME, "app");
		assertDenied(ACME, "app-acme");
	}

	@Test
	void evictingTheGuardsPoliciesDropsOnlyThatTenant() {
		PrincipalSession acme = this.sessions.apply(ACME);
		PrincipalSession initech = this.sessions.apply(INITECH);

		this.sessions.evict(INITECH);
		this.sessions.evict(TenantId.of("never-seen"));

		assertThat(this.sessions.apply(INITECH)).isNotSameAs(initech);
		assertThat(this.sessions.apply(ACME)).isSameAs(acme);
		assertThatIllegalArgumentException().isThrownBy(() -> this.sessions.evict(null));
	}

	@Test
	void variantSessionPoliciesEvictTheTenantInEveryVariant() {
		AccessVariant restricted = AccessVariant.of("restricted");
		AtomicReference<AccessVariant> caller = new AtomicReference<>(AccessVariant.UNRESTRICTED);
		TenantSessionPolicies restrictedSessions = new TenantSessionPolicies(this.policies, ROLE_ARN, "tenant", 100,
				restricted);
		VariantSessionPolicies variants = new VariantSessionPolicies(
				Map.of(AccessVariant.UNRESTRICTED, this.sessions, restricted, restrictedSessions), caller::get);
		PrincipalSession unrestrictedAcme = variants.apply(ACME);
		caller.set(restricted);
		PrincipalSession restrictedAcme = variants.apply(ACME);
		PrincipalSession restrictedInitech = variants.apply(INITECH);

		variants.evict(ACME);

		assertThat(variants.apply(ACME)).isNotSameAs(restrictedAcme);
		assertThat(variants.apply(INITECH)).isSameAs(restrictedInitech);
		caller.set(AccessVariant.UNRESTRICTED);
		assertThat(variants.apply(ACME)).isNotSameAs(unrestrictedAcme);
	}

	private void get(TenantId tenant, String table) {
		try (TenantScope ignored = TenantContext.open(tenant)) {
			this.client.getItem((r) -> r.tableName(table).key(key(tenant)));
		}
	}

	private void assertDenied(TenantId tenant, String table) {
		int sent = this.http.requests.size();
		assertThatExceptionOfType(TenantAccessDeniedException.class).isThrownBy(() -> get(tenant, table))
			.withMessageContaining("table/" + table);
		assertThat(this.http.requests).hasSize(sent);
	}

	private static Map<String, AttributeValue> key(TenantId tenant) {
		return Map.of("pk", AttributeValue.fromS("TENANT#" + tenant), "sk", AttributeValue.fromS("PROJECT#1"));
	}

	/**
	 * Tenant credentials that record which tenants were evicted.
	 */
	private static final class EvictionRecordingCredentials implements TenantCredentialsProvider {

		final Set<TenantId> evicted = ConcurrentHashMap.newKeySet();

		@Override
		public AwsCredentialsProvider forTenant(TenantId tenant) {
			return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID-" + tenant, "secret"));
		}

		@Override
		public void evict(TenantId tenant) {
			this.evicted.add(tenant);
		}

		@Override
		public void close() {
		}

	}

}
