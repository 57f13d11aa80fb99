package dev.tenancy.iam.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

import static dev.tenancy.iam.evaluation.IamTestRequests.TABLE;
import static dev.tenancy.iam.evaluation.IamTestRequests.TAG;
import static dev.tenancy.iam.evaluation.IamTestRequests.array;
import static dev.tenancy.iam.evaluation.IamTestRequests.batchGetItem;
import static dev.tenancy.iam.evaluation.IamTestRequests.batchWriteItem;
import static dev.tenancy.iam.evaluation.IamTestRequests.explicitDeny;
import static dev.tenancy.iam.evaluation.IamTestRequests.getItem;
import static dev.tenancy.iam.evaluation.IamTestRequests.implicitDeny;
import static dev.tenancy.iam.evaluation.IamTestRequests.index;
import static dev.tenancy.iam.evaluation.IamTestRequests.json;
import static dev.tenancy.iam.evaluation.IamTestRequests.lk;
import static dev.tenancy.iam.evaluation.IamTestRequests.policy;
import static dev.tenancy.iam.evaluation.IamTestRequests.putItem;
import static dev.tenancy.iam.evaluation.IamTestRequests.query;
import static dev.tenancy.iam.evaluation.IamTestRequests.scan;
import static dev.tenancy.iam.evaluation.IamTestRequests.table;
import static dev.tenancy.iam.evaluation.IamTestRequests.updateItem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every evaluator case of docs/IAM.md §4 (T-01 … T-43; T-44 … T-50 are STS cases and live with the token vending
 * machine). Unless a case says otherwise: principal
 * {@code arn:aws:sts::123456789012:assumed-role/TenantRole/t1-session}, session tag {@code tenantId=t1}, identity
 * policy {@code Allow dynamodb:* on *}, so the session policy decides. The request contexts are built by hand
 * following docs/IAM.md §2. Where AWS's documented behaviour differs from the iam-simulate library (T-17), AWS's behaviour is
 * followed. T-43 needs a resource-based policy, which an identity+session evaluator does not model; its row tests the
 * session-policy half instead (a session policy that allows nothing on the table denies).
 */
class PolicyEvaluatorSpecCasesTests {

	private static final String IDENTITY_ALLOW_DYNAMODB = policy(
			"{`Sid`:`AllowDynamoDb`,`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}");

