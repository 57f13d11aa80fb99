package dev.tenancy.sample.web;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.ScrollPosition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.ErrorResponseException;

import dev.tenancy.sample.project.Task;
import dev.tenancy.sample.project.TaskService;
import dev.tenancy.sample.project.TaskStatus;

/**
 * The tasks of the caller's organization: {@code /projects/{projectId}/tasks} and, across projects, {@code /tasks}.
 *
 * @author tenancy
 * @since 0.1
 */
@RestController
public class TaskController {

	static final String TASK_ID_PATTERN = "t-[a-z0-9]{1,36}";

	/** The key of a task listing's scroll positions: the task's identity property. */
	private static final String TASK_KEY = "key";

	private final TaskService tasks;

	private final Cursors cursors;

	/**
	 * @param tasks the task service
	 * @param cursors the cursor codec
	 */
	public TaskController(TaskService tasks, Cursors cursors) {
		this.tasks = tasks;
		this.cursors = cursors;
	}

	/**
	 * {@code GET /projects/{projectId}/tasks?size=&cursor=}: a page of a project's tasks.
	 * @param projectId the project id
	 * @param size the page size, 1 to 100
	 * @param cursor the {@code next} cursor of the previous page
	 * @return the page
	 */
	@GetMapping("/projects/{projectId}/tasks")
	public PageView<TaskView> list(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable String cursor) {
		String keyPrefix = Task.keyPrefix(projectId);
		ScrollPosition position = this.cursors.position(cursor, TASK_KEY,
				(key) -> Cursors.TASK_KEY.test(key) && key.startsWith(keyPrefix));
		return PageView.of(this.tasks.list(projectId, position, size), TaskView::of, this.cursors);
	}

	/**
	 * {@code GET /tasks?assignee=} or {@code GET /tasks?status=}: a page of the organization's tasks assigned to a
	 * user or in a status, from the tenant indexes.
	 * @param assignee the user name
	 * @param status the status
	 * @param size the page size, 1 to 100
	 * @param cursor the {@code next} cursor of the previous page
	 * @return the page
	 */
	@GetMapping("/tasks")
	public PageView<TaskView> find(
			@RequestParam(required = false) @Pattern(regexp = TaskRequests.USER_PATTERN, message = TaskRequests.USER_MESSAGE) @Nullable String assignee,
			@RequestParam(required = false) @Nullable TaskStatus status,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable String cursor) {
		if ((assignee == null) == (status == null)) {
			throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
					HttpStatus.BAD_REQUEST, "Pass exactly one of the query parameters 'assignee' and 'status'."), null);
		}
		ScrollPosition position = this.cursors.position(cursor, TASK_KEY, Cursors.TASK_KEY);
		if (assignee != null) {
			return PageView.of(this.tasks.assignedTo(assignee, position, size), TaskView::of, this.cursors);
		}
		return PageView.of(this.tasks.inStatus(ProjectView.require(status), position, size), TaskView::of,
				this.cursors);
	}

	/**
	 * {@code POST /projects/{projectId}/tasks}: create a task.
	 * @param projectId the project id
	 * @param task the new task
	 * @return 201 with the task
	 */
	@PostMapping("/projects/{projectId}/tasks")
	public ResponseEntity<TaskView> create(
			@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId,
			@Valid @RequestBody TaskRequests.NewTask task) {
		TaskView created = TaskView.of(this.tasks.create(projectId, task.details()));
		return ResponseEntity.created(URI.create("/projects/" + projectId + "/tasks/" + created.id())).body(created);
	}

	/**
	 * {@code GET /projects/{projectId}/tasks/{taskId}}.
	 * @param projectId the project id
	 * @param taskId the task id
	 * @return the task
	 */
	@GetMapping("/projects/{projectId}/tasks/{taskId}")
	public TaskView get(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId,
			@PathVariable @Pattern(regexp = TASK_ID_PATTERN, message = "is not a task id") String taskId) {
		return TaskView.of(this.tasks.get(projectId, taskId));
	}

	/**
	 * {@code PUT /projects/{projectId}/tasks/{taskId}}: replace a task's fields.
	 * @param projectId the project id
	 * @param taskId the task id
	 * @param update the new fields and the version that was read
	 * @return the task as stored
	 */
	@PutMapping("/projects/{projectId}/tasks/{taskId}")
	public TaskView update(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId,
			@PathVariable @Pattern(regexp = TASK_ID_PATTERN, message = "is not a task id") String taskId,
			@Valid @RequestBody TaskRequests.TaskUpdate update) {
		return TaskView
			.of(this.tasks.update(projectId, taskId, ProjectView.require(update.version()), update.details()));
	}

	/**
	 * {@code DELETE /projects/{projectId}/tasks/{taskId}}.
	 * @param projectId the project id
	 * @param taskId the task id
	 * @return 204
	 */
	@DeleteMapping("/projects/{projectId}/tasks/{taskId}")
	public ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId,
			@PathVariable @Pattern(regexp = TASK_ID_PATTERN, message = "is not a task id") String taskId) {
		this.tasks.delete(projectId, taskId);
		return ResponseEntity.noContent().build();
	}

}
