package dev.tenancy.iam.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Hand-built request contexts following docs/IAM.md §2 (the extractor that derives them from real DynamoDB requests lives
 * elsewhere), and JSON helpers for policies written with backticks instead of double quotes.
 */
public final class IamTestRequests {

	static final String ACCOUNT = "123456789012";

	static final String TABLE = "arn:aws:dynamodb:us-west-2:123456789012:table/GameScores";

	static final String PRINCIPAL = "arn:aws:sts::123456789012:assumed-role/TenantRole/t1-session";

	static final String TAG = "${aws:PrincipalTag/tenantId}";

	private IamTestRequests() {
	}

	/** JSON with backticks for double quotes, so that policies stay readable in Java strings. */
	static String json(String backticked) {
		return backticked.replace('`', '"');
	}

	/** A 2012-10-17 policy document with the given statements (backticked JSON). */
	public static String policy(String... statements) {
		return json("{`Version`:`2012-10-17`,`Statement`:[" + String.join(",", statements) + "]}");
	}

	/** {@code "ForAllValues:StringEquals":{"dynamodb:LeadingKeys":[values]}} (backticked). */
	static String lk(String... values) {
		return "`ForAllValues:StringEquals`:{`dynamodb:LeadingKeys`:" + array(values) + "}";
	}

	static String array(String... values) {
		List<String> quoted = new ArrayList<>();
		for (String value : values) {
			quoted.add("`" + value + "`");
		}
		return "[" + String.join(",", quoted) + "]";
	}

	static String index(String name) {
		return TABLE + "/index/" + name;
	}

	static String table(String name) {
		return "arn:aws:dynamodb:us-west-2:123456789012:table/" + name;
	}

	static String implicitDeny(String action, String resource, String type) {
		return "User: " + PRINCIPAL + " is not authorized to perform: " + action + " on resource: " + resource
				+ " because no " + type + " policy allows the " + action + " action";
	}

	static String explicitDeny(String action, String resource, String typeWithArticle) {
		return "User: " + PRINCIPAL + " is not authorized to perform: " + action + " on resource: " + resource
				+ " with an explicit deny in " + typeWithArticle + " policy";
	}

	/** GetItem on GameScores, partition key UserId (§2: Select SPECIFIC_ATTRIBUTES with a projection). */
	static Req getItem(String pk, String... projection) {
		return new Req("dynamodb:GetItem", TABLE, "GetItem").leadingKeys(pk)
			.attributes("UserId", projection)
			.select((projection.length > 0) ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES");
	}

	/** PutItem (§2: ReturnValues defaults to NONE, INFERRED). */
	static Req putItem(String pk, String... attributes) {
		return new Req("dynamodb:PutItem", TABLE, "PutItem").leadingKeys(pk)
			.attributes("UserId", attributes)
			.returnValues("NONE");
	}

	/** UpdateItem SET attributes (§2: ReturnValues defaults to NONE). */
	static Req updateItem(String pk, String returnValues, String... set) {
		return new Req("dynamodb:UpdateItem", TABLE, "UpdateItem").leadingKeys(pk)
			.attributes("UserId", set)
			.returnValues(returnValues);
	}

	static Req batchGetItem(String resource, String... pks) {
		return new Req("dynamodb:BatchGetItem", resource, "BatchGetItem").leadingKeys(pks)
			.attributes("UserId")
			.select("ALL_ATTRIBUTES");
	}

	static Req batchWriteItem(String resource, String... pks) {
		return new Req("dynamodb:BatchWriteItem", resource, "BatchWriteItem").leadingKeys(pks).attributes("UserId");
	}

	/** Query on the partition key; an index query defaults Select to ALL_PROJECTED_ATTRIBUTES (§2). */
	static Req query(String resource, String pk, String... projection) {
		String select = (projection.length > 0) ? "SPECIFIC_ATTRIBUTES"
				: resource.contains("/index/") ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES";
		return new Req("dynamodb:Query", resource, "Query").leadingKeys(pk)
			.attributes("UserId", projection)
			.select(select);
	}

	/** Scan: no LeadingKeys (§2, R20). */
	static Req scan(String resource) {
		return new Req("dynamodb:Scan", resource, "Scan").select("ALL_ATTRIBUTES");
	}

	/** A mutable builder of one {@link AuthorizationRequest}. */
	static final class Req {

		private final String action;

		private final String resource;

		private String operation;

		private final Map<String, List<String>> context = new LinkedHashMap<>();

		Req(String action, String resource, String operation) {
			this.action = action;
			this.resource = resource;
			this.operation = operation;
		}

		Req leadingKeys(String... pks) {
			return key(AuthorizationRequest.LEADING_KEYS, new ArrayList<>(new LinkedHashSet<>(List.of(pks))));
		}

		Req attributes(String first, String... more) {
			LinkedHashSet<String> names = new LinkedHashSet<>();
			names.add(first);
			names.addAll(List.of(more));
			return key(AuthorizationRequest.ATTRIBUTES, new ArrayList<>(names));
		}

		Req select(String select) {
			return key(AuthorizationRequest.SELECT, List.of(select));
		}

		Req returnValues(String returnValues) {
			return key(AuthorizationRequest.RETURN_VALUES, List.of(returnValues));
		}

		/** Inside a transaction: sets EnclosingOperation and the API operation. */
		Req enclosing(String operation) {
			this.operation = operation;
			return key(AuthorizationRequest.ENCLOSING_OPERATION, List.of(operation));
		}

		Req fullTableScan(boolean fullTableScan) {
			return key(AuthorizationRequest.FULL_TABLE_SCAN, List.of(Boolean.toString(fullTableScan)));
		}

		Req key(String key, List<String> values) {
			this.context.put(key, values);
			return this;
		}

		Req without(String key) {
			this.context.remove(key);
			return this;
		}

		AuthorizationRequest build() {
			return new AuthorizationRequest(this.action, this.resource, this.context, this.operation);
		}

	}

}
