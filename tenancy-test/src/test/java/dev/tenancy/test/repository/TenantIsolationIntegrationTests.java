package dev.tenancy.test.repository;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.tenancy.aop.TenantPropagatingExecutor;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantAwarePrincipal;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScopeConflictException;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenantKeyMismatchException;
import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.test.TenancyTestKit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The threats of the threat model that the repository layer and the aspect answer, for two tenants, through the guard and
 * the IAM-enforcing gateway; and the cross-tenant escape hatch.
 */
@SpringJUnitConfig(RepositoryTestConfiguration.class)
class TenantIsolationIntegrationTests {

	private final TenantId acme = Tenants.next("acme");

	private final TenantId globex = Tenants.next("globex");

	@Autowired
	private ProjectRepository projects;

	@Autowired
	private LoginRepository logins;

	@Autowired
	private ProjectReports reports;

	@Autowired
	private TenantDirectory directory;

	@Autowired
	private TenancyOperations operations;

	@Autowired
	private DynamoDbClient tenantScopedDynamoDbClient;

	@Autowired
	private WireRequests wire;

	@Autowired
	private ReadCheckEvents readChecks;

	@Autowired
	private ThreadPoolTaskScheduler scheduler;

	@Autowired
	private TenancyTestKit kit;

	private final ExecutorService pool = Executors.newSingleThreadExecutor();

	@BeforeEach
	void data() {
		TenantContext.runAs(this.acme, () -> this.projects.save(new Project("p-1", "acme's", ProjectStatus.OPEN, 1)));
		TenantContext.runAs(this.globex,
				() -> this.projects.save(new Project("p-1", "globex's", ProjectStatus.OPEN, 1)));
	}

	@AfterEach
	void cleanUp() throws InterruptedException {
		SecurityContextHolder.clearContext();
		this.pool.shutdownNow();
		this.pool.awaitTermination(10, TimeUnit.SECONDS);
		assertThat(TenantContext.current()).isEmpty();
	}

	private static void authenticate(Authentication authentication) {
		SecurityContextHolder.getContext().setAuthentication(authentication);
	}

	private static void authenticateAs(TenantId tenant) {
		TenantAwarePrincipal principal = tenant::value;
		authenticate(new TestingAuthenticationToken(principal, null, "ROLE_USER"));
	}

	// TH-7

