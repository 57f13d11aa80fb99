package dev.tenancy.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample from the test class path ({@code mvn spring-boot:test-run} or the IDE), on the embedded default:
 * the test kit's dev services provide DynamoDB Local, a local STS and the IAM-enforcing gateway.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).run(args);
	}

}
