package dev.tenancy.test.repository;

import java.util.List;
import java.util.Optional;

import dev.tenancy.annotation.TenantIndex;
import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

/**
 * One derived query per supported keyword.
 */
@TenantScoped
public interface ProjectRepository extends TenantScopedRepository<Project, String> {

	Optional<Project> findByIdIs(String id);

	Optional<Project> findByIdEquals(String id);

	List<Project> findByIdStartingWith(String prefix);

	List<Project> findByIdBetween(String from, String to);

	List<Project> findByIdLessThan(String id);

	List<Project> findByIdLessThanEqual(String id);

	List<Project> findByIdGreaterThan(String id);

	List<Project> findByIdGreaterThanEqual(String id);

	List<Project> findByStatus(ProjectStatus status);

	List<Project> findByStatusAndPriorityBetween(ProjectStatus status, int from, int to);

	List<Project> findByStatusAndPriorityLessThan(ProjectStatus status, int priority);

	List<Project> findByStatusAndPriorityGreaterThanEqual(ProjectStatus status, int priority);

	@TenantIndex("byOwner")
	List<Project> findByOwner(String owner);

	List<Project> findByStatusOrderByPriorityDesc(ProjectStatus status);

	List<Project> findFirst2ByIdStartingWith(String prefix);

	Optional<Project> findTopByOrderByIdDesc();

	List<Project> findAllBy(Limit limit);

	List<Project> findByIdStartingWith(String prefix, Sort sort);

	Window<Project> findAllBy(ScrollPosition position, Limit limit);

	Window<Project> findByStatus(ProjectStatus status, ScrollPosition position, Limit limit);

	long countByStatus(ProjectStatus status);

	boolean existsByOwner(String owner);

	long deleteByIdStartingWith(String prefix);

	List<ProjectName> findNamesByStatus(ProjectStatus status);

	@TenantIndex("byOwner")
	List<ProjectSummary> findSummariesByOwner(String owner);

	<T> List<T> findByIdBetween(String from, String to, Class<T> type);

	Window<ProjectName> findNamesByStatus(ProjectStatus status, ScrollPosition position, Limit limit);

	<T> Optional<T> findById(String id, Class<T> type);

	<T> List<T> findAllBy(Class<T> type);

	List<ProjectLabel> findLabelsByStatus(ProjectStatus status);

	/** A closed interface projection. */
	interface ProjectName {

		String getName();

	}

	/** An open interface projection: a SpEL expression over the whole entity. */
	interface ProjectLabel {

		@Value("#{target.name + ' [' + target.status + ']'}")
		String getLabel();

	}

	/** A DTO projection. */
	record ProjectSummary(String name, ProjectStatus status, int priority) {
	}

}
