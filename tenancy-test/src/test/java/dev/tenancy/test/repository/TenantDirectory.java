package dev.tenancy.test.repository;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.aop.CrossTenantAccess;
import dev.tenancy.context.TenantId;
import dev.tenancy.keys.TenantKeyTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The by-design cross-tenant lookup of the sign-in flow: which tenant does a login e-mail belong to. It queries the
 * global {@code byEmail} index with the separately configured cross-tenant identity.
 */
public class TenantDirectory {

	/** The name of the cross-tenant access the lookup uses. */
	public static final String ACCESS = "login-lookup";

	private final CrossTenantAccess access;

	private final TenantKeyTemplate keyTemplate;

	private final String table;

	public TenantDirectory(CrossTenantAccess access, TenantKeyTemplate keyTemplate, String table) {
		this.access = access;
		this.keyTemplate = keyTemplate;
		this.table = table;
	}

	@CrossTenant(access = ACCESS, value = "Sign-in: find the tenant of a login e-mail")
	public Optional<TenantId> tenantOf(String email) {
		List<Map<String, AttributeValue>> items = this.access.client()
			.query(QueryRequest.builder()
				.tableName(this.table)
				.indexName("byEmail")
				.keyConditionExpression("#email = :email")
				.expressionAttributeNames(Map.of("#email", "email"))
				.expressionAttributeValues(Map.of(":email", AttributeValue.fromS(email)))
				.projectionExpression("pk")
				.build())
			.items();
		if (items.isEmpty()) {
			return Optional.empty();
		}
		String partitionKey = items.get(0).get("pk").s();
		return Optional.of(TenantId.of(partitionKey.substring(this.keyTemplate.prefix().length())));
	}

	/**
	 * The same query without {@code @CrossTenant}: it must fail.
	 */
	public Optional<TenantId> tenantOfWithoutAnnotation(String email) {
		return tenantOf(email);
	}

}
