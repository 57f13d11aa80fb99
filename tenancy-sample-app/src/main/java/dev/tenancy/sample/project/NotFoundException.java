package dev.tenancy.sample.project;

/**
 * Thrown when a project or task does not exist in the organization of the current principal. Whether an item with
 * the same id exists in another organization is never known to the caller: the lookup only ever reads the caller's
 * own partition.
 *
 * @author tenancy
 * @since 0.1
 */
public class NotFoundException extends RuntimeException {

	/**
	 * @param message a full sentence naming what was not found
	 */
	public NotFoundException(String message) {
		super(message);
	}

	static NotFoundException project(String projectId) {
		return new NotFoundException(String.format("Project '%s' does not exist in your organization.", projectId));
	}

	static NotFoundException task(String projectId, String taskId) {
		return new NotFoundException(String.format("Task '%s' of project '%s' does not exist in your organization.",
				taskId, projectId));
	}

}
