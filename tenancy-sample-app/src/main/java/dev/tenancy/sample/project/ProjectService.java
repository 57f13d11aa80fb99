package dev.tenancy.sample.project;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Reads and changes the projects of the current principal's organization. Everyone in the organization reads its
 * projects (regular users without the administrator-only attributes, which their STS session cannot read); only
 * administrators create, change and delete them.
 *
 * @author tenancy
 * @since 0.1
 */
@Service
public class ProjectService {

	private final ProjectRepository projects;

	private final TaskRepository tasks;

	/**
	 * @param projects the project repository
	 * @param tasks the task repository, for deleting a project's tasks with it
	 */
	public ProjectService(ProjectRepository projects, TaskRepository tasks) {
		this.projects = projects;
		this.tasks = tasks;
	}

	/**
	 * A page of the organization's projects, in id order, as summaries.
	 * @param position where to continue, {@code ScrollPosition.keyset()} for the first page
	 * @param size the page size
	 * @return the page
	 */
	public Window<ProjectSummary> list(ScrollPosition position, int size) {
		return this.projects.findAllBy(position, Limit.of(size));
	}

	/**
	 * @param id the project id
	 * @return the project
	 * @throws NotFoundException if the organization has no such project
	 */
	public Project get(String id) {
		return this.projects.findById(id).orElseThrow(() -> NotFoundException.project(id));
	}

	/**
	 * Create a project.
	 * @param id the new project's id
	 * @param details its fields
	 * @return the project as stored (version 1)
	 * @throws org.springframework.dao.DuplicateKeyException if the organization has a project with that id
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Project create(String id, ProjectDetails details) {
		Project project = new Project();
		project.setId(id);
		details.applyTo(project);
		return this.projects.insert(project);
	}

	/**
	 * Replace the fields of a project.
	 * @param id the project id
	 * @param version the version the caller read
	 * @param details the new fields
	 * @return the project as stored
	 * @throws NotFoundException if the organization has no such project
	 * @throws OptimisticLockingFailureException if the project has changed since the caller read it
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public Project update(String id, long version, ProjectDetails details) {
		Project project = get(id);
		requireVersion("Project", id, project.getVersion(), version);
		details.applyTo(project);
		return this.projects.save(project);
	}

	/**
	 * Delete a project and its tasks.
	 * @param id the project id
	 * @throws NotFoundException if the organization has no such project
	 */
	@PreAuthorize("hasRole('ADMIN')")
	public void delete(String id) {
		Project project = get(id);
		this.tasks.deleteByKeyStartingWith(Task.keyPrefix(id));
		this.projects.delete(project);
	}

	/**
	 * Check that a project exists, with a keys-only read.
	 * @param id the project id
	 * @throws NotFoundException if the organization has no such project
	 */
	public void requireExists(String id) {
		if (!this.projects.existsById(id)) {
			throw NotFoundException.project(id);
		}
	}

	static void requireVersion(String type, String id, @Nullable Long stored, long expected) {
		if (!Objects.equals(stored, expected)) {
			throw new OptimisticLockingFailureException(String.format("%s '%s' is at version %s, not %d: it was "
					+ "changed in the meantime; read it again and retry.", type, id, stored, expected));
		}
	}

}
