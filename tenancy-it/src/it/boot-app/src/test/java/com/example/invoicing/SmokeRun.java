package com.example.invoicing;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * With --invoicing.smoke-exit=true: one repository round trip on the running application, then exit (non-zero if it
 * failed), so that the build can check 'spring-boot:test-run' without leaving the application running.
 */
@TestConfiguration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("invoicing.smoke-exit")
class SmokeRun {

	@Bean
	ApplicationRunner roundTripAndExit(InvoiceRepository invoices, ConfigurableApplicationContext context) {
		return (args) -> {
			TenantContext.runAs(TenantId.of("acme"), () -> invoices.save(new Invoice("smoke-1", "Initech", 100)));
			boolean found = TenantContext.callAs(TenantId.of("acme"), () -> invoices.findById("smoke-1").isPresent());
			System.out.println("Smoke run of the invoicing application on the dev services: round trip " + (found ? "ok" : "FAILED"));
			System.exit(SpringApplication.exit(context, () -> found ? 0 : 1));
		};
	}

}
