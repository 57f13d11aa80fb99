package dev.tenancy.sample.project;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedDate;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import dev.tenancy.annotation.TenantEntity;

/**
 * A project of an organization, stored in the shared table under {@code pk = TENANT#<organization>} and
 * {@code sk = PROJECT#<id>}.
 * <p>
 * {@link #getBudget() budget} and {@link #getInternalNotes() internalNotes} are for administrators only: the STS
 * sessions of regular users carry a session policy whose {@code dynamodb:Attributes} allow-list does not name them
 * ({@code tenancy.column-restrictions.variants.restricted} in {@code application.yaml}), so DynamoDB never returns them
 * to a regular user's request and refuses a request that asks for them.
 *
 * @author tenancy
 * @since 0.1
 */
@DynamoDbBean
@TenantEntity(table = Project.TABLE, sortKeyPrefix = "PROJECT#")
public class Project {

	/** The single table that holds every organization's projects and tasks. */
	public static final String TABLE = "project-management";

	private @Nullable String organization;

	private @Nullable String id;

	private @Nullable String name;

	private @Nullable String description;

	private @Nullable ProjectStatus status;

	private @Nullable BigDecimal budget;

	private @Nullable String internalNotes;

	private @Nullable Long version;

	@CreatedDate
	private @Nullable Instant createdAt;

	@LastModifiedDate
	private @Nullable Instant modifiedAt;

	/**
	 * @return the organization (the tenant); set by the repository layer, never by application code
	 */
	@DynamoDbPartitionKey
	@DynamoDbAttribute("pk")
	public @Nullable String getOrganization() {
		return this.organization;
	}

	/**
	 * @param organization the organization, as read by the repository layer
	 */
	public void setOrganization(@Nullable String organization) {
		this.organization = organization;
	}

	/**
	 * @return the id of the project inside its organization
	 */
	@DynamoDbSortKey
	@DynamoDbAttribute("sk")
	public @Nullable String getId() {
		return this.id;
	}

	/**
	 * @param id the id of the project inside its organization
	 */
	public void setId(@Nullable String id) {
		this.id = id;
	}

	/**
	 * @return the display name
	 */
	public @Nullable String getName() {
		return this.name;
	}

	/**
	 * @param name the display name
	 */
	public void setName(@Nullable String name) {
		this.name = name;
	}

	/**
	 * @return what the project is about
	 */
	public @Nullable String getDescription() {
		return this.description;
	}

	/**
	 * @param description what the project is about
	 */
	public void setDescription(@Nullable String description) {
		this.description = description;
	}

	/**
	 * @return the lifecycle status
	 */
	public @Nullable ProjectStatus getStatus() {
		return this.status;
	}

	/**
	 * @param status the lifecycle status
	 */
	public void setStatus(@Nullable ProjectStatus status) {
		this.status = status;
	}

	/**
	 * @return the budget; administrators only, {@literal null} when read by a regular user
	 */
	public @Nullable BigDecimal getBudget() {
		return this.budget;
	}

	/**
	 * @param budget the budget
	 */
	public void setBudget(@Nullable BigDecimal budget) {
		this.budget = budget;
	}

	/**
	 * @return notes for administrators; {@literal null} when read by a regular user
	 */
	public @Nullable String getInternalNotes() {
		return this.internalNotes;
	}

	/**
	 * @param internalNotes notes for administrators
	 */
	public void setInternalNotes(@Nullable String internalNotes) {
		this.internalNotes = internalNotes;
	}

	/**
	 * @return the version used for optimistic locking
	 */
	@DynamoDbVersionAttribute
	public @Nullable Long getVersion() {
		return this.version;
	}

	/**
	 * @param version the version used for optimistic locking
	 */
	public void setVersion(@Nullable Long version) {
		this.version = version;
	}

	/**
	 * @return when the item was created (set by auditing)
	 */
	public @Nullable Instant getCreatedAt() {
		return this.createdAt;
	}

	/**
	 * @param createdAt when the item was created
	 */
	public void setCreatedAt(@Nullable Instant createdAt) {
		this.createdAt = createdAt;
	}

	/**
	 * @return when the item was last changed (set by auditing)
	 */
	public @Nullable Instant getModifiedAt() {
		return this.modifiedAt;
	}

	/**
	 * @param modifiedAt when the item was last changed
	 */
	public void setModifiedAt(@Nullable Instant modifiedAt) {
		this.modifiedAt = modifiedAt;
	}

	@Override
	public String toString() {
		return "Project[" + this.id + "]";
	}

}
