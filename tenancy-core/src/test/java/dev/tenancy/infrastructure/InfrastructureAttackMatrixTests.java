package dev.tenancy.infrastructure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.tenancy.infrastructure.InfrastructureFixture.ACCOUNT;
import static dev.tenancy.infrastructure.InfrastructureFixture.ACME;
import static dev.tenancy.infrastructure.InfrastructureFixture.GLOBEX;
import static dev.tenancy.infrastructure.InfrastructureFixture.HOOLI;
import static dev.tenancy.infrastructure.InfrastructureFixture.INITECH;
import static dev.tenancy.infrastructure.InfrastructureFixture.POLICIES;
import static dev.tenancy.infrastructure.InfrastructureFixture.PREFIX;
import static dev.tenancy.infrastructure.InfrastructureFixture.TENANT_ROLE_ARN;
import static dev.tenancy.infrastructure.InfrastructureFixture.VPCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attack matrix against the exported infrastructure: each format's documents are parsed back and the project's
 * {@link PolicyEvaluator} decides every attack with the policies as deployed. A tenant session is the exported tenant
 * role (ceiling, and the VPC endpoint confinement when configured) intersected with the runtime's session policy;
 * the ceiling alone is evaluated too for the attacks it must stop by itself (another tenant's keys, another tier's
 * silo table). The application identity and the deploy role are evaluated with their exported policies alone.
 */
class InfrastructureAttackMatrixTests {

	private static final PolicyEvaluator EVALUATOR = PolicyEvaluator.create();

	private static final String APP = PREFIX + "app";

	private static final String BY_STATUS = PREFIX + "app/index/byStatus";

	private static final String ACME_TABLE = PREFIX + "app-acme";

	private static final String GLOBEX_TABLE = PREFIX + "app-globex";

	private static final String DEPLOY_ROLE_ARN = "arn:aws:iam::" + ACCOUNT + ":role/tenancy/tenant-deploy";

