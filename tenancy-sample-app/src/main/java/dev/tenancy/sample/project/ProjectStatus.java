package dev.tenancy.sample.project;

/**
 * The lifecycle of a {@link Project}.
 *
 * @author tenancy
 * @since 0.1
 */
public enum ProjectStatus {

	/** Work is going on. */
	ACTIVE,

	/** Paused. */
	ON_HOLD,

	/** Finished. */
	COMPLETED

}
