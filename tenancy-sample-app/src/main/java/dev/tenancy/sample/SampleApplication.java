package dev.tenancy.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A multi-tenant project-management service: organizations share one DynamoDB table, and every request is signed
 * with an STS session that can only reach the caller's organization.
 * <p>
 * With the {@code aws} profile it runs on real DynamoDB and STS. Locally it runs from the test class path
 * ({@code TestSampleApplication}, {@code mvn spring-boot:test-run}), where the test kit's dev services provide
 * DynamoDB Local, a local STS and the IAM-enforcing gateway in-process; the production jar has none of them.
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
