package dev.tenancy.repository;

/**
 * Status of a {@link Project} (test fixture).
 */
public enum ProjectStatus {

	/** Open. */
	OPEN,

	/** Closed. */
	CLOSED

}