	@Test
	@DisplayName("TH-7: an anonymous request fails closed; no DynamoDB call")
	void th7Anonymous() {
		authenticate(new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		int sent = this.wire.count();

		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(this.projects::findAll)
			.withMessageContaining("No tenant for @TenantScoped 'ProjectRepository.findAll'");
		assertThat(this.wire.count()).isEqualTo(sent);
	}

	@Test
	@DisplayName("TH-7: an authenticated principal without the tenant claim fails closed; no DynamoDB call")
	void th7PrincipalWithoutTenant() {
		authenticate(new TestingAuthenticationToken("alice", null, "ROLE_USER"));
		int sent = this.wire.count();

		assertThatExceptionOfType(MissingTenantException.class).isThrownBy(() -> this.projects.findById("p-1"));
		assertThat(this.wire.count()).isEqualTo(sent);
	}

	@Test
	@DisplayName("TH-7: a background thread with no scope fails closed at every layer; no DynamoDB call")
	void th7BackgroundThread() throws Exception {
		int sent = this.wire.count();

		Future<Throwable> repository = this.pool.submit(() -> failure(this.projects::count));
		Future<Throwable> template = this.pool.submit(() -> failure(() -> this.operations.count(Project.class)));
		Future<Throwable> client = this.pool.submit(() -> failure(() -> this.tenantScopedDynamoDbClient
			.query(QueryRequest.builder().tableName(RepositoryTestConfiguration.TABLE).build())));

		assertThat(repository.get(10, TimeUnit.SECONDS)).isInstanceOf(MissingTenantException.class);
		assertThat(template.get(10, TimeUnit.SECONDS)).isInstanceOf(MissingTenantException.class)
			.hasMessageContaining("count of 'Project'");
		assertThat(client.get(10, TimeUnit.SECONDS)).isInstanceOf(MissingTenantException.class)
			.hasMessageContaining("DynamoDB query");
		assertThat(this.wire.count()).isEqualTo(sent);
	}

	private static Throwable failure(Runnable call) {
		try {
			call.run();
			return new AssertionError("expected a failure");
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	// TH-8

	@Test
	@DisplayName("TH-8: a pooled thread never inherits or keeps a tenant; propagation is explicit")
	void th8PooledThreads() throws Exception {
		TenantPropagatingExecutor propagating = new TenantPropagatingExecutor(this.pool);

		Future<Throwable> notInherited = TenantContext.callAs(this.acme,
				() -> this.pool.submit(() -> failure(this.projects::findAll)));
		CompletableFuture<List<Project>> propagated = TenantContext.callAs(this.acme,
				() -> CompletableFuture.supplyAsync(this.projects::findAll, propagating));
		Future<Throwable> next = this.pool.submit(() -> failure(this.projects::findAll));

		assertThat(notInherited.get(10, TimeUnit.SECONDS)).isInstanceOf(MissingTenantException.class);
		assertThat(propagated.get(10, TimeUnit.SECONDS)).extracting(Project::getName).containsExactly("acme's");
		assertThat(next.get(10, TimeUnit.SECONDS)).isInstanceOf(MissingTenantException.class);
	}

	@Test
	@DisplayName("TH-8: @Async work runs for the caller's tenant, and the next task on that thread has none")
	void th8Async() throws Exception {
		List<String> ids = TenantContext.callAs(this.acme, this.reports::projectIdsAsync).get(10, TimeUnit.SECONDS);
		CompletableFuture<List<String>> withoutTenant = this.reports.projectIdsAsync();

		assertThat(ids).containsExactly("p-1");
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> withoutTenant.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(MissingTenantException.class);
	}

	@Test
	@DisplayName("TH-8: @Async work started from a controller thread (a principal, no scope) runs as its tenant")
	void th8AsyncFromAControllerThread() throws Exception {
		authenticateAs(this.globex);
		int sent = this.wire.count();

		List<String> ids = this.reports.projectIdsAsync().get(10, TimeUnit.SECONDS);
		List<String> sentByTheTask = this.wire.requests().subList(sent, this.wire.count());
		SecurityContextHolder.clearContext();
		List<Project> seenByGlobex = TenantContext.callAs(this.globex, this.projects::findAll);

		assertThat(ids).containsExactly("p-1");
		assertThat(seenByGlobex).extracting(Project::getName).containsExactly("globex's");
		assertThat(sentByTheTask).containsExactly("Query " + this.globex);
	}

	@Test
	@DisplayName("TH-8: @Async work started from an anonymous controller thread fails closed; no DynamoDB call")
	void th8AsyncFromAnAnonymousControllerThread() {
		authenticate(new AnonymousAuthenticationToken("key", "anonymous",
				AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
		int sent = this.wire.count();

		CompletableFuture<List<String>> ids = this.reports.projectIdsAsync();

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> ids.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(MissingTenantException.class);
		assertThat(this.wire.count()).isEqualTo(sent);
	}

	@Test
	@DisplayName("TH-8: a scheduled job has no tenant unless it runs as one explicitly")
	void th8ScheduledJob() throws Exception {
		AtomicReference<Throwable> unscoped = new AtomicReference<>();
		AtomicReference<Long> scoped = new AtomicReference<>();
		AtomicReference<Optional<TenantId>> after = new AtomicReference<>();

		ScheduledFuture<?> job = TenantContext.callAs(this.globex, () -> this.scheduler.schedule(() -> {
			unscoped.set(failure(this.projects::count));
			scoped.set(TenantContext.callAs(this.acme, this.projects::count));
			after.set(TenantContext.current());
		}, Instant.now()));
		job.get(10, TimeUnit.SECONDS);

		assertThat(unscoped.get()).isInstanceOf(MissingTenantException.class);
		assertThat(scoped.get()).isEqualTo(1L);
		assertThat(after.get()).isEmpty();
	}

	// TH-9

	@Test
	@DisplayName("TH-9: a @TenantScoped call for tenant B inside tenant A's scope is refused; no DynamoDB call")
	void th9NestedScopeForAnotherTenant() {
		authenticateAs(this.globex);
		int sent = this.wire.count();

		TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantScopeConflictException.class)
			.isThrownBy(this.projects::findAll)
			.withMessageStartingWith("Cannot open a scope for tenant '" + this.globex + "' inside the scope of tenant '"
					+ this.acme + "'"));
		assertThat(this.wire.count()).isEqualTo(sent);
	}

	@Test
	@DisplayName("TH-9: with allowTenantSwitch the call runs for the principal's tenant and the scope is restored")
	void th9ExplicitlyAllowedSwitch() {
		TenantContext.runAs(this.acme, () -> this.projects.save(new Project("p-2", "acme's second", null, 2)));
		authenticateAs(this.globex);

		TenantContext.runAs(this.acme, () -> {
			assertThat(this.reports.countForPrincipal()).isEqualTo(1L);
			assertThat(TenantContext.current()).contains(this.acme);
		});
	}

	// TH-13

	@Test
	@DisplayName("TH-13: an entity whose partition key names another tenant is refused; nothing is written")
	void th13ForeignPartitionKey() {
		int sent = this.wire.count();
		Project forged = new Project("p-13", "forged", ProjectStatus.OPEN, 1);

		for (String value : List.of(this.globex.value(), "TENANT#" + this.globex)) {
			forged.setTenant(value);
			TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantKeyMismatchException.class)
				.isThrownBy(() -> this.projects.save(forged))
				.withMessageStartingWith("Tenant '" + this.acme + "' was refused dynamodb:PutItem"));
		}
		TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantKeyMismatchException.class)
			.isThrownBy(() -> this.projects.saveAll(List.of(forged))));
		assertThat(this.wire.count()).isEqualTo(sent);
		for (TenantId tenant : List.of(this.acme, this.globex)) {
			assertThat(TenantContext.callAs(tenant, () -> this.projects.existsById("p-13"))).isFalse();
		}
	}

	// TH-14

	@Test
	@DisplayName("TH-14: an item of another tenant returned through a misconfigured index never reaches the caller")
	void th14ForeignItemThroughAnIndex() {
		this.kit.dynamoDbLocalClient()
			.putItem((request) -> request.tableName(RepositoryTestConfiguration.TABLE)
				.item(Map.of("pk", AttributeValue.fromS("TENANT#" + this.globex), "sk",
						AttributeValue.fromS("PROJECT#p-14"), "gsi1pk",
						AttributeValue.fromS("TENANT#" + this.acme + "#STATUS#CLOSED"), "priority",
						AttributeValue.fromN("9"), "name", AttributeValue.fromS("globex secret"))));

		TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.projects.findByStatus(ProjectStatus.CLOSED))
			.withMessageNotContaining("globex secret")
			.satisfies((denied) -> {
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.READ_CHECK);
				assertThat(denied.getTenant()).isEqualTo(this.acme.value());
				assertThat(denied.getAction()).isEqualTo("dynamodb:Query");
				assertThat(denied.getResource()).endsWith("/index/byStatus");
			}));
		assertThat(this.readChecks.events()).contains(this.acme + " Query byStatus");
		TenantContext.runAs(this.acme, () -> assertThat(this.projects.findByStatus(ProjectStatus.OPEN))
			.extracting(Project::getName)
			.containsExactly("acme's"));
	}

	// TH-23

	/**
	 * Plant, through DynamoDB Local directly (bypassing every wall), an item of globex's partition under acme's index
	 * keys: what a write that set another tenant's index key would leave behind.
	 */
	private void plantGlobexItemUnderAcmesIndexKeys() {
		this.kit.dynamoDbLocalClient()
			.putItem((request) -> request.tableName(RepositoryTestConfiguration.TABLE)
				.item(Map.of("pk", AttributeValue.fromS("TENANT#" + this.globex), "sk",
						AttributeValue.fromS("PROJECT#p-23"), "gsi1pk",
						AttributeValue.fromS("TENANT#" + this.acme + "#STATUS#CLOSED"), "gsi2pk",
						AttributeValue.fromS("TENANT#" + this.acme + "#OWNER#mallory"), "priority",
						AttributeValue.fromN("9"), "name", AttributeValue.fromS("planted by globex"))));
	}

	@Test
	@DisplayName("TH-23: countBy on an index does not count a foreign item planted under the tenant's index key; the "
			+ "read-side check reports it as find does")
	void th23CountOnAnIndexDoesNotCountAPlantedForeignItem() {
		TenantContext.runAs(this.acme, () -> assertThat(this.projects.countByStatus(ProjectStatus.CLOSED)).isZero());
		plantGlobexItemUnderAcmesIndexKeys();

		for (Runnable read : List.<Runnable>of(() -> this.projects.countByStatus(ProjectStatus.CLOSED),
				() -> this.projects.findByStatus(ProjectStatus.CLOSED))) {
			TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantAccessDeniedException.class)
				.isThrownBy(read::run)
				.withMessageNotContaining("planted by globex")
				.satisfies((denied) -> {
					assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.READ_CHECK);
					assertThat(denied.getTenant()).isEqualTo(this.acme.value());
					assertThat(denied.getAction()).isEqualTo("dynamodb:Query");
					assertThat(denied.getResource()).endsWith("/index/byStatus");
				}));
		}
		assertThat(this.readChecks.events()).filteredOn((event) -> event.equals(this.acme + " Query byStatus"))
			.hasSize(2);
		TenantContext.runAs(this.acme,
				() -> assertThat(this.projects.countByStatus(ProjectStatus.OPEN)).isEqualTo(1));
	}

	@Test
	@DisplayName("TH-23: existsBy on an index does not report a foreign item planted under the tenant's index key; "
			+ "the read-side check reports it as find does")
	void th23ExistsOnAnIndexDoesNotSeeAPlantedForeignItem() {
		TenantContext.runAs(this.acme, () -> assertThat(this.projects.existsByOwner("mallory")).isFalse());
		plantGlobexItemUnderAcmesIndexKeys();

		TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.projects.existsByOwner("mallory"))
			.withMessageNotContaining("planted by globex")
			.satisfies((denied) -> {
				assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.READ_CHECK);
				assertThat(denied.getResource()).endsWith("/index/byOwner");
			}));
		assertThat(this.readChecks.events()).contains(this.acme + " Query byOwner");
	}

	// @CrossTenant

	@Test
	void crossTenantLookupUsesTheSeparateIdentityOnlyInsideACrossTenantMethod() {
		TenantContext.runAs(this.acme, () -> this.logins.save(new Login("ann", "ann@" + this.acme + ".example")));
		TenantContext.runAs(this.globex, () -> this.logins.save(new Login("bob", "bob@" + this.globex + ".example")));

		assertThat(this.directory.tenantOf("ann@" + this.acme + ".example")).contains(this.acme);
		assertThat(this.directory.tenantOf("bob@" + this.globex + ".example")).contains(this.globex);
		assertThat(this.directory.tenantOf("nobody@example.com")).isEmpty();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.directory.tenantOfWithoutAnnotation("ann@" + this.acme + ".example"))
			.withMessageContaining("outside a @CrossTenant method");
	}

	@Test
	void theTenantScopedClientCannotQueryTheGlobalIndex() {
		TenantContext.runAs(this.acme, () -> assertThatExceptionOfType(TenantAccessDeniedException.class)
			.isThrownBy(() -> this.tenantScopedDynamoDbClient.query(QueryRequest.builder()
				.tableName(RepositoryTestConfiguration.TABLE)
				.indexName("byEmail")
				.keyConditionExpression("email = :email")
				.expressionAttributeValues(Map.of(":email", AttributeValue.fromS("bob@example.com")))
				.build()))
			.satisfies((denied) -> assertThat(denied.getLayer()).isEqualTo(EnforcementLayer.GUARD)));
	}

}
