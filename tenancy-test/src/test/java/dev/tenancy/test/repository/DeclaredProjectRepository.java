package dev.tenancy.test.repository;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.query.Query;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.query.Param;

/**
 * Declared queries on the table and on the tenant indexes, one per return type.
 */
@TenantScoped
public interface DeclaredProjectRepository extends TenantScopedRepository<Project, String> {

	@Query("id BETWEEN :from AND :to")
	List<Project> inRange(String from, String to);

	@Query("begins_with(id, :prefix)")
	List<Project> startingWith(String prefix);

	@Query(value = "begins_with(id, :prefix)", filter = "owner = :owner AND NOT status = :status")
	List<Project> ownedNotIn(String prefix, String owner, @Param("status") ProjectStatus excluded);

	@Query(index = "byStatus", value = "status = :status AND priority >= :min")
	List<Project> urgent(ProjectStatus status, int min);

	@Query(index = "byStatus", value = "status = :status", filter = "owner = :owner OR attribute_not_exists(owner)",
			direction = Sort.Direction.DESC)
	List<Project> byStatusOwnedBy(ProjectStatus status, String owner);

	@Query(index = "byOwner", value = "owner = :owner", filter = "contains(name, :part)")
	List<Project> ownedAndNamed(String owner, String part);

	@Query(value = "begins_with(id, :prefix)", direction = Sort.Direction.DESC, limit = 1)
	Optional<Project> last(String prefix);

	@Query("begins_with(id, :prefix)")
	Stream<Project> streamStartingWith(String prefix);

	@Query(index = "byStatus", value = "status = :status")
	Window<Project> scrollByStatus(ProjectStatus status, ScrollPosition position, Limit limit);

	@Query(index = "byStatus", value = "status = :status", filter = "owner = :owner", count = true)
	long countOwned(ProjectStatus status, String owner);

	@Query(index = "byOwner", value = "owner = :owner", exists = true)
	boolean anyOwnedBy(String owner);

	@Query(value = "begins_with(id, :prefix)", filter = "owner = :owner", delete = true)
	long deleteOwned(String prefix, String owner);

	@Query(index = "byStatus", value = "status = :status")
	List<ProjectRepository.ProjectName> namesByStatus(ProjectStatus status);

	@Query(index = "byOwner", value = "owner = :owner")
	List<ProjectRepository.ProjectSummary> summariesOwnedBy(String owner);

	@Query("id BETWEEN :from AND :to")
	<T> List<T> inRange(String from, String to, Class<T> type);

}
