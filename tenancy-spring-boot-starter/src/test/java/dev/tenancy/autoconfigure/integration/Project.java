package dev.tenancy.autoconfigure.integration;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import dev.tenancy.annotation.TenantEntity;

/**
 * The tenant entity of the integration test's single table.
 */
@DynamoDbBean
@TenantEntity(table = "projects", sortKeyPrefix = "PROJECT#")
public class Project {

	private String tenant;

	private String id;

	private String name;

	public Project() {
	}

	Project(String tenant, String id, String name) {
		this.tenant = tenant;
		this.id = id;
		this.name = name;
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

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

}