	private static final String TABLE_ACTIONS = array("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
			"dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

	private static final String TENANT_ITEMS = tenantItems(TABLE_ACTIONS, lk(TAG));

	private static final String ATTRIBUTES_EXAMPLE_3 = policy("{`Sid`:`LimitAccessToSpecificAttributes`,"
			+ "`Effect`:`Allow`,`Action`:" + array("dynamodb:UpdateItem", "dynamodb:GetItem", "dynamodb:Query",
					"dynamodb:BatchGetItem", "dynamodb:Scan")
			+ ",`Resource`:" + array(TABLE) + ",`Condition`:{"
			+ "`ForAllValues:StringEquals`:{`dynamodb:Attributes`:[`UserId`,`TopScore`]},"
			+ "`StringEqualsIfExists`:{`dynamodb:Select`:`SPECIFIC_ATTRIBUTES`,"
			+ "`dynamodb:ReturnValues`:[`NONE`,`UPDATED_OLD`,`UPDATED_NEW`]}}}");

	private static final String UPDATES_EXAMPLE_4 = policy("{`Sid`:`PreventUpdatesOnCertainAttributes`,"
			+ "`Effect`:`Allow`,`Action`:`dynamodb:UpdateItem`,`Resource`:`" + TABLE + "`,`Condition`:{"
			+ "`ForAllValues:StringNotLike`:{`dynamodb:Attributes`:[`FreeGamesAvailable`,`BossLevelUnlocked`]},"
			+ "`StringEqualsIfExists`:{`dynamodb:ReturnValues`:[`NONE`,`UPDATED_OLD`,`UPDATED_NEW`]}}}");

	private static final String DENY_EXAMPLE_7 = policy(
			"{`Sid`:`AllowReads`,`Effect`:`Allow`,`Action`:" + array("dynamodb:GetItem", "dynamodb:Query",
					"dynamodb:Scan") + ",`Resource`:`" + TABLE + "`}",
			"{`Sid`:`DenySensitiveAttributes`,`Effect`:`Deny`,`Action`:" + array("dynamodb:GetItem",
					"dynamodb:Query", "dynamodb:Scan") + ",`Resource`:`" + TABLE + "`,`Condition`:{"
					+ "`ForAnyValue:StringEquals`:{`dynamodb:Attributes`:[`SSN`,`CreditCardNumber`]}}}",
			"{`Sid`:`DenyUnlessSpecificAttributes`,`Effect`:`Deny`,`Action`:" + array("dynamodb:GetItem",
					"dynamodb:Query", "dynamodb:Scan") + ",`Resource`:`" + TABLE + "`,`Condition`:{"
					+ "`StringNotEqualsIfExists`:{`dynamodb:Select`:`SPECIFIC_ATTRIBUTES`}}}");

	private static final String TRANSACTION_ACTIONS = array("dynamodb:PutItem", "dynamodb:UpdateItem",
			"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:ConditionCheckItem");

	private static final String TRANSACTIONAL = "`ForAnyValue:StringEquals`:{`dynamodb:EnclosingOperation`:"
			+ "[`TransactWriteItems`,`TransactGetItems`]}";

	private static final String THREAD = table("Thread");

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void specCase(Case specCase) {
		PrincipalSession.Builder builder = PrincipalSession
			.assumedRole("aws", IamTestRequests.ACCOUNT, "TenantRole", "AROAEXAMPLE", "t1-session")
			.identityPolicy(IamPolicy.fromJson(specCase.identityPolicy()));
		if (specCase.tenantTag() != null) {
			builder.tag("tenantId", specCase.tenantTag());
		}
		if (specCase.sessionPolicy() != null) {
			builder.sessionPolicy(IamPolicy.fromJson(specCase.sessionPolicy()));
		}
		PrincipalSession session = specCase.session().apply(builder).build();
		List<AuthorizationRequest> requests = specCase.requests().stream().map(IamTestRequests.Req::build).toList();

		Decision decision = specCase.wholeCall() ? this.evaluator.evaluateAll(session, requests)
				: this.evaluator.evaluate(session, requests.get(0));

		assertThat(decision.outcome()).as(decision.message()).isEqualTo(specCase.outcome());
		assertThat(decision.deciding()).isEqualTo(specCase.deciding());
		if (specCase.message() != null) {
			assertThat(decision.message()).isEqualTo(specCase.message());
		}
		else {
			assertThat(decision.message()).startsWith("Allowed by identity-based policy statement ");
		}
		if (specCase.sid() != null) {
			assertThat(decision.statement()).isNotNull();
			assertThat(decision.statement().sid()).isEqualTo(specCase.sid());
		}
		else if (specCase.outcome() == Outcome.IMPLICIT_DENY) {
			assertThat(decision.statement()).isNull();
		}
	}

	// TH-1, TH-2, TH-3, TH-4, TH-5, TH-12: the covering rows carry the id in their display name
	static Stream<Case> cases() {
		List<Case> cases = new ArrayList<>();
		String g = "dynamodb:GetItem";
		cases.add(allowed("T-01 LeadingKeys = tag: tenant t1 reads its own item", session(TENANT_ITEMS),
				getItem("t1"), "TenantItems"));
		cases.add(denied("T-02 LeadingKeys = tag: tenant t1 is denied t2's item (TH-1)", session(TENANT_ITEMS),
				getItem("t2"), implicitDeny(g, TABLE, "session")));
		cases.add(deniedCall("T-03 BatchGetItem mixing t1 and t2 is denied as a whole (TH-2)", session(TENANT_ITEMS),
				List.of(batchGetItem(TABLE, "t1", "t2")), implicitDeny("dynamodb:BatchGetItem", TABLE, "session")));
		cases.add(allowed("T-04 Scan has no LeadingKeys, so ForAllValues is vacuously true (TH-4 trap)",
				session(tenantItems(array("dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"), lk(TAG))),
				scan(TABLE), "TenantItems"));
		String nullGuard = session(tenantItems(array("dynamodb:GetItem", "dynamodb:Scan"),
				lk("t1") + ",`Null`:{`dynamodb:LeadingKeys`:`false`}"));
		cases.add(denied("T-05 Null:false guard denies the Scan without LeadingKeys (TH-4)", nullGuard, scan(TABLE),
				implicitDeny("dynamodb:Scan", TABLE, "session")));
		cases.add(allowed("T-05 Null:false guard still allows GetItem on t1", nullGuard, getItem("t1"),
				"TenantItems"));
		cases.add(allowed("T-06 ForAnyValue leaks: BatchGetItem [t1, t2] is allowed",
				session(tenantItems(array("dynamodb:BatchGetItem"),
						"`ForAnyValue:StringEquals`:{`dynamodb:LeadingKeys`:[`t1`]}")),
				batchGetItem(TABLE, "t1", "t2"), "TenantItems"));
		cases.add(allowed("T-07 StringLike prefix leak: tenant 1 reaches TENANT#12 (TH-5)",
				session(tenantItems(TABLE_ACTIONS,
						"`ForAllValues:StringLike`:{`dynamodb:LeadingKeys`:[`TENANT#" + TAG + "*`]}")),
				getItem("TENANT#12"), "TenantItems").tenantTag("1"));
		String delimited = session(tenantItems(TABLE_ACTIONS,
				"`ForAllValues:StringLike`:{`dynamodb:LeadingKeys`:[`TENANT#" + TAG + "`,`TENANT#" + TAG + "#*`]}"));
		cases.add(denied("T-08 exact-or-delimiter pattern: tenant 1 is denied TENANT#12 (TH-5)", delimited,
				getItem("TENANT#12"), implicitDeny(g, TABLE, "session")).tenantTag("1"));
		cases.add(allowed("T-08 exact-or-delimiter pattern: tenant 1 reaches TENANT#1#ORD", delimited,
				getItem("TENANT#1#ORD"), "TenantItems").tenantTag("1"));
		cases.add(denied("T-09 session policy allows GetItem only: PutItem is denied by the session gate",
				session(tenantItems(array("dynamodb:GetItem"), lk(TAG))), putItem("t1", "TopScore"),
				implicitDeny("dynamodb:PutItem", TABLE, "session")));
		cases.add(new Case("T-10 session policy cannot add to the identity policy: GetItem denied by the identity gate",
				policy("{`Effect`:`Allow`,`Action`:`dynamodb:PutItem`,`Resource`:`*`}"),
				policy("{`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}"), "t1", UnaryOperator.identity(),
				List.of(getItem("t1")), false, Outcome.IMPLICIT_DENY, PolicyType.IDENTITY_BASED,
				implicitDeny(g, TABLE, "identity-based"), null));
		cases.add(new Case("T-11 explicit deny in the session policy wins over both allows",
				policy("{`Effect`:`Allow`,`Action`:`*`,`Resource`:`*`}"),
				policy("{`Sid`:`AllowAll`,`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}",
						"{`Sid`:`DenyGetItem`,`Effect`:`Deny`,`Action`:`dynamodb:GetItem`,`Resource`:`*`}"),
				"t1", UnaryOperator.identity(), List.of(getItem("t1")), false, Outcome.EXPLICIT_DENY,
				PolicyType.SESSION, explicitDeny(g, TABLE, "a session"), "DenyGetItem"));
		cases.add(denied("T-12 no tenantId tag: the variable has no value and never matches",
				session(TENANT_ITEMS), getItem("t1"), implicitDeny(g, TABLE, "session")).tenantTag(null));
		cases.add(allowed("T-13 variable default value applies without the tag (shared 'none' partition)",
				session(tenantItems(TABLE_ACTIONS, lk("${aws:PrincipalTag/tenantId, 'none'}"))),
				getItem("none"), "TenantItems").tenantTag(null));
		cases.add(denied("T-14 ${aws:username} is absent for role sessions",
				session(tenantItems(TABLE_ACTIONS, lk("${aws:username}"))), getItem("t1-session"),
				implicitDeny(g, TABLE, "session")));
		cases.add(allowed("T-15 ${aws:userid} is role-id:session-name",
				session(tenantItems(TABLE_ACTIONS, lk("${aws:userid}"))),
				getItem("AROAEXAMPLE:t1"), "TenantItems")
			.session((b) -> b.principalArn("arn:aws:sts::123456789012:assumed-role/TenantRole/t1")
				.contextKey("aws:userid", "AROAEXAMPLE:t1")));
		cases.add(denied("T-16 web-identity variable is absent after plain AssumeRole",
				session(tenantItems(TABLE_ACTIONS, lk("${cognito-identity.amazonaws.com:sub}"))),
				getItem("us-east-1:abc"), implicitDeny(g, TABLE, "session")));
		cases.add(denied("T-17 Version 2008-10-17: ${...} is literal, so t1 is denied (the iam-simulate library diverges)",
				json("{`Version`:`2008-10-17`,`Statement`:[" + TENANT_ITEMS + "]}"), getItem("t1"),
				implicitDeny(g, TABLE, "session")));
		cases.add(allowed("T-18 Attributes allow-list with projection TopScore and Select SPECIFIC_ATTRIBUTES",
				ATTRIBUTES_EXAMPLE_3, getItem("t1", "TopScore"), "LimitAccessToSpecificAttributes"));
		cases.add(denied("T-19 GetItem without projection has Select ALL_ATTRIBUTES and is denied (TH-12)",
				ATTRIBUTES_EXAMPLE_3, getItem("t1"), implicitDeny(g, TABLE, "session")));
		cases.add(denied("T-20 projection of a hidden attribute (Wins) is denied (TH-12)", ATTRIBUTES_EXAMPLE_3,
				getItem("t1", "TopScore", "Wins"), implicitDeny(g, TABLE, "session")));
		cases.add(denied("T-21 Query whose FilterExpression reads Wins is denied (TH-12)", ATTRIBUTES_EXAMPLE_3,
				query(TABLE, "t1", "TopScore").attributes("UserId", "TopScore", "Wins"),
				implicitDeny("dynamodb:Query", TABLE, "session")));
		cases.add(denied("T-22 UpdateItem with ReturnValues ALL_NEW is denied (TH-12)", ATTRIBUTES_EXAMPLE_3,
				updateItem("t1", "ALL_NEW", "TopScore"), implicitDeny("dynamodb:UpdateItem", TABLE, "session")));
		cases.add(allowed("T-22 UpdateItem with ReturnValues NONE is allowed", ATTRIBUTES_EXAMPLE_3,
				updateItem("t1", "NONE", "TopScore"), "LimitAccessToSpecificAttributes"));
		cases.add(denied("T-23 Attributes allow-list without the key attribute denies the UpdateItem",
				session(tenantItems(array("dynamodb:UpdateItem"),
						"`ForAllValues:StringEquals`:{`dynamodb:Attributes`:[`TopScore`]}")),
				updateItem("t1", "NONE", "TopScore"), implicitDeny("dynamodb:UpdateItem", TABLE, "session")));
		cases.add(denied("T-24 ForAllValues:StringNotLike denies SET BossLevelUnlocked (TH-12)", UPDATES_EXAMPLE_4,
				updateItem("t1", "NONE", "BossLevelUnlocked"),
				implicitDeny("dynamodb:UpdateItem", TABLE, "session")));
		cases.add(allowed("T-24 ForAllValues:StringNotLike allows SET Wins", UPDATES_EXAMPLE_4,
				updateItem("t1", "NONE", "Wins"), "PreventUpdatesOnCertainAttributes"));
		cases.add(explicit("T-25 deny-list: projection Name, SSN is explicitly denied (TH-12)", DENY_EXAMPLE_7,
				getItem("t1", "Name", "SSN"), explicitDeny(g, TABLE, "a session"), "DenySensitiveAttributes"));
		cases.add(explicit("T-25 deny-list: GetItem without projection is explicitly denied (TH-12)", DENY_EXAMPLE_7,
				getItem("t1"), explicitDeny(g, TABLE, "a session"), "DenyUnlessSpecificAttributes"));
		cases.add(allowed("T-25 deny-list: projection Name is allowed", DENY_EXAMPLE_7, getItem("t1", "Name"),
				"AllowReads"));
		cases.add(denied("T-26 ForAllValues: request attribute UserName is outside [PostDateTime, Message, Tags]",
				policy("{`Sid`:`ThreadAttributes`,`Effect`:`Allow`,`Action`:`dynamodb:GetItem`,`Resource`:`" + THREAD
						+ "`,`Condition`:{`ForAllValues:StringEquals`:{`dynamodb:Attributes`:"
						+ "[`PostDateTime`,`Message`,`Tags`]}}}"),
				new IamTestRequests.Req(g, THREAD, "GetItem").attributes("PostDateTime", "UserName")
					.select("SPECIFIC_ATTRIBUTES"),
				implicitDeny(g, THREAD, "session")));
		String denyKeyAttributes = policy("{`Sid`:`AllowAll`,`Effect`:`Allow`,`Action`:`dynamodb:*`,`Resource`:`*`}",
				"{`Sid`:`DenyKeyAttributes`,`Effect`:`Deny`,`Action`:`dynamodb:PutItem`,`Resource`:`" + THREAD
						+ "`,`Condition`:{`ForAnyValue:StringEquals`:{`dynamodb:Attributes`:[`ID`,`PostDateTime`]}}}");
		cases.add(explicit("T-27 ForAnyValue deny: PutItem writing PostDateTime is explicitly denied",
				denyKeyAttributes,
				new IamTestRequests.Req("dynamodb:PutItem", THREAD, "PutItem")
					.attributes("UserName", "Message", "PostDateTime").returnValues("NONE"),
				explicitDeny("dynamodb:PutItem", THREAD, "a session"), "DenyKeyAttributes"));
		cases.add(allowed("T-27 ForAnyValue deny: PutItem with UserName only is left to the Allow", denyKeyAttributes,
				new IamTestRequests.Req("dynamodb:PutItem", THREAD, "PutItem").attributes("UserName")
					.returnValues("NONE"),
				"AllowAll"));
		cases.add(denied("T-28 Query on an index needs the index ARN: table ARN alone is denied (TH-3)",
				session(tenantItems(array("dynamodb:Query"), lk(TAG))), query(index("GSI1"), "t1"),
				implicitDeny("dynamodb:Query", index("GSI1"), "session")));
		cases.add(allowed("T-28 Query on an index is allowed with Resource table/GameScores/index/*",
				policy("{`Sid`:`TenantItems`,`Effect`:`Allow`,`Action`:`dynamodb:Query`,`Resource`:`" + TABLE
						+ "/index/*`,`Condition`:{" + lk(TAG) + "}}"),
				query(index("GSI1"), "t1"), "TenantItems"));
		cases.add(allowed("T-29 table/GameScores* also matches table/GameScoresArchive",
				policy("{`Sid`:`Wildcard`,`Effect`:`Allow`,`Action`:`dynamodb:GetItem`,`Resource`:`" + TABLE + "*`}"),
				getItemOn(table("GameScoresArchive"), "t1"), "Wildcard"));
		String onlyTransactional = policy("{`Sid`:`OnlyTransactions`,`Effect`:`Allow`,`Action`:"
				+ TRANSACTION_ACTIONS + ",`Resource`:`" + TABLE + "`,`Condition`:{" + TRANSACTIONAL + "}}");
		cases.add(allowed("T-30 transactions only: Put inside TransactWriteItems is allowed", onlyTransactional,
				putItem("t1", "TopScore").enclosing("TransactWriteItems"), "OnlyTransactions"));
		cases.add(denied("T-30 transactions only: plain PutItem (no EnclosingOperation) is denied",
				onlyTransactional, putItem("t1", "TopScore"), implicitDeny("dynamodb:PutItem", TABLE, "session")));
		String noTransactions = policy("{`Sid`:`AllowItems`,`Effect`:`Allow`,`Action`:" + TRANSACTION_ACTIONS
				+ ",`Resource`:`" + TABLE + "`}",
				"{`Sid`:`DenyTransactions`,`Effect`:`Deny`,`Action`:" + TRANSACTION_ACTIONS + ",`Resource`:`"
						+ TABLE + "`,`Condition`:{" + TRANSACTIONAL + "}}");
		cases.add(explicit("T-31 no transactions: Get inside TransactGetItems is explicitly denied", noTransactions,
				getItem("t1").enclosing("TransactGetItems"), explicitDeny(g, TABLE, "a session"),
				"DenyTransactions"));
		cases.add(allowed("T-31 no transactions: plain GetItem is allowed", noTransactions, getItem("t1"),
				"AllowItems"));
		cases.add(deniedCall("T-32 TransactWriteItems with Put t1 and Update t2 is denied as a whole (TH-2)",
				session(tenantItems(array("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"),
						lk(TAG))),
				List.of(putItem("t1", "TopScore").enclosing("TransactWriteItems"),
						updateItem("t2", "NONE", "TopScore").enclosing("TransactWriteItems")),
				implicitDeny("dynamodb:UpdateItem", TABLE, "session")));
		String partiQl = policy("{`Sid`:`AllowSelect`,`Effect`:`Allow`,`Action`:`dynamodb:PartiQLSelect`,`Resource`:`"
				+ TABLE + "`}",
				"{`Sid`:`DenyFullTableScan`,`Effect`:`Deny`,`Action`:`dynamodb:PartiQLSelect`,`Resource`:`" + TABLE
						+ "`,`Condition`:{`Bool`:{`dynamodb:FullTableScan`:[`true`]}}}");
		cases.add(explicit("T-33 PartiQL SELECT without partition-key predicate is explicitly denied (TH-4)", partiQl,
				partiQlSelect(true), explicitDeny("dynamodb:PartiQLSelect", TABLE, "a session"), "DenyFullTableScan"));
		cases.add(allowed("T-33 PartiQL SELECT WHERE UserId = 't1' is allowed", partiQl,
				partiQlSelect(false).leadingKeys("t1"), "AllowSelect"));
		cases.add(allowed("T-34 PartiQL full scan has no LeadingKeys: LK(t1) alone is vacuously true (TH-4 trap)",
				policy("{`Sid`:`TenantSelect`,`Effect`:`Allow`,`Action`:`dynamodb:PartiQLSelect`,`Resource`:`" + TABLE
						+ "`,`Condition`:{" + lk("t1") + "}}"),
				partiQlSelect(true), "TenantSelect"));
		cases.add(denied("T-35 PartiQL only inside ExecuteTransaction: a standalone ExecuteStatement is denied",
				policy("{`Sid`:`OnlyExecuteTransaction`,`Effect`:`Allow`,`Action`:" + array("dynamodb:PartiQLInsert",
						"dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete", "dynamodb:PartiQLSelect")
						+ ",`Resource`:`" + TABLE + "`,`Condition`:{`StringEquals`:"
						+ "{`dynamodb:EnclosingOperation`:`ExecuteTransaction`}}}"),
				new IamTestRequests.Req("dynamodb:PartiQLInsert", TABLE, "ExecuteStatement").leadingKeys("t1")
					.attributes("UserId", "TopScore"),
				implicitDeny("dynamodb:PartiQLInsert", TABLE, "session")));
		cases.add(denied("T-36 StringEquals is case-sensitive: LK(T1) denies t1",
				session(tenantItems(TABLE_ACTIONS, lk("T1"))), getItem("t1"), implicitDeny(g, TABLE, "session")));
		cases.add(allowed("T-36 StringEqualsIgnoreCase: LK(T1) allows t1, a different DynamoDB partition",
				session(tenantItems(TABLE_ACTIONS,
						"`ForAllValues:StringEqualsIgnoreCase`:{`dynamodb:LeadingKeys`:[`T1`]}")),
				getItem("t1"), "TenantItems"));
		cases.add(allowed("T-37 key names are case-insensitive: DynamoDB:leadingkeys and ${aws:principaltag/TENANTID}",
				session(tenantItems(TABLE_ACTIONS,
						"`ForAllValues:StringEquals`:{`DynamoDB:leadingkeys`:[`${aws:principaltag/TENANTID}`]}")),
				getItem("t1"), "TenantItems"));
		cases.add(denied("T-38 conditions are AND-ed: LK(TAG) holds but aws:SecureTransport is false",
				session(tenantItems(TABLE_ACTIONS, lk(TAG) + ",`Bool`:{`aws:SecureTransport`:`true`}")),
				getItem("t1"), implicitDeny(g, TABLE, "session")).session((b) -> b.secureTransport(false)));
		cases.add(denied("T-39 keys are AND-ed: LeadingKeys holds but attribute b is not allowed",
				session(tenantItems(TABLE_ACTIONS,
						lk(TAG) + ",`ForAllValues:StringEquals`:{`dynamodb:Attributes`:[`pk`,`a`]}")),
				new IamTestRequests.Req(g, TABLE, "GetItem").leadingKeys("t1").attributes("pk", "b")
					.select("SPECIFIC_ATTRIBUTES"),
				implicitDeny(g, TABLE, "session")));
		String notTransactional = policy("{`Sid`:`NotInTransactions`,`Effect`:`Allow`,`Action`:`dynamodb:PutItem`,"
				+ "`Resource`:`" + TABLE + "`,`Condition`:{`StringNotEquals`:{`dynamodb:EnclosingOperation`:"
				+ "[`TransactWriteItems`,`ExecuteTransaction`]}}}");
		cases.add(denied("T-40 StringNotEquals with two values is NOR: EnclosingOperation TransactWriteItems is denied",
				notTransactional, putItem("t1", "TopScore").enclosing("TransactWriteItems"),
				implicitDeny("dynamodb:PutItem", TABLE, "session")));
		cases.add(allowed("T-40 StringNotEquals on a missing key is true: plain PutItem is allowed", notTransactional,
				putItem("t1", "TopScore"), "NotInTransactions"));
		cases.add(allowed("T-41 LK([t1, t2]): BatchGetItem [t1, t2] is allowed, each key covered",
				session(tenantItems(TABLE_ACTIONS, lk("t1", "t2"))), batchGetItem(TABLE, "t1", "t2"), "TenantItems"));
		cases.add(deniedCall("T-42 BatchWriteItem to tables A and B with only A allowed is denied as a whole (TH-2)",
				policy("{`Sid`:`TableA`,`Effect`:`Allow`,`Action`:`dynamodb:BatchWriteItem`,`Resource`:`" + table("A")
						+ "`,`Condition`:{" + lk(TAG) + "}}"),
				List.of(batchWriteItem(table("A"), "t1"), batchWriteItem(table("B"), "t1")),
				implicitDeny("dynamodb:BatchWriteItem", table("B"), "session")));
		cases.add(denied("T-43 (adapted: no resource-based policies here) a session policy that allows nothing on "
				+ "the table denies GetItem",
				policy("{`Sid`:`OtherTable`,`Effect`:`Allow`,`Action`:`dynamodb:GetItem`,`Resource`:`" + table("Other")
						+ "`}"),
				getItem("t1"), implicitDeny(g, TABLE, "session")));
		return cases.stream();
	}

	private static IamTestRequests.Req getItemOn(String resource, String pk) {
		return new IamTestRequests.Req("dynamodb:GetItem", resource, "GetItem").leadingKeys(pk)
			.attributes("UserId")
			.select("ALL_ATTRIBUTES");
	}

	/** ExecuteStatement SELECT (§2: FullTableScan present; Select ALL_ATTRIBUTES for SELECT *). */
	private static IamTestRequests.Req partiQlSelect(boolean fullTableScan) {
		return new IamTestRequests.Req("dynamodb:PartiQLSelect", TABLE, "ExecuteStatement")
			.fullTableScan(fullTableScan)
			.select("ALL_ATTRIBUTES");
	}

	private static String tenantItems(String actions, String condition) {
		return "{`Sid`:`TenantItems`,`Effect`:`Allow`,`Action`:" + actions + ",`Resource`:`" + TABLE
				+ "`,`Condition`:{" + condition + "}}";
	}

	private static String session(String... statements) {
		return policy(statements);
	}

	private static Case allowed(String name, String sessionPolicy, IamTestRequests.Req request, String sid) {
		return new Case(name, IDENTITY_ALLOW_DYNAMODB, sessionPolicy, "t1", UnaryOperator.identity(), List.of(request),
				false, Outcome.ALLOWED, PolicyType.SESSION, null, sid);
	}

	private static Case denied(String name, String sessionPolicy, IamTestRequests.Req request, String message) {
		return new Case(name, IDENTITY_ALLOW_DYNAMODB, sessionPolicy, "t1", UnaryOperator.identity(), List.of(request),
				false, Outcome.IMPLICIT_DENY, PolicyType.SESSION, message, null);
	}

	private static Case deniedCall(String name, String sessionPolicy, List<IamTestRequests.Req> requests,
			String message) {
		return new Case(name, IDENTITY_ALLOW_DYNAMODB, sessionPolicy, "t1", UnaryOperator.identity(), requests, true,
				Outcome.IMPLICIT_DENY, PolicyType.SESSION, message, null);
	}

	private static Case explicit(String name, String sessionPolicy, IamTestRequests.Req request, String message,
			String sid) {
		return new Case(name, IDENTITY_ALLOW_DYNAMODB, sessionPolicy, "t1", UnaryOperator.identity(), List.of(request),
				false, Outcome.EXPLICIT_DENY, PolicyType.SESSION, message, sid);
	}

	/**
	 * One row of docs/IAM.md §4.
	 * @param tenantTag the value of the session tag tenantId, {@literal null} for none
	 * @param session further settings of the principal
	 * @param wholeCall whether the requests are the authorizations of one API call (evaluateAll)
	 * @param message the exact expected message for a denial, {@literal null} for an allowed request
	 * @param sid the Sid of the expected deciding statement, {@literal null} for an implicit deny
	 */
	record Case(String name, String identityPolicy, @Nullable String sessionPolicy, @Nullable String tenantTag,
			UnaryOperator<PrincipalSession.Builder> session, List<IamTestRequests.Req> requests, boolean wholeCall,
			Outcome outcome, PolicyType deciding, @Nullable String message, @Nullable String sid) {

		Case tenantTag(@Nullable String tag) {
			return new Case(this.name, this.identityPolicy, this.sessionPolicy, tag, this.session, this.requests,
					this.wholeCall, this.outcome, this.deciding, this.message, this.sid);
		}

		Case session(UnaryOperator<PrincipalSession.Builder> customizer) {
			return new Case(this.name, this.identityPolicy, this.sessionPolicy, this.tenantTag, customizer,
					this.requests, this.wholeCall, this.outcome, this.deciding, this.message, this.sid);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
