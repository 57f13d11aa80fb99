package dev.tenancy.sample.web;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.ProjectStatus;
import dev.tenancy.sample.project.ProjectSummary;

/**
 * A project as the API returns it. {@code budget} and {@code internalNotes} are absent for regular users: their
 * STS session never reads them, so they are {@literal null} here.
 *
 * @param id the project id
 * @param name the display name
 * @param description what the project is about
 * @param status the lifecycle status
 * @param budget the budget (administrators only)
 * @param internalNotes notes for administrators
 * @param version the version to send back with a change
 * @author tenancy
 * @since 0.1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectView(String id, String name, @Nullable String description, ProjectStatus status,
		@Nullable BigDecimal budget, @Nullable String internalNotes, long version) {

	static ProjectView of(Project project) {
		return new ProjectView(require(project.getId()), require(project.getName()), project.getDescription(),
				require(project.getStatus()), project.getBudget(), project.getInternalNotes(),
				require(project.getVersion()));
	}

	static ProjectView of(ProjectSummary project) {
		return new ProjectView(project.id(), project.name(), project.description(), project.status(), null, null,
				project.version());
	}

	/**
	 * A value that is present by construction: a required attribute of a stored item, or a request field that
	 * validation checked.
	 */
	static <T> T require(@Nullable T value) {
		if (value == null) {
			throw new IllegalStateException("A required value is missing.");
		}
		return value;
	}

}
