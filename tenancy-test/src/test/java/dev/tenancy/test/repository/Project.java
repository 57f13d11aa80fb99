package dev.tenancy.test.repository;

import java.time.Instant;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.annotation.TenantIndexKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;

/**
 * A versioned bean entity with two tenant indexes.
 */
@DynamoDbBean
@TenantEntity(table = "app", sortKeyPrefix = "PROJECT#")
@TenantIndexKey(index = "byStatus", prefix = "STATUS", attributes = "status")
@TenantIndexKey(index = "byOwner", prefix = "OWNER", attributes = "owner")
public class Project {

	private String tenant;

	private String id;

	private String name;

	private ProjectStatus status;

	private String owner;

	private Integer priority;

	private String statusKey;

	private String ownerKey;

	private Long version;

	@CreatedDate
	private Instant createdAt;

	@CreatedBy
	private String createdBy;

	public Project() {
	}

	public Project(String id, String name, ProjectStatus status, int priority) {
		this.id = id;
		this.name = name;
		this.status = status;
		this.priority = priority;
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

	public ProjectStatus getStatus() {
		return this.status;
	}

	public void setStatus(ProjectStatus status) {
		this.status = status;
	}

	public String getOwner() {
		return this.owner;
	}

	public void setOwner(String owner) {
		this.owner = owner;
	}

	@DynamoDbSecondarySortKey(indexNames = "byStatus")
	public Integer getPriority() {
		return this.priority;
	}

	public void setPriority(Integer priority) {
		this.priority = priority;
	}

	@DynamoDbSecondaryPartitionKey(indexNames = "byStatus")
	@DynamoDbAttribute("gsi1pk")
	public String getStatusKey() {
		return this.statusKey;
	}

	public void setStatusKey(String statusKey) {
		this.statusKey = statusKey;
	}

	@DynamoDbSecondaryPartitionKey(indexNames = "byOwner")
	@DynamoDbAttribute("gsi2pk")
	public String getOwnerKey() {
		return this.ownerKey;
	}

	public void setOwnerKey(String ownerKey) {
		this.ownerKey = ownerKey;
	}

	@DynamoDbVersionAttribute
	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public void setCreatedAt(Instant createdAt) {
		this.createdAt = createdAt;
	}

	public String getCreatedBy() {
		return this.createdBy;
	}

	public void setCreatedBy(String createdBy) {
		this.createdBy = createdBy;
	}

	@Override
	public String toString() {
		return "Project[" + this.id + "]";
	}

}
