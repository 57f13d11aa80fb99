package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static dev.tenancy.iam.request.RequestJson.optionalText;

/**
 * The operations of the DynamoDB API ({@code X-Amz-Target: DynamoDB_20120810.<operation>}) and, for those that do
 * not read or write items, the resources IAM authorizes them on, as the Service Authorization Reference lists them:
 * the table, index, stream, backup, export or import ARN the request names, the global table and its Regional tables,
 * or {@code *} for operations without resource-level permissions.
 * <p>
 * Operation names are exact and case-sensitive, like DynamoDB's own: {@code getitem} is not {@code GetItem}. Where
 * AWS does not say whether an optional resource is checked as well as {@code *} (a table filter of
 * {@code ListExports}), or whether both of two resources are (a table and its index for contributor insights, the
 * source and target of a restore), every one of them is authorized, so a Deny on any of them applies. A request whose
 * resource cannot be determined (a missing parameter, an ARN that is not a well-formed DynamoDB ARN of the expected
 * kind) is refused with an {@link IllegalArgumentException}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class DynamoDbOperations {

	/** The operations that read or write items; {@link DynamoDbRequestContextExtractor} analyses their bodies. */
	private static final Set<String> ITEM_OPERATIONS = Set.of("GetItem", "PutItem", "UpdateItem", "DeleteItem",
			"Query", "Scan", "BatchGetItem", "BatchWriteItem", "TransactGetItems", "TransactWriteItems",
			"ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction");

	private static final Map<String, Resources> OTHER_OPERATIONS = otherOperations();

	private static final Set<String> NAMES = names(ITEM_OPERATIONS, OTHER_OPERATIONS);

	private static final String TABLE_NAME = "TableName";

	private static final String RESOURCE_ARN = "ResourceArn";

	private static final String REGION_NAME = "RegionName";

	private DynamoDbOperations() {
	}

	/**
	 * How to find the resources of an operation that does not read or write items.
	 */
	private enum Resources {

		/** No resource-level permissions: {@code *}. */
		NONE,

		/** {@code *}, and the table of an optional {@code TableArn} filter. */
		NONE_AND_OPTIONAL_TABLE_ARN,

		/** The table of {@code TableName} (a name or an ARN). */
		TABLE_NAME,

		/** The table of {@code TableName}, and the index of an optional {@code IndexName}. */
		TABLE_NAME_AND_OPTIONAL_INDEX,

		/** The table of {@code TableArn}. */
		TABLE_ARN,

		/** The table, index or stream of {@code ResourceArn}. */
		RESOURCE_ARN,

		/** The backup of {@code BackupArn}. */
		BACKUP_ARN,

		/** The export of {@code ExportArn}. */
		EXPORT_ARN,

		/** The import of {@code ImportArn}. */
		IMPORT_ARN,

		/** The table of {@code TableCreationParameters.TableName}. */
		IMPORT_TABLE,

		/** The backup of {@code BackupArn} and the table of {@code TargetTableName}. */
		RESTORE_FROM_BACKUP,

		/** The table of {@code SourceTableArn} or {@code SourceTableName}, and the table of {@code TargetTableName}. */
		RESTORE_TO_POINT_IN_TIME,

		/** The global table of {@code GlobalTableName}. */
		GLOBAL_TABLE,

		/** The global table of {@code GlobalTableName}, and its table here and in every Region the request names. */
		GLOBAL_TABLE_AND_REPLICAS

	}

	private static Map<String, Resources> otherOperations() {
		Map<String, Resources> operations = new LinkedHashMap<>();
		for (String name : List.of("ListTables", "ListBackups", "ListContributorInsights", "ListGlobalTables",
				"DescribeLimits", "DescribeEndpoints")) {
			operations.put(name, Resources.NONE);
		}
		operations.put("ListExports", Resources.NONE_AND_OPTIONAL_TABLE_ARN);
		operations.put("ListImports", Resources.NONE_AND_OPTIONAL_TABLE_ARN);
		for (String name : List.of("CreateTable", "DeleteTable", "DescribeTable", "UpdateTable", "CreateBackup",
				"DescribeContinuousBackups", "UpdateContinuousBackups", "DescribeTimeToLive", "UpdateTimeToLive",
				"DescribeKinesisStreamingDestination", "EnableKinesisStreamingDestination",
				"DisableKinesisStreamingDestination", "UpdateKinesisStreamingDestination",
				"DescribeTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling")) {
			operations.put(name, Resources.TABLE_NAME);
		}
		operations.put("DescribeContributorInsights", Resources.TABLE_NAME_AND_OPTIONAL_INDEX);
		operations.put("UpdateContributorInsights", Resources.TABLE_NAME_AND_OPTIONAL_INDEX);
		operations.put("ExportTableToPointInTime", Resources.TABLE_ARN);
		for (String name : List.of("TagResource", "UntagResource", "ListTagsOfResource", "GetResourcePolicy",
				"PutResourcePolicy", "DeleteResourcePolicy")) {
			operations.put(name, Resources.RESOURCE_ARN);
		}
		operations.put("DescribeBackup", Resources.BACKUP_ARN);
		operations.put("DeleteBackup", Resources.BACKUP_ARN);
		operations.put("DescribeExport", Resources.EXPORT_ARN);
		operations.put("DescribeImport", Resources.IMPORT_ARN);
		operations.put("ImportTable", Resources.IMPORT_TABLE);
		operations.put("RestoreTableFromBackup", Resources.RESTORE_FROM_BACKUP);
		operations.put("RestoreTableToPointInTime", Resources.RESTORE_TO_POINT_IN_TIME);
		operations.put("DescribeGlobalTable", Resources.GLOBAL_TABLE);
		operations.put("DescribeGlobalTableSettings", Resources.GLOBAL_TABLE);
		operations.put("CreateGlobalTable", Resources.GLOBAL_TABLE_AND_REPLICAS);
		operations.put("UpdateGlobalTable", Resources.GLOBAL_TABLE_AND_REPLICAS);
		operations.put("UpdateGlobalTableSettings", Resources.GLOBAL_TABLE_AND_REPLICAS);
		return Map.copyOf(operations);
	}

	private static Set<String> names(Set<String> items, Map<String, Resources> others) {
		List<String> all = new ArrayList<>(items);
		all.addAll(others.keySet());
		return Set.copyOf(all);
	}

	/**
	 * @return the names of all DynamoDB API operations, exactly as {@code X-Amz-Target} spells them
	 */
	public static Set<String> names() {
		return NAMES;
	}

	/**
	 * @param operation a candidate operation name
	 * @return whether it is exactly the name of a DynamoDB API operation (case-sensitive)
	 */
	public static boolean isKnown(@Nullable String operation) {
		return operation != null && NAMES.contains(operation);
	}

	/**
	 * @throws IllegalArgumentException if the operation is not exactly a DynamoDB API operation name
	 */
	static void requireKnown(@Nullable String operation) {
		if (!isKnown(operation)) {
			throw new IllegalArgumentException(String.format("'%s' is not a DynamoDB API operation; operation names "
					+ "are case-sensitive, for example 'GetItem', so the request is refused.",
					Printable.of(operation)));
		}
	}

	/**
	 * The resources IAM authorizes an operation that does not read or write items on.
	 * @param operation a known operation that is not an item operation
	 * @param request the request body
	 * @param arns the partition, Region and account of names given without an ARN
	 * @return the resource ARNs (or {@code *}), at least one
	 * @throws IllegalArgumentException if a resource cannot be determined
	 */
	static List<String> resources(String operation, JsonNode request, ResourceArns arns) {
		Resources kind = OTHER_OPERATIONS.get(operation);
		if (kind == null) {
			throw new IllegalStateException("Not an operation without items: " + operation);
		}
		return switch (kind) {
			case NONE -> List.of("*");
			case NONE_AND_OPTIONAL_TABLE_ARN -> {
				String table = optionalText(request, "TableArn", operation);
				yield (table != null) ? List.of("*", DynamoDbArn.parse(table, "TableArn", DynamoDbArn.TABLE).arn())
						: List.of("*");
			}
			case TABLE_NAME -> List.of(DynamoDbArn.table(requireText(request, TABLE_NAME, operation), arns).arn());
			case TABLE_NAME_AND_OPTIONAL_INDEX -> {
				DynamoDbArn table = DynamoDbArn.table(requireText(request, TABLE_NAME, operation), arns);
				String index = optionalText(request, "IndexName", operation);
				if (index == null) {
					yield List.of(table.arn());
				}
				ResourceArns.requireValidName(index, "index");
				yield List.of(table.arn(), table.arn() + "/index/" + index);
			}
			case TABLE_ARN -> List.of(arn(request, "TableArn", operation, DynamoDbArn.TABLE));
			case RESOURCE_ARN -> List.of(arn(request, RESOURCE_ARN, operation, DynamoDbArn.TABLE,
					DynamoDbArn.INDEX, DynamoDbArn.STREAM));
			case BACKUP_ARN -> List.of(arn(request, "BackupArn", operation, DynamoDbArn.BACKUP));
			case EXPORT_ARN -> List.of(arn(request, "ExportArn", operation, DynamoDbArn.EXPORT));
			case IMPORT_ARN -> List.of(arn(request, "ImportArn", operation, DynamoDbArn.IMPORT));
			case IMPORT_TABLE -> {
				JsonNode parameters = request.get("TableCreationParameters");
				if (parameters == null || !parameters.isObject()) {
					throw new IllegalArgumentException(
							String.format("The %s has no 'TableCreationParameters' object.", operation));
				}
				yield List.of(DynamoDbArn
					.table(requireText(parameters, TABLE_NAME, operation + " TableCreationParameters"), arns)
					.arn());
			}
			case RESTORE_FROM_BACKUP -> List.of(arn(request, "BackupArn", operation, DynamoDbArn.BACKUP),
					DynamoDbArn.table(requireText(request, "TargetTableName", operation), arns).arn());
			case RESTORE_TO_POINT_IN_TIME -> List.of(restoreSource(request, operation, arns),
					DynamoDbArn.table(requireText(request, "TargetTableName", operation), arns).arn());
			case GLOBAL_TABLE -> List.of(globalTable(request, operation, arns));
			case GLOBAL_TABLE_AND_REPLICAS -> globalTableAndReplicas(request, operation, arns);
		};
	}

	/**
	 * Condition keys of a tagging request: {@code aws:TagKeys} and {@code aws:RequestTag/<key>} from the
	 * {@code Tags} of {@code TagResource}/{@code CreateTable} and the {@code TagKeys} of {@code UntagResource}.
	 * @return the context, empty if the request carries no tags
	 */
	static Map<String, List<String>> tagContext(String operation, JsonNode request) {
		Map<String, List<String>> context = new LinkedHashMap<>();
		List<String> keys = new ArrayList<>();
		JsonNode tags = request.get("Tags");
		if (tags != null && !tags.isNull() && ("TagResource".equals(operation) || "CreateTable".equals(operation))) {
			if (!tags.isArray()) {
				throw new IllegalArgumentException(String.format("The 'Tags' of the %s is not a JSON array.",
						operation));
			}
			for (JsonNode tag : tags) {
				String key = requireText(tag, "Key", operation + " tag");
				String value = requireText(tag, "Value", operation + " tag");
				keys.add(key);
				context.put("aws:RequestTag/" + key, List.of(value));
			}
			context.put("aws:TagKeys", keys);
		}
		JsonNode tagKeys = request.get("TagKeys");
		if (tagKeys != null && !tagKeys.isNull() && "UntagResource".equals(operation)) {
			if (!tagKeys.isArray()) {
				throw new IllegalArgumentException("The 'TagKeys' of the UntagResource is not a JSON array.");
			}
			for (JsonNode key : tagKeys) {
				if (!key.isString()) {
					throw new IllegalArgumentException("The 'TagKeys' of the UntagResource contains a non-string.");
				}
				keys.add(key.stringValue());
			}
			context.put("aws:TagKeys", keys);
		}
		return context;
	}

	private static String arn(JsonNode request, String field, String operation, String... kinds) {
		return DynamoDbArn.parse(requireText(request, field, operation), field, kinds).arn();
	}

	private static String restoreSource(JsonNode request, String operation, ResourceArns arns) {
		String arn = optionalText(request, "SourceTableArn", operation);
		String name = optionalText(request, "SourceTableName", operation);
		if ((arn == null) == (name == null)) {
			throw new IllegalArgumentException(String.format("The %s has %s 'SourceTableArn' %s 'SourceTableName'; "
					+ "give exactly one.", operation, (arn == null) ? "neither" : "both", (arn == null) ? "nor" : "and"));
		}
		return (arn != null) ? DynamoDbArn.parse(arn, "SourceTableArn", DynamoDbArn.TABLE).arn()
				: DynamoDbArn.table(name, arns).arn();
	}

	private static String globalTable(JsonNode request, String operation, ResourceArns arns) {
		String name = requireText(request, "GlobalTableName", operation);
		ResourceArns.requireValidName(name, "global table");
		return "arn:" + arns.partition() + ":dynamodb::" + arns.accountId() + ":global-table/" + name;
	}

	private static List<String> globalTableAndReplicas(JsonNode request, String operation, ResourceArns arns) {
		String name = requireText(request, "GlobalTableName", operation);
		List<String> resources = new ArrayList<>();
		resources.add(globalTable(request, operation, arns));
		resources.add(arns.table(name));
		List<String> regions = new ArrayList<>();
		for (String field : List.of("ReplicationGroup", "ReplicaUpdates", "ReplicaSettingsUpdate")) {
			JsonNode list = request.get(field);
			if (list == null || list.isNull()) {
				continue;
			}
			if (!list.isArray()) {
				throw new IllegalArgumentException(String.format("The '%s' of the %s is not a JSON array.", field,
						operation));
			}
			for (JsonNode element : list) {
				JsonNode replica = element;
				if ("ReplicaUpdates".equals(field) && element.isObject() && element.size() == 1) {
					replica = element.properties().iterator().next().getValue();
				}
				regions.add(requireText(replica, REGION_NAME, operation + " " + field));
			}
		}
		for (String region : regions) {
			String table = ResourceArns.of(arns.partition(), region, arns.accountId()).table(name);
			if (!resources.contains(table)) {
				resources.add(table);
			}
		}
		return List.copyOf(resources);
	}

	private static String requireText(JsonNode request, String field, String where) {
		if (!request.isObject()) {
			throw new IllegalArgumentException(String.format("The %s is not a JSON object.", where));
		}
		String text = optionalText(request, field, where);
		if (text == null) {
			throw new IllegalArgumentException(String.format("The %s has no '%s'.", where, field));
		}
		return text;
	}

}
