package dev.tenancy.sample.project;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * The tasks of the current principal's organization. Every method is answered by a DynamoDB key condition inside the
 * organization's partition or on one of its tenant indexes.
 *
 * @author tenancy
 * @since 0.1
 */
@TenantScoped
public interface TaskRepository extends TenantScopedRepository<Task, String> {

	/**
	 * A page of one project's tasks: {@code begins_with(sk, 'TASK#<projectId>#')}.
	 * @param keyPrefix {@link Task#keyPrefix(String)} of the project
	 * @param position where to continue
	 * @param limit the page size
	 * @return the page
	 */
	Window<Task> findByKeyStartingWith(String keyPrefix, ScrollPosition position, Limit limit);

	/**
	 * A page of the tasks assigned to a user: a Query on {@value Task#BY_ASSIGNEE}.
	 * @param assignee the user name
	 * @param position where to continue
	 * @param limit the page size
	 * @return the page
	 */
	Window<Task> findByAssignee(String assignee, ScrollPosition position, Limit limit);

	/**
	 * A page of the tasks in a status: a Query on {@value Task#BY_STATUS}.
	 * @param status the status
	 * @param position where to continue
	 * @param limit the page size
	 * @return the page
	 */
	Window<Task> findByStatus(TaskStatus status, ScrollPosition position, Limit limit);

	/**
	 * Delete a project's tasks.
	 * @param keyPrefix {@link Task#keyPrefix(String)} of the project
	 * @return how many were deleted
	 */
	long deleteByKeyStartingWith(String keyPrefix);

}
