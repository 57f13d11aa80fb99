package dev.tenancy.sample.project;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * The changeable fields of a {@link Project}.
 *
 * @param name the display name
 * @param description what the project is about
 * @param status the lifecycle status
 * @param budget the budget (administrators only)
 * @param internalNotes notes for administrators
 * @author tenancy
 * @since 0.1
 */
public record ProjectDetails(String name, @Nullable String description, ProjectStatus status,
		@Nullable BigDecimal budget, @Nullable String internalNotes) {

	void applyTo(Project project) {
		project.setName(this.name);
		project.setDescription(this.description);
		project.setStatus(this.status);
		project.setBudget(this.budget);
		project.setInternalNotes(this.internalNotes);
	}

}
