package dev.tenancy.test.repository;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.tenancy.annotation.TenantScoped;

import org.springframework.scheduling.annotation.Async;

/**
 * A service that works with projects in the background.
 */
public class ProjectReports {

	private final ProjectRepository projects;

	public ProjectReports(ProjectRepository projects) {
		this.projects = projects;
	}

	@Async
	public CompletableFuture<List<String>> projectIdsAsync() {
		return CompletableFuture.completedFuture(this.projects.findAll().stream().map(Project::getId).toList());
	}

	@TenantScoped(allowTenantSwitch = true)
	public long countForPrincipal() {
		return this.projects.count();
	}

}
