package dev.tenancy.sample.project;

import org.jspecify.annotations.Nullable;

/**
 * A project as the list view shows it: a DTO projection, so listing reads only these attributes (the repository sends
 * a {@code ProjectionExpression}), never {@code budget} or {@code internalNotes}, whoever lists.
 *
 * @param id the project id
 * @param name the display name
 * @param description what the project is about
 * @param status the lifecycle status
 * @param version the version to send back with a change
 * @author tenancy
 * @since 0.2
 */
public record ProjectSummary(String id, String name, @Nullable String description, ProjectStatus status,
		long version) {
}
