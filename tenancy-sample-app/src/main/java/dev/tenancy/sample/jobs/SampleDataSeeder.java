package dev.tenancy.sample.jobs;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import dev.tenancy.sample.project.ProjectDetails;
import dev.tenancy.sample.project.ProjectService;
import dev.tenancy.sample.project.ProjectStatus;
import dev.tenancy.sample.project.TaskDetails;
import dev.tenancy.sample.project.TaskService;
import dev.tenancy.sample.project.TaskStatus;
import dev.tenancy.sample.security.SampleUser;

/**
 * Seeds the two sample organizations, {@code acme} and {@code globex}, with projects and tasks when the application
 * starts ({@code sample.seed.enabled}, on by default without the {@code aws} profile).
 * <p>
 * It does not bypass anything: for each organization it acts as that organization's administrator (a principal with
 * the organization as tenant and {@code ROLE_ADMIN}) and goes through the services, so every item is written by the
 * organization's own STS session. An organization that already has its first project is left alone.
 *
 * @author tenancy
 * @since 0.1
 */
@Component
@ConditionalOnBooleanProperty(name = "sample.seed.enabled")
public class SampleDataSeeder implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(SampleDataSeeder.class);

	private final ProjectService projects;

	private final TaskService tasks;

	/**
	 * @param projects the project service
	 * @param tasks the task service
	 */
	public SampleDataSeeder(ProjectService projects, TaskService tasks) {
		this.projects = projects;
		this.tasks = tasks;
	}

	@Override
	public void run(ApplicationArguments args) {
		asAdministratorOf("acme", () -> {
			this.projects.create("rocket-skates", new ProjectDetails("Rocket skates",
					"Roller skates with a rocket for desert pursuits.", ProjectStatus.ACTIVE,
					new BigDecimal("250000"), "The wheel supplier is under review."));
			this.tasks.create("rocket-skates", "t-1", new TaskDetails("Test the brakes", TaskStatus.OPEN, "alice",
					LocalDate.of(2026, 12, 1)));
			this.tasks.create("rocket-skates", "t-2", new TaskDetails("Order more rockets", TaskStatus.IN_PROGRESS,
					"admin", null));
			this.projects.create("giant-magnet", new ProjectDetails("Giant magnet", "A magnet strong enough for "
					+ "anvils.", ProjectStatus.ON_HOLD, new BigDecimal("80000"), "Paused after the anvil incident."));
			this.tasks.create("giant-magnet", "t-1", new TaskDetails("Calibrate the field", TaskStatus.OPEN, "alice",
					null));
		});
		asAdministratorOf("globex", () -> {
			this.projects.create("doomsday-device", new ProjectDetails("Doomsday device",
					"A device of considerable persuasive power.", ProjectStatus.ACTIVE, new BigDecimal("10000000"),
					"Do not tell the board."));
			this.tasks.create("doomsday-device", "t-1", new TaskDetails("Hire more henchmen", TaskStatus.OPEN, "bob",
					null));
		});
	}

	private static void asAdministratorOf(String organization, Runnable work) {
		SampleUser administrator = new SampleUser("seed", "", organization,
				AuthorityUtils.createAuthorityList("ROLE_USER", "ROLE_ADMIN"));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(administrator, null,
				administrator.getAuthorities()));
		SecurityContextHolder.setContext(context);
		try {
			work.run();
			logger.info(String.format("Seeded the sample data of organization '%s'.", organization));
		}
		catch (DuplicateKeyException ex) {
			logger.info(String.format("Organization '%s' already has sample data; not seeding it.", organization));
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
