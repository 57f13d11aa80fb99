package dev.tenancy.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A multi-tenant project-management service: organizations share one DynamoDB table, and every request is signed
 * with an STS session that can only reach the caller's organization.
 * <p>
 * Without the {@code aws} profile it runs on the embedded default (DynamoDB Local, a local STS and the IAM-enforcing
 * gateway in-process, see {@link dev.tenancy.sample.config.EmbeddedTenancyKitInitializer}); with it, on real DynamoDB
 * and STS.
 *
 * @author tenancy
 * @since 0.1
 */
@SpringBootApplication
public class SampleApplication {

	/**
	 * Start the application.
	 * @param args the command-line arguments
	 */
	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
