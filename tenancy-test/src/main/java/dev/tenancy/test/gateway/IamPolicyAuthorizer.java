package dev.tenancy.test.gateway;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.tenancy.iam.evaluation.AuthorizationRequest;
import dev.tenancy.iam.evaluation.Decision;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.sts.IssuedSession;
import dev.tenancy.test.sts.LocalSts;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@link GatewayAuthorizer} that plays IAM: it evaluates every request against the policies of the identity that
 * signed it, using the same {@link DynamoDbRequestContextExtractor} and {@link PolicyEvaluator} as the client-side
 * guard, and answers denials with AWS's message ({@code User: ... is not authorized to perform: ...}). A batch or
 * transaction is denied whole if any part is denied.
 * <ul>
 * <li>An assumed-role session: the role's identity (ceiling) policy ∩ the session policy it was created with.</li>
 * <li>A long-term base identity (the application's own credentials): its user's identity policies, as registered with
 * {@link LocalSts}. A user without a policy that allows the action is denied like on AWS ({@code ... because no
 * identity-based policy allows the dynamodb:GetItem action}), so DynamoDB requests signed with the application's own
 * identity fail unless its policy grants them.</li>
 * </ul>
 * Key schemas come from DynamoDB Local itself ({@code DescribeTable}, cached; refreshed when a table is created,
 * updated or deleted through the gateway).
 *
 * @author tenancy
 * @since 0.1
 */
public final class IamPolicyAuthorizer implements GatewayAuthorizer {

	private static final Log logger = LogFactory.getLog(IamPolicyAuthorizer.class);

	private static final Set<String> SCHEMA_CHANGES = Set.of("CreateTable", "UpdateTable", "DeleteTable");

	private static final ObjectMapper JSON = new ObjectMapper();

	private final LocalSts sts;

	private final DynamoDbClient dynamoDbLocal;

	private final ResourceArns arns;

	private final PolicyEvaluator evaluator = PolicyEvaluator.create();

	private final Map<String, TableDescription> tables = new ConcurrentHashMap<>();

	private final Map<Set<String>, DynamoDbRequestContextExtractor> extractors = new ConcurrentHashMap<>();

	private final Cache<String, PrincipalSession> principals = Caffeine.newBuilder().maximumSize(10_000).build();

	/**
	 * @param sts the local STS that issued the sessions and knows the roles and the base identities' policies
	 * @param dynamoDbLocal a client of DynamoDB Local itself (not through the gateway), for key schemas
	 * @param arns partition, region and account of the resource ARNs
	 */
	public IamPolicyAuthorizer(LocalSts sts, DynamoDbClient dynamoDbLocal, ResourceArns arns) {
		this.sts = sts;
		this.dynamoDbLocal = dynamoDbLocal;
		this.arns = arns;
	}

	@Override
	public @Nullable String authorize(IssuedSession session, String operation, byte[] body) {
		if (SCHEMA_CHANGES.contains(operation)) {
			this.tables.clear();
			this.extractors.clear();
		}
		PrincipalSession principal = session.assumedRole()
				? this.principals.get(session.accessKeyId(), (key) -> this.sts.principal(session))
				: this.sts.principal(session);
		List<AuthorizationRequest> requests;
		try {
			requests = extractor(referencedTables(body)).extract(operation, body);
		}
		catch (IllegalArgumentException ex) {
			return String.format("User: %s is not authorized to perform: dynamodb:%s on resource: * because the "
					+ "request could not be analysed (%s)", session.principalArn(), operation, ex.getMessage());
		}
		Decision decision = this.evaluator.evaluateAll(principal, requests);
		if (decision.allowed()) {
			return null;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("IAM gateway denied " + operation + ": " + decision.message());
		}
		return decision.message();
	}

	private DynamoDbRequestContextExtractor extractor(Set<String> tableNames) {
		DynamoDbRequestContextExtractor cached = this.extractors.get(tableNames);
		if (cached != null) {
			return cached;
		}
		DynamoDbRequestContextExtractor extractor = new DynamoDbRequestContextExtractor(this.arns,
				keySchema(tableNames));
		if (this.tables.keySet().containsAll(tableNames)) {
			// Only remember extractors whose tables all exist: a table created later gets its key schema then.
			this.extractors.put(Set.copyOf(tableNames), extractor);
		}
		return extractor;
	}

	private DynamoDbKeySchema keySchema(Set<String> tableNames) {
		DynamoDbKeySchema.Builder schema = DynamoDbKeySchema.builder();
		for (String name : tableNames) {
			TableDescription table = this.tables.computeIfAbsent(name, this::describe);
			if (table == null) {
				continue;
			}
			schema.table(name, hashKey(table.keySchema()), rangeKey(table.keySchema()));
			for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
				schema.index(name, index.indexName(), hashKey(index.keySchema()), rangeKey(index.keySchema()));
			}
			for (LocalSecondaryIndexDescription index : table.localSecondaryIndexes()) {
				schema.index(name, index.indexName(), hashKey(index.keySchema()), rangeKey(index.keySchema()));
			}
		}
		return schema.build();
	}

	private @Nullable TableDescription describe(String name) {
		try {
			return this.dynamoDbLocal.describeTable((r) -> r.tableName(name)).table();
		}
		catch (ResourceNotFoundException ex) {
			return null;
		}
	}

	private static String hashKey(List<KeySchemaElement> keys) {
		return keys.stream().filter((k) -> k.keyType() == KeyType.HASH).findFirst().orElseThrow().attributeName();
	}

	private static @Nullable String rangeKey(List<KeySchemaElement> keys) {
		return keys.stream()
			.filter((k) -> k.keyType() == KeyType.RANGE)
			.map(KeySchemaElement::attributeName)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The table names a request body refers to: {@code TableName}, the keys of {@code RequestItems}, and the
	 * {@code TableName} of each transaction element. Table ARNs are reduced to names.
	 */
	static Set<String> referencedTables(byte[] body) {
		Set<String> names = new LinkedHashSet<>();
		if (body.length == 0) {
			return names;
		}
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (RuntimeException ex) {
			return names;
		}
		addName(names, root.get("TableName"));
		JsonNode requestItems = root.get("RequestItems");
		if (requestItems != null && requestItems.isObject()) {
			List<String> keys = new ArrayList<>(requestItems.propertyNames());
			keys.forEach((key) -> names.add(tableName(key)));
		}
		JsonNode transactItems = root.get("TransactItems");
		if (transactItems != null && transactItems.isArray()) {
			for (JsonNode item : transactItems) {
				for (JsonNode element : item) {
					addName(names, element.get("TableName"));
				}
			}
		}
		return names;
	}

	private static void addName(Set<String> names, @Nullable JsonNode node) {
		if (node != null && node.isString()) {
			names.add(tableName(node.asString()));
		}
	}

	private static String tableName(String nameOrArn) {
		int slash = nameOrArn.startsWith("arn:") ? nameOrArn.indexOf(":table/") : -1;
		if (slash < 0) {
			return nameOrArn;
		}
		String rest = nameOrArn.substring(slash + ":table/".length());
		int end = rest.indexOf('/');
		return (end < 0) ? rest : rest.substring(0, end);
	}

}
