package dev.tenancy.sample.web;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.tenancy.sample.project.Task;
import dev.tenancy.sample.project.TaskStatus;

/**
 * A task as the API returns it.
 *
 * @param id the task id inside its project
 * @param projectId the project
 * @param title what is to be done
 * @param status the progress
 * @param assignee the user name of the assignee
 * @param dueDate when the task is due
 * @param version the version to send back with a change
 * @author tenancy
 * @since 0.1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TaskView(String id, String projectId, String title, TaskStatus status, @Nullable String assignee,
		@Nullable LocalDate dueDate, long version) {

	static TaskView of(Task task) {
		return new TaskView(ProjectView.require(task.getTaskId()), ProjectView.require(task.getProjectId()),
				ProjectView.require(task.getTitle()), ProjectView.require(task.getStatus()), task.getAssignee(),
				task.getDueDate(), ProjectView.require(task.getVersion()));
	}

}
