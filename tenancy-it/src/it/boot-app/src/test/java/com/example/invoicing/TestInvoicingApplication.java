package com.example.invoicing;

import org.springframework.boot.SpringApplication;

/**
 * Runs the application locally from the test class path ('mvn spring-boot:test-run'): the test kit's dev services
 * provide DynamoDB, STS and IAM.
 */
public class TestInvoicingApplication {

	public static void main(String[] args) {
		SpringApplication.from(InvoicingApplication::main).with(SmokeRun.class).run(args);
	}

}
