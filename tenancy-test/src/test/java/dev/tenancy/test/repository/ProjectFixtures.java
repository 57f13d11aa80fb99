package dev.tenancy.test.repository;

import java.util.ArrayList;
import java.util.List;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.repository.TenantScopedRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The projects the query tests read, the same for every tenant so that each tenant's items would match the other
 * tenant's queries too.
 */
final class ProjectFixtures {

	private ProjectFixtures() {
	}

	/**
	 * Save {@code p-1} … {@code p-<count>} for each tenant, named {@code "<tenant> <i>"}: odd ones OPEN, even ones
	 * CLOSED, priority {@code i}, owner ann (1–3), bob (4–6) or none (7 and later).
	 */
	static void seed(TenantScopedRepository<Project, String> projects, int count, TenantId... tenants) {
		for (TenantId tenant : tenants) {
			TenantContext.runAs(tenant, () -> {
				List<Project> all = new ArrayList<>();
				for (int i = 1; i <= count; i++) {
					Project project = new Project("p-" + i, tenant + " " + i,
							(i % 2 == 1) ? ProjectStatus.OPEN : ProjectStatus.CLOSED, i);
					project.setOwner((i <= 3) ? "ann" : (i <= 6) ? "bob" : null);
					all.add(project);
				}
				projects.saveAll(all);
			});
		}
	}

	static List<String> ids(List<Project> projects) {
		return projects.stream().map(Project::getId).toList();
	}

	/**
	 * Assert that every project belongs to the tenant, and return them.
	 */
	static List<Project> allOf(TenantId tenant, List<Project> projects) {
		assertThat(projects).allSatisfy((project) -> {
			assertThat(project.getTenant()).isEqualTo(tenant.value());
			assertThat(project.getName()).startsWith(tenant.value() + " ");
		});
		return projects;
	}

}
