package dev.tenancy.autoconfigure.integration;

import java.util.List;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * The application's repository: found and wired by the starter, no {@code @EnableTenancyRepositories}.
 */
@TenantScoped
public interface ProjectRepository extends TenantScopedRepository<Project, String> {

	List<Project> findByIdStartingWith(String prefix);

}
