package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.tenancy.iam.evaluation.AuthorizationRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.tenancy.iam.request.DeclaredTables.IndexInfo;
import dev.tenancy.iam.request.DeclaredTables.TableInfo;

import static dev.tenancy.iam.request.RequestContextParts.putIfNotNull;
import static dev.tenancy.iam.request.RequestJson.optionalText;
import static dev.tenancy.iam.request.RequestJson.requireNonEmptyArray;
import static dev.tenancy.iam.request.RequestJson.requireText;

/**
 * The request context of PartiQL requests ({@code ExecuteStatement}, {@code BatchExecuteStatement},
 * {@code ExecuteTransaction}): each statement parsed by {@link PartiQlStatement} against the declared tables and
 * turned into the action, resource and condition keys IAM evaluates, for {@link DynamoDbRequestContextExtractor}.
 *
 * @author tenancy
 * @since 0.2
 */
final class PartiQlRequests {

	private final DeclaredTables tables;

	PartiQlRequests(DeclaredTables tables) {
		this.tables = tables;
	}

	List<AuthorizationRequest> statements(JsonNode request, String field, String operation,
			@Nullable String enclosingOperation) {
		JsonNode statements = requireNonEmptyArray(request, field, operation);
		List<AuthorizationRequest> result = new ArrayList<>(statements.size());
		int position = 0;
		for (JsonNode statement : statements) {
			String where = operation + " statement " + (++position);
			if (!statement.isObject()) {
				throw new IllegalArgumentException(String.format("The %s is not a JSON object.", where));
			}
			result.add(statement(statement, operation, where, enclosingOperation,
					optionalText(statement, "ReturnValuesOnConditionCheckFailure", where)));
		}
		return Collections.unmodifiableList(result);
	}

	AuthorizationRequest statement(JsonNode request, String operation, String where,
			@Nullable String enclosingOperation, @Nullable String returnValuesOnConditionCheckFailure) {
		String text = requireText(request, "Statement", where);
		JsonNode parameters = request.get("Parameters");
		if (parameters != null && !parameters.isArray()) {
			throw new IllegalArgumentException(String.format("The %s Parameters is not a JSON array.", where));
		}
		PartiQlStatement statement = PartiQlStatement.parse(text, parameters, returnValuesOnConditionCheckFailure,
				(tableName, indexName) -> {
					TableInfo table = this.tables.declared(tableName);
					if (table == null) {
						return null;
					}
					if (indexName == null) {
						return table.partitionKey();
					}
					IndexInfo index = table.indexes().get(indexName);
					return (index != null) ? index.partitionKey() : null;
				});
		TableInfo table = this.tables.table(statement.table);
		String resource = (statement.index != null) ? table.index(statement.index).arn() : table.arn();
		Map<String, List<String>> context = new HashMap<>(8);
		if (statement.leadingKeys != null) {
			context.put(AuthorizationRequest.LEADING_KEYS, statement.leadingKeys);
		}
		putIfNotNull(context, AuthorizationRequest.SELECT, statement.select);
		putIfNotNull(context, AuthorizationRequest.RETURN_VALUES, statement.returnValues);
		putIfNotNull(context, AuthorizationRequest.FULL_TABLE_SCAN, statement.fullTableScan);
		putIfNotNull(context, AuthorizationRequest.ENCLOSING_OPERATION, enclosingOperation);
		return new AuthorizationRequest(statement.action, resource, context, operation);
	}

}
