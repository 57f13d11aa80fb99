package dev.tenancy.sample.project;

/**
 * The progress of a {@link Task}.
 *
 * @author tenancy
 * @since 0.1
 */
public enum TaskStatus {

	/** Not started. */
	OPEN,

	/** Someone works on it. */
	IN_PROGRESS,

	/** Finished. */
	DONE

}
