package dev.tenancy.sample.web;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tenancy.sample.project.ProjectService;

/**
 * The projects of the caller's organization: {@code /projects}.
 *
 * @author tenancy
 * @since 0.1
 */
@RestController
@RequestMapping("/projects")
public class ProjectController {

	private final ProjectService projects;

	private final Cursors cursors;

	/**
	 * @param projects the project service
	 * @param cursors the cursor codec
	 */
	public ProjectController(ProjectService projects, Cursors cursors) {
		this.projects = projects;
		this.cursors = cursors;
	}

	/**
	 * {@code GET /projects?size=&cursor=}: a page of projects in id order.
	 * @param size the page size, 1 to 100
	 * @param cursor the {@code next} cursor of the previous page
	 * @return the page
	 */
	@GetMapping
	public PageView<ProjectView> list(@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Nullable String cursor) {
		return PageView.of(this.projects.list(this.cursors.position(cursor, "id", Cursors.PROJECT_ID), size),
				ProjectView::of, this.cursors);
	}

	/**
	 * {@code POST /projects} (administrators): create a project.
	 * @param project the new project
	 * @return 201 with the project
	 */
	@PostMapping
	public ResponseEntity<ProjectView> create(@Valid @RequestBody ProjectRequests.NewProject project) {
		ProjectView created = ProjectView.of(this.projects.create(ProjectView.require(project.id()), project.details()));
		return ResponseEntity.created(URI.create("/projects/" + created.id())).body(created);
	}

	/**
	 * {@code GET /projects/{projectId}}.
	 * @param projectId the project id
	 * @return the project
	 */
	@GetMapping("/{projectId}")
	public ProjectView get(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId) {
		return ProjectView.of(this.projects.get(projectId));
	}

	/**
	 * {@code PUT /projects/{projectId}} (administrators): replace a project's fields.
	 * @param projectId the project id
	 * @param update the new fields and the version that was read
	 * @return the project as stored
	 */
	@PutMapping("/{projectId}")
	public ProjectView update(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId,
			@Valid @RequestBody ProjectRequests.ProjectUpdate update) {
		return ProjectView.of(this.projects.update(projectId, ProjectView.require(update.version()), update.details()));
	}

	/**
	 * {@code DELETE /projects/{projectId}} (administrators): delete a project and its tasks.
	 * @param projectId the project id
	 * @return 204
	 */
	@DeleteMapping("/{projectId}")
	public ResponseEntity<Void> delete(@PathVariable @Pattern(regexp = ProjectRequests.ID_PATTERN, message = ProjectRequests.ID_MESSAGE) String projectId) {
		this.projects.delete(projectId);
		return ResponseEntity.noContent().build();
	}

}
