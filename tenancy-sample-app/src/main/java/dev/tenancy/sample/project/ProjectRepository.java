package dev.tenancy.sample.project;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * The projects of the current principal's organization. Every call resolves the organization from the principal and
 * reads and writes only its partition.
 *
 * @author tenancy
 * @since 0.1
 */
@TenantScoped
public interface ProjectRepository extends TenantScopedRepository<Project, String> {

	/**
	 * A page of the organization's projects in id order, as summaries: a Query on the tenant partition with
	 * {@code begins_with(sk, 'PROJECT#')} that reads only the summary's attributes.
	 * @param position where to continue, {@code ScrollPosition.keyset()} for the first page
	 * @param limit the page size
	 * @return the page
	 */
	Window<ProjectSummary> findAllBy(ScrollPosition position, Limit limit);

}
