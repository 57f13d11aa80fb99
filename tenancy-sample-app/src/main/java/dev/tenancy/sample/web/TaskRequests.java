package dev.tenancy.sample.web;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.tenancy.sample.project.TaskDetails;
import dev.tenancy.sample.project.TaskStatus;

/**
 * The request bodies of the task endpoints.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TaskRequests {

	/** What a user name looks like. */
	public static final String USER_PATTERN = "[A-Za-z0-9._@-]{1,64}";

	/** The message of an invalid user name. */
	public static final String USER_MESSAGE = "must be a user name: 1 to 64 letters, digits, '.', '_', '@' and '-'";

	private TaskRequests() {
	}

	/**
	 * A new task.
	 *
	 * @param title what is to be done
	 * @param status the progress, {@code OPEN} when absent
	 * @param assignee the user name of the assignee
	 * @param dueDate when the task is due
	 */
	public record NewTask(@NotBlank @Size(max = 200) @Nullable String title, @Nullable TaskStatus status,
			@Pattern(regexp = USER_PATTERN, message = USER_MESSAGE) @Nullable String assignee, @Nullable LocalDate dueDate) {

		TaskDetails details() {
			return new TaskDetails(ProjectView.require(this.title), (this.status != null) ? this.status
					: TaskStatus.OPEN, this.assignee, this.dueDate);
		}

	}

	/**
	 * The new state of a task.
	 *
	 * @param title what is to be done
	 * @param status the progress
	 * @param assignee the user name of the assignee
	 * @param dueDate when the task is due
	 * @param version the version that was read
	 */
	public record TaskUpdate(@NotBlank @Size(max = 200) @Nullable String title, @NotNull @Nullable TaskStatus status,
			@Pattern(regexp = USER_PATTERN, message = USER_MESSAGE) @Nullable String assignee, @Nullable LocalDate dueDate,
			@NotNull @PositiveOrZero @Nullable Long version) {

		TaskDetails details() {
			return new TaskDetails(ProjectView.require(this.title), ProjectView.require(this.status), this.assignee,
					this.dueDate);
		}

	}

}
