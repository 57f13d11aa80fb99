package dev.tenancy.test.repository;

/**
 * Status of a {@link Project}.
 */
public enum ProjectStatus {

	/** Open. */
	OPEN,

	/** Closed. */
	CLOSED

}
