package dev.tenancy.sample;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.ProjectRepository;
import dev.tenancy.sample.project.ProjectStatus;
import dev.tenancy.sample.project.ProjectSummary;
import dev.tenancy.test.TenancyTestKit;

import static dev.tenancy.sample.SignedInUsers.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's projects carry audited timestamps, written for administrators and for column-restricted regular users
 * alike, and its list view is a projection that a regular user's restricted session may read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditingAndProjectionTests {

	@Autowired
	private TenancyTestKit kit;

	@Autowired
	private ProjectRepository projects;

	@Test
	@DisplayName("#15 createdAt and modifiedAt are set on insert and on a regular user's save")
	void timestampsAreAudited() throws Exception {
		String id = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		Instant before = Instant.now();
		Project created = as("admin", "acme", true, () -> {
			Project project = new Project();
			project.setId(id);
			project.setName("Audited");
			project.setStatus(ProjectStatus.ACTIVE);
			return this.projects.insert(project);
		});
		assertThat(created.getCreatedAt()).isNotNull().isAfterOrEqualTo(before);
		assertThat(created.getModifiedAt()).isEqualTo(created.getCreatedAt());
		Map<String, AttributeValue> stored = stored(id);
		assertThat(stored).containsKeys("createdAt", "modifiedAt");
		Project seen = as("alice", "acme", false, () -> this.projects.findById(id).orElseThrow());
		seen.setName("Audited again");
		Project saved = as("alice", "acme", false, () -> this.projects.save(seen));
		assertThat(saved.getCreatedAt()).isEqualTo(created.getCreatedAt());
		assertThat(saved.getModifiedAt()).isAfterOrEqualTo(created.getModifiedAt());
		assertThat(stored(id).get("createdAt")).isEqualTo(stored.get("createdAt"));
		as("admin", "acme", true, () -> {
			this.projects.deleteById(id);
			return null;
		});
	}

	@Test
	@DisplayName("#15 the list view is a projection a regular user's restricted session can read")
	void theListViewIsAProjection() throws Exception {
		Window<ProjectSummary> page = as("alice", "acme", false,
				() -> this.projects.findAllBy(ScrollPosition.keyset(), Limit.of(10)));
		assertThat(page.getContent()).extracting(ProjectSummary::id).contains("giant-magnet", "rocket-skates");
		assertThat(page.getContent()).extracting(ProjectSummary::name).contains("Rocket skates");
	}

	private Map<String, AttributeValue> stored(String id) {
		return this.kit.dynamoDbLocalClient()
			.getItem((r) -> r.tableName(Project.TABLE)
				.key(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS("PROJECT#" + id)))
				.consistentRead(true))
			.item();
	}

}
