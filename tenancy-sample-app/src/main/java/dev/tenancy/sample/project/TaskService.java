package dev.tenancy.sample.project;

import java.util.UUID;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

/**
 * Reads and changes the tasks of the current principal's organization. Every user of the organization may work on
 * tasks; a regular user's writes go out as {@code UpdateItem} requests that name only the attributes their STS
 * session allows.
 *
 * @author tenancy
 * @since 0.1
 */
@Service
public class TaskService {

	private final TaskRepository tasks;

	private final ProjectService projects;

	/**
	 * @param tasks the task repository
	 * @param projects the project service, to check that a project exists
	 */
	public TaskService(TaskRepository tasks, ProjectService projects) {
		this.tasks = tasks;
		this.projects = projects;
	}

	/**
	 * A page of a project's tasks, in task-id order.
	 * @param projectId the project id
	 * @param position where to continue
	 * @param size the page size
	 * @return the page
	 * @throws NotFoundException if the organization has no such project
	 */
	public Window<Task> list(String projectId, ScrollPosition position, int size) {
		this.projects.requireExists(projectId);
		return this.tasks.findByKeyStartingWith(Task.keyPrefix(projectId), position, Limit.of(size));
	}

	/**
	 * A page of the organization's tasks assigned to a user.
	 * @param assignee the user name
	 * @param position where to continue
	 * @param size the page size
	 * @return the page
	 */
	public Window<Task> assignedTo(String assignee, ScrollPosition position, int size) {
		return this.tasks.findByAssignee(assignee, position, Limit.of(size));
	}

	/**
	 * A page of the organization's tasks in a status.
	 * @param status the status
	 * @param position where to continue
	 * @param size the page size
	 * @return the page
	 */
	public Window<Task> inStatus(TaskStatus status, ScrollPosition position, int size) {
		return this.tasks.findByStatus(status, position, Limit.of(size));
	}

	/**
	 * @param projectId the project id
	 * @param taskId the task id
	 * @return the task
	 * @throws NotFoundException if the organization has no such task
	 */
	public Task get(String projectId, String taskId) {
		return this.tasks.findById(Task.key(projectId, taskId))
			.orElseThrow(() -> NotFoundException.task(projectId, taskId));
	}

	/**
	 * Create a task with a new id.
	 * @param projectId the project id
	 * @param details its fields
	 * @return the task as stored (version 1)
	 * @throws NotFoundException if the organization has no such project
	 */
	public Task create(String projectId, TaskDetails details) {
		return create(projectId, "t-" + UUID.randomUUID().toString().substring(0, 8), details);
	}

	/**
	 * Create a task with the given id.
	 * @param projectId the project id
	 * @param taskId the task id
	 * @param details its fields
	 * @return the task as stored (version 1)
	 * @throws NotFoundException if the organization has no such project
	 * @throws org.springframework.dao.DuplicateKeyException if the project has a task with that id
	 */
	public Task create(String projectId, String taskId, TaskDetails details) {
		this.projects.requireExists(projectId);
		Task task = new Task();
		task.setKey(Task.key(projectId, taskId));
		task.setProjectId(projectId);
		details.applyTo(task);
		return this.tasks.insert(task);
	}

	/**
	 * Replace the fields of a task.
	 * @param projectId the project id
	 * @param taskId the task id
	 * @param version the version the caller read
	 * @param details the new fields
	 * @return the task as stored
	 * @throws NotFoundException if the organization has no such task
	 * @throws org.springframework.dao.OptimisticLockingFailureException if the task has changed since the caller
	 * read it
	 */
	public Task update(String projectId, String taskId, long version, TaskDetails details) {
		Task task = get(projectId, taskId);
		ProjectService.requireVersion("Task", taskId, task.getVersion(), version);
		details.applyTo(task);
		return this.tasks.save(task);
	}

	/**
	 * Delete a task.
	 * @param projectId the project id
	 * @param taskId the task id
	 * @throws NotFoundException if the organization has no such task
	 */
	public void delete(String projectId, String taskId) {
		this.tasks.delete(get(projectId, taskId));
	}

}
