package dev.tenancy.test.repository;

import dev.tenancy.annotation.TenantEntity;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * A login of a tenant, also on the global (not tenant-leading) index {@code byEmail}, which only the cross-tenant
 * sign-in lookup uses.
 */
@DynamoDbBean
@TenantEntity(table = "app", sortKeyPrefix = "LOGIN#")
public class Login {

	private String tenant;

	private String id;

	private String email;

	public Login() {
	}

	public Login(String id, String email) {
		this.id = id;
		this.email = email;
	}

	@DynamoDbPartitionKey
	@DynamoDbAttribute("pk")
	public String getTenant() {
		return this.tenant;
	}

	public void setTenant(String tenant) {
		this.tenant = tenant;
	}

	@DynamoDbSortKey
	@DynamoDbAttribute("sk")
	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	@DynamoDbSecondaryPartitionKey(indexNames = "byEmail")
	public String getEmail() {
		return this.email;
	}

	public void setEmail(String email) {
		this.email = email;
	}

}
