package dev.tenancy.sample.web;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.tenancy.sample.project.ProjectDetails;
import dev.tenancy.sample.project.ProjectStatus;

/**
 * The request bodies of the project endpoints.
 *
 * @author tenancy
 * @since 0.1
 */
public final class ProjectRequests {

	/** What an id looks like: lower-case letters, digits and dashes, 1 to 40 characters. */
	public static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,39}";

	/** The message of an invalid id. */
	public static final String ID_MESSAGE = "must be 1 to 40 lower-case letters, digits and dashes, not starting "
			+ "with a dash";

	private ProjectRequests() {
	}

	/**
	 * A new project.
	 *
	 * @param id the id, unique in the organization
	 * @param name the display name
	 * @param description what the project is about
	 * @param status the lifecycle status, {@code ACTIVE} when absent
	 * @param budget the budget
	 * @param internalNotes notes for administrators
	 */
	public record NewProject(@NotNull @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) @Nullable String id,
			@NotBlank @Size(max = 100) @Nullable String name, @Size(max = 1000) @Nullable String description,
			@Nullable ProjectStatus status,
			@DecimalMin("0") @Digits(integer = 12, fraction = 2) @Nullable BigDecimal budget,
			@Size(max = 1000) @Nullable String internalNotes) {

		ProjectDetails details() {
			return new ProjectDetails(ProjectView.require(this.name), this.description,
					(this.status != null) ? this.status : ProjectStatus.ACTIVE, this.budget, this.internalNotes);
		}

	}

	/**
	 * The new state of a project.
	 *
	 * @param name the display name
	 * @param description what the project is about
	 * @param status the lifecycle status
	 * @param budget the budget
	 * @param internalNotes notes for administrators
	 * @param version the version that was read
	 */
	public record ProjectUpdate(@NotBlank @Size(max = 100) @Nullable String name,
			@Size(max = 1000) @Nullable String description, @NotNull @Nullable ProjectStatus status,
			@DecimalMin("0") @Digits(integer = 12, fraction = 2) @Nullable BigDecimal budget,
			@Size(max = 1000) @Nullable String internalNotes, @NotNull @PositiveOrZero @Nullable Long version) {

		ProjectDetails details() {
			return new ProjectDetails(ProjectView.require(this.name), this.description,
					ProjectView.require(this.status), this.budget, this.internalNotes);
		}

	}

}
