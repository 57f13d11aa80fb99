package dev.tenancy.sample.project;

import java.time.Instant;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.LastModifiedDate;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbIgnore;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.annotation.TenantIndexKey;

/**
 * A task of a project, stored in the same table as the {@link Project projects} under
 * {@code pk = TENANT#<organization>} and {@code sk = TASK#<projectId>#<taskId>}, so that a project's tasks are one
 * {@code begins_with} Query.
 * <p>
 * Two tenant indexes find tasks across projects: {@value #BY_ASSIGNEE} with the partition key
 * {@code TENANT#<organization>#ASSIGNEE#<assignee>} and {@value #BY_STATUS} with
 * {@code TENANT#<organization>#STATUS#<status>}, both sorted by the table's sort key. The library composes those keys
 * on every write; application code never writes {@code TENANT#}.
 *
 * @author tenancy
 * @since 0.1
 */
@DynamoDbBean
@TenantEntity(table = Project.TABLE, sortKeyPrefix = "TASK#")
@TenantIndexKey(index = Task.BY_ASSIGNEE, prefix = "ASSIGNEE", attributes = "assignee")
@TenantIndexKey(index = Task.BY_STATUS, prefix = "STATUS", attributes = "status")
public class Task {

	/** The index of tasks by assignee. */
	public static final String BY_ASSIGNEE = "tasksByAssignee";

	/** The index of tasks by status. */
	public static final String BY_STATUS = "tasksByStatus";

	private static final char SEPARATOR = '#';

	private @Nullable String organization;

	private @Nullable String key;

	private @Nullable String projectId;

	private @Nullable String title;

	private @Nullable TaskStatus status;

	private @Nullable String assignee;

	private @Nullable LocalDate dueDate;

	private @Nullable String assigneeKey;

	private @Nullable String statusKey;

	private @Nullable Long version;

	@CreatedDate
	private @Nullable Instant createdAt;

	@LastModifiedDate
	private @Nullable Instant modifiedAt;

	/**
	 * The identity of a task inside its organization: the project id and the task id.
	 * @param projectId the project id (no {@code #})
	 * @param taskId the task id (no {@code #})
	 * @return {@code <projectId>#<taskId>}
	 */
	public static String key(String projectId, String taskId) {
		return projectId + SEPARATOR + taskId;
	}

	/**
	 * The common start of the keys of a project's tasks.
	 * @param projectId the project id
	 * @return {@code <projectId>#}
	 */
	public static String keyPrefix(String projectId) {
		return projectId + SEPARATOR;
	}

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
	 * @return the identity inside the organization, {@code <projectId>#<taskId>} (see {@link #key(String, String)})
	 */
	@DynamoDbSortKey
	@DynamoDbSecondarySortKey(indexNames = { BY_ASSIGNEE, BY_STATUS })
	@DynamoDbAttribute("sk")
	public @Nullable String getKey() {
		return this.key;
	}

	/**
	 * @param key the identity inside the organization
	 */
	public void setKey(@Nullable String key) {
		this.key = key;
	}

	/**
	 * @return the task id inside its project, the part of the {@link #getKey() key} after the project id
	 */
	@DynamoDbIgnore
	public @Nullable String getTaskId() {
		String key = this.key;
		if (key == null) {
			return null;
		}
		int separator = key.indexOf(SEPARATOR);
		return (separator < 0) ? key : key.substring(separator + 1);
	}

	/**
	 * @return the project the task belongs to
	 */
	public @Nullable String getProjectId() {
		return this.projectId;
	}

	/**
	 * @param projectId the project the task belongs to
	 */
	public void setProjectId(@Nullable String projectId) {
		this.projectId = projectId;
	}

	/**
	 * @return what is to be done
	 */
	public @Nullable String getTitle() {
		return this.title;
	}

	/**
	 * @param title what is to be done
	 */
	public void setTitle(@Nullable String title) {
		this.title = title;
	}

	/**
	 * @return the progress
	 */
	public @Nullable TaskStatus getStatus() {
		return this.status;
	}

	/**
	 * @param status the progress
	 */
	public void setStatus(@Nullable TaskStatus status) {
		this.status = status;
	}

	/**
	 * @return the user name of the assignee, or {@literal null} if nobody is assigned
	 */
	public @Nullable String getAssignee() {
		return this.assignee;
	}

	/**
	 * @param assignee the user name of the assignee
	 */
	public void setAssignee(@Nullable String assignee) {
		this.assignee = assignee;
	}

	/**
	 * @return when the task is due
	 */
	public @Nullable LocalDate getDueDate() {
		return this.dueDate;
	}

	/**
	 * @param dueDate when the task is due
	 */
	public void setDueDate(@Nullable LocalDate dueDate) {
		this.dueDate = dueDate;
	}

	/**
	 * @return the key in the {@value #BY_ASSIGNEE} index, composed by the repository layer ({@code ASSIGNEE#alice}
	 * when read)
	 */
	@DynamoDbSecondaryPartitionKey(indexNames = BY_ASSIGNEE)
	@DynamoDbAttribute("gsi1pk")
	public @Nullable String getAssigneeKey() {
		return this.assigneeKey;
	}

	/**
	 * @param assigneeKey the index key, as read by the repository layer
	 */
	public void setAssigneeKey(@Nullable String assigneeKey) {
		this.assigneeKey = assigneeKey;
	}

	/**
	 * @return the key in the {@value #BY_STATUS} index, composed by the repository layer ({@code STATUS#OPEN} when
	 * read)
	 */
	@DynamoDbSecondaryPartitionKey(indexNames = BY_STATUS)
	@DynamoDbAttribute("gsi2pk")
	public @Nullable String getStatusKey() {
		return this.statusKey;
	}

	/**
	 * @param statusKey the index key, as read by the repository layer
	 */
	public void setStatusKey(@Nullable String statusKey) {
		this.statusKey = statusKey;
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
		return "Task[" + this.key + "]";
	}

}