	static Stream<Arguments> exports() {
		List<Arguments> exports = new ArrayList<>();
		for (InfrastructureFormat format : InfrastructureFormat.values()) {
			for (boolean vpce : new boolean[] { false, true }) {
				InfrastructureOptions options = InfrastructureFixture.options()
					.sourceVpce(vpce ? VPCE : null)
					.encryption(EncryptionAtRest.customerManaged(InfrastructureFixture.KMS_KEY_ARN))
					.build();
				exports.add(Arguments.of(Named.of(format + (vpce ? " with " + VPCE : ""),
						InfrastructureFixture.export(format, options)), vpce));
			}
		}
		return exports.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void tenantsStayOnTheirOwnItemsInTheirOwnTier(ExportedInfrastructure exported, boolean vpce) {
		Map<String, Attack> attacks = new LinkedHashMap<>();
		attacks.put("pool -> pool: another pooled tenant's item", item(INITECH, "GetItem", APP, "TENANT#hooli"));
		attacks.put("pool -> pool: another pooled tenant's index partition",
				item(INITECH, "Query", BY_STATUS, "TENANT#hooli#STATUS#OPEN"));
		attacks.put("pool -> pool: look-alike key", item(INITECH, "PutItem", APP, "TENANT#initech2"));
		attacks.put("pool -> pool: batch with one foreign key",
				item(INITECH, "BatchGetItem", APP, "TENANT#initech", "TENANT#hooli"));
		attacks.put("pool -> silo: victim's key", item(INITECH, "GetItem", ACME_TABLE, "TENANT#acme"));
		attacks.put("pool -> silo: own key", item(INITECH, "PutItem", ACME_TABLE, "TENANT#initech"));
		attacks.put("silo -> pool: victim's key", item(ACME, "GetItem", APP, "TENANT#initech"));
		attacks.put("silo -> silo: victim's key", item(ACME, "GetItem", GLOBEX_TABLE, "TENANT#globex"));
		attacks.put("silo -> silo: own key", item(ACME, "PutItem", GLOBEX_TABLE, "TENANT#acme"));
		attacks.put("silo -> silo: index", item(ACME, "Query", GLOBEX_TABLE + "/index/byStatus", "TENANT#globex#X"));
		attacks.put("silo: mis-keyed item in its own table", item(ACME, "PutItem", ACME_TABLE, "TENANT#globex"));
		attacks.put("no leading keys", item(INITECH, "GetItem", APP));
		for (Map.Entry<String, Attack> attack : attacks.entrySet()) {
			assertThat(decide(tenant(exported, attack.getValue().tenant, true), attack.getValue().request, vpce))
				.as("%s (role ∩ session policy)", attack.getKey())
				.isFalse();
			assertThat(decide(tenant(exported, attack.getValue().tenant, false), attack.getValue().request, vpce))
				.as("%s (role ceiling alone)", attack.getKey())
				.isFalse();
		}
		assertThat(decide(tenant(exported, ACME, true), item(ACME, "GetItem", APP, "TENANT#acme").request, vpce))
			.as("silo -> pool with its own key (denied by the session policy)")
			.isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void scanPartiQlAndTheControlPlaneAreDeniedToTenants(ExportedInfrastructure exported, boolean vpce) {
		for (TenantId tenant : List.of(INITECH, ACME)) {
			String table = (tenant == ACME) ? ACME_TABLE : APP;
			for (String action : List.of("Scan", "PartiQLSelect", "PartiQLUpdate", "DescribeTable", "UpdateTable",
					"DeleteTable", "CreateTable", "ExportTableToPointInTime", "PutResourcePolicy",
					"UpdateContinuousBackups")) {
				for (boolean withSession : new boolean[] { true, false }) {
					assertThat(decide(tenant(exported, tenant, withSession), request(action, table), vpce))
						.as("%s by %s on %s (session policy: %s)", action, tenant, table, withSession)
						.isFalse();
				}
			}
			assertThat(decide(tenant(exported, tenant, false), request("Scan", table + "/index/byStatus"), vpce))
				.as("Scan of the index by %s", tenant)
				.isFalse();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void eachTenantReachesItsOwnItems(ExportedInfrastructure exported, boolean vpce) {
		List<Attack> controls = List.of(item(INITECH, "GetItem", APP, "TENANT#initech"),
				item(INITECH, "PutItem", APP, "TENANT#initech#PROJECT#1"),
				item(INITECH, "Query", BY_STATUS, "TENANT#initech#STATUS#OPEN"),
				item(HOOLI, "BatchWriteItem", APP, "TENANT#hooli"), item(ACME, "GetItem", ACME_TABLE, "TENANT#acme"),
				item(ACME, "Query", ACME_TABLE + "/index/byStatus", "TENANT#acme#STATUS#OPEN"),
				item(GLOBEX, "UpdateItem", GLOBEX_TABLE, "TENANT#globex"));
		for (Attack control : controls) {
			assertThat(decide(tenant(exported, control.tenant, true), control.request, vpce))
				.as("%s %s on %s", control.tenant, control.request.action(), control.request.resource())
				.isTrue();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void theTenantRoleRequiresTlsAndWithTheOptionTheVpcEndpoint(ExportedInfrastructure exported, boolean vpce) {
		AuthorizationRequest own = item(INITECH, "GetItem", APP, "TENANT#initech").request;
		PrincipalSession insecure = tenantSession(exported, INITECH, true).secureTransport(false).build();
		assertThat(EVALUATOR.evaluate(insecure, withVpce(own, VPCE)).allowed()).as("without TLS").isFalse();
		PrincipalSession session = tenant(exported, INITECH, true);
		assertThat(EVALUATOR.evaluate(session, own).allowed()).as("without a VPC endpoint").isEqualTo(!vpce);
		assertThat(EVALUATOR.evaluate(session, withVpce(own, "vpce-0fedcba9876543210")).allowed())
			.as("through another VPC endpoint")
			.isEqualTo(!vpce);
		assertThat(EVALUATOR.evaluate(session, withVpce(own, VPCE)).allowed()).as("through the VPC endpoint")
			.isTrue();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void theApplicationIdentityOnlyAssumesTheTenantRole(ExportedInfrastructure exported, boolean vpce) {
		PrincipalSession application = PrincipalSession.assumedRole("aws", ACCOUNT, "app", "AROAAPP", "i-1")
			.identityPolicyJson(exported.applicationPolicy())
			.build();
		for (String resource : List.of(APP, ACME_TABLE, BY_STATUS)) {
			for (String action : List.of("GetItem", "PutItem", "Query", "Scan", "PartiQLSelect", "DescribeTable",
					"CreateTable", "UpdateTable", "DeleteTable", "ExportTableToPointInTime")) {
				AuthorizationRequest request = new AuthorizationRequest("dynamodb:" + action, resource,
						Map.of(AuthorizationRequest.LEADING_KEYS, List.of("TENANT#initech"), "aws:SourceVpce",
								List.of(VPCE)),
						action);
				assertThat(EVALUATOR.evaluate(application, request).allowed()).as("%s on %s", action, resource)
					.isFalse();
			}
		}
		assertThat(EVALUATOR.evaluate(application, sts("sts:AssumeRole", TENANT_ROLE_ARN)).allowed())
			.as("AssumeRole of the tenant role")
			.isTrue();
		assertThat(EVALUATOR.evaluate(application, sts("sts:AssumeRole", DEPLOY_ROLE_ARN)).allowed())
			.as("AssumeRole of the deploy role")
			.isFalse();
		assertThat(EVALUATOR.evaluate(application, new AuthorizationRequest("sts:TagSession", TENANT_ROLE_ARN,
				Map.of("aws:TagKeys", List.of("tenant", "admin"), "aws:RequestTag/tenant", List.of("acme")),
				"AssumeRole")).allowed()).as("TagSession with a second tag").isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("exports")
	void theDeployRoleHoldsTheControlPlaneAndNoItems(ExportedInfrastructure exported, boolean vpce) {
		PrincipalSession.Builder builder = PrincipalSession.assumedRole("aws", ACCOUNT, "tenant-deploy",
				"AROADEPLOY", "ci");
		exported.deployPolicies().forEach(builder::identityPolicyJson);
		PrincipalSession deploy = builder.build();
		for (String table : List.of(APP, ACME_TABLE, PREFIX + "app-newtenant")) {
			for (String action : List.of("CreateTable", "DescribeTable", "UpdateTable", "DeleteTable",
					"UpdateContinuousBackups", "DescribeContinuousBackups", "UpdateTimeToLive", "TagResource",
					"ListTagsOfResource")) {
				assertThat(EVALUATOR.evaluate(deploy, request(action, table)).allowed())
					.as("%s on %s", action, table)
					.isTrue();
			}
			for (String action : List.of("GetItem", "PutItem", "UpdateItem", "DeleteItem", "Query", "BatchGetItem",
					"BatchWriteItem", "ConditionCheckItem", "Scan", "PartiQLSelect", "PartiQLInsert", "GetRecords",
					"ExportTableToPointInTime", "RestoreTableToPointInTime", "CreateBackup", "PutResourcePolicy",
					"CreateTableReplica")) {
				Decision decision = EVALUATOR.evaluate(deploy, itemRequest(action, table, "TENANT#initech"));
				assertThat(decision.allowed()).as("%s on %s", action, table).isFalse();
			}
		}
		assertThat(EVALUATOR.evaluate(deploy, request("DeleteTable", PREFIX + "payroll")).allowed())
			.as("a table of another application")
			.isFalse();
		assertThat(EVALUATOR.evaluate(deploy, sts("sts:AssumeRole", TENANT_ROLE_ARN)).allowed())
			.as("AssumeRole of the tenant role")
			.isFalse();
		assertThat(EVALUATOR.evaluate(deploy, new AuthorizationRequest("kms:CreateGrant",
				InfrastructureFixture.KMS_KEY_ARN,
				Map.of("kms:ViaService", List.of("dynamodb.us-east-1.amazonaws.com")),
				"CreateGrant")).allowed()).as("a grant on the table key through DynamoDB").isTrue();
		assertThat(EVALUATOR.evaluate(deploy, new AuthorizationRequest("kms:Decrypt", InfrastructureFixture.KMS_KEY_ARN,
				Map.of("kms:ViaService", List.of("dynamodb.us-east-1.amazonaws.com")), "Decrypt")).allowed())
			.as("decrypting with the table key")
			.isFalse();
		assertThat(EVALUATOR.evaluate(deploy, new AuthorizationRequest("kms:CreateGrant",
				InfrastructureFixture.KMS_KEY_ARN, Map.of(), "CreateGrant")).allowed())
			.as("a grant on the table key outside DynamoDB")
			.isFalse();
	}

	private static PrincipalSession.Builder tenantSession(ExportedInfrastructure exported, TenantId tenant,
			boolean withSessionPolicy) {
		PrincipalSession.Builder session = PrincipalSession
			.assumedRole("aws", ACCOUNT, "tenant", "AROATENANT", "tenant-" + tenant)
			.tag(POLICIES.tenantTagKey(), tenant.value());
		exported.tenantPolicies().forEach(session::identityPolicyJson);
		if (withSessionPolicy) {
			session.sessionPolicyJson(POLICIES.sessionPolicyJson(tenant));
		}
		return session;
	}

	private static PrincipalSession tenant(ExportedInfrastructure exported, TenantId tenant,
			boolean withSessionPolicy) {
		return tenantSession(exported, tenant, withSessionPolicy).build();
	}

	/** Decided through the VPC endpoint when the export is confined to it, so that only the attack can deny. */
	private static boolean decide(PrincipalSession session, AuthorizationRequest request, boolean vpce) {
		return EVALUATOR.evaluate(session, vpce ? withVpce(request, VPCE) : request).allowed();
	}

	private static AuthorizationRequest withVpce(AuthorizationRequest request, String vpce) {
		Map<String, List<String>> context = new LinkedHashMap<>(request.context());
		context.put("aws:SourceVpce", List.of(vpce));
		return new AuthorizationRequest(request.action(), request.resource(), context, request.operation());
	}

	private static Attack item(TenantId tenant, String action, String resource, String... leadingKeys) {
		return new Attack(tenant, itemRequest(action, resource, leadingKeys));
	}

	private static AuthorizationRequest itemRequest(String action, String resource, String... leadingKeys) {
		Map<String, List<String>> context = new LinkedHashMap<>();
		if (leadingKeys.length > 0) {
			context.put(AuthorizationRequest.LEADING_KEYS, List.of(leadingKeys));
		}
		return new AuthorizationRequest("dynamodb:" + action, resource, context, action);
	}

	private static AuthorizationRequest request(String action, String resource) {
		return new AuthorizationRequest("dynamodb:" + action, resource, Map.of(), action);
	}

	private static AuthorizationRequest sts(String action, String role) {
		return new AuthorizationRequest(action, role, Map.of(), "AssumeRole");
	}

	private record Attack(TenantId tenant, AuthorizationRequest request) {

	}

}
