package dev.tenancy.sample;

import org.springframework.boot.SpringApplication;

/**
 * Runs the sample from the IDE's test class path, on the embedded default.
 */
public final class TestSampleApplication {

	private TestSampleApplication() {
	}

	public static void main(String[] args) {
		SpringApplication.from(SampleApplication::main).run(args);
	}

}
