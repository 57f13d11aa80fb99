package dev.tenancy.benchmarks;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.annotation.TenantIndexKey;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * The project entity of the repository benchmarks, mapped onto the items of {@link Workload#projectItem}: tenant
 * partition key {@code pk}, sort key {@code sk} with prefix {@code PROJECT#}, the tenant-prefixed index
 * {@code byStatus} and seven plain attributes. A mutable bean, as the enhanced client's bean schema requires.
 *
 * @author tenancy
 * @since 0.1
 */
@DynamoDbBean
@TenantEntity(table = Workload.TABLE, sortKeyPrefix = "PROJECT#")
@TenantIndexKey(index = Workload.INDEX, prefix = "STATUS", attributes = "status")
public class BenchmarkProject {

	private @Nullable String tenant;

	private @Nullable String id;

	private @Nullable String statusKey;

	private @Nullable String statusSince;

	private @Nullable String name;

	private @Nullable String status;

	private @Nullable String owner;

	private @Nullable String createdAt;

	private @Nullable String updatedAt;

	private @Nullable Long budget;

	private @Nullable Long version;

	/**
	 * @return the tenant (stored as {@code TENANT#<tenant>}, set by the library)
	 */
	@DynamoDbPartitionKey
	@DynamoDbAttribute("pk")
	public @Nullable String getTenant() {
		return this.tenant;
	}

	/**
	 * @param tenant the tenant
	 */
	public void setTenant(@Nullable String tenant) {
		this.tenant = tenant;
	}

	/**
	 * @return the identity inside the tenant (stored as {@code PROJECT#<id>})
	 */
	@DynamoDbSortKey
	@DynamoDbAttribute("sk")
	public @Nullable String getId() {
		return this.id;
	}

	/**
	 * @param id the identity inside the tenant
	 */
	public void setId(@Nullable String id) {
		this.id = id;
	}

	/**
	 * @return the index partition key (composed by the library from the status)
	 */
	@DynamoDbSecondaryPartitionKey(indexNames = Workload.INDEX)
	@DynamoDbAttribute("gsi1pk")
	public @Nullable String getStatusKey() {
		return this.statusKey;
	}

	/**
	 * @param statusKey the index partition key
	 */
	public void setStatusKey(@Nullable String statusKey) {
		this.statusKey = statusKey;
	}

	/**
	 * @return the index sort key
	 */
	@DynamoDbSecondarySortKey(indexNames = Workload.INDEX)
	@DynamoDbAttribute("gsi1sk")
	public @Nullable String getStatusSince() {
		return this.statusSince;
	}

	/**
	 * @param statusSince the index sort key
	 */
	public void setStatusSince(@Nullable String statusSince) {
		this.statusSince = statusSince;
	}

	/**
	 * @return the name
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * @param name the name
	 */
	public void setName(@Nullable String name) {
		this.name = name;
	}

	/**
	 * @return the status
	 */
	public @Nullable String getStatus() {
		return this.status;
	}

	/**
	 * @param status the status
	 */
	public void setStatus(@Nullable String status) {
		this.status = status;
	}

	/**
	 * @return the owner
	 */
	public @Nullable String getOwner() {
		return this.owner;
	}

	/**
	 * @param owner the owner
	 */
	public void setOwner(@Nullable String owner) {
		this.owner = owner;
	}

	/**
	 * @return when the project was created
	 */
	public @Nullable String getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * @param createdAt when the project was created
	 */
	public void setCreatedAt(@Nullable String createdAt) {
		this.createdAt = createdAt;
	}

	/**
	 * @return when the project was last updated
	 */
	public @Nullable String getUpdatedAt() {
		return this.updatedAt;
	}

	/**
	 * @param updatedAt when the project was last updated
	 */
	public void setUpdatedAt(@Nullable String updatedAt) {
		this.updatedAt = updatedAt;
	}

	/**
	 * @return the budget
	 */
	public @Nullable Long getBudget() {
		return this.budget;
	}

	/**
	 * @param budget the budget
	 */
	public void setBudget(@Nullable Long budget) {
		this.budget = budget;
	}

	/**
	 * @return the optimistic-locking version
	 */
	@DynamoDbVersionAttribute
	public @Nullable Long getVersion() {
		return this.version;
	}

	/**
	 * @param version the optimistic-locking version
	 */
	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

}
