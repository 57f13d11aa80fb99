package dev.tenancy.sample.project;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * The changeable fields of a {@link Task}.
 *
 * @param title what is to be done
 * @param status the progress
 * @param assignee the user name of the assignee, or {@literal null}
 * @param dueDate when the task is due, or {@literal null}
 * @author tenancy
 * @since 0.1
 */
public record TaskDetails(String title, TaskStatus status, @Nullable String assignee, @Nullable LocalDate dueDate) {

	void applyTo(Task task) {
		task.setTitle(this.title);
		task.setStatus(this.status);
		task.setAssignee(this.assignee);
		task.setDueDate(this.dueDate);
	}

}
