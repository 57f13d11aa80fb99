package com.example.invoicing;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A repository round trip on the test kit's dev services: no kit code, no endpoints, no table set-up in the app.
 */
@SpringBootTest
class InvoiceRepositoryTests {

	@Autowired
	private InvoiceRepository invoices;

	@Test
	void aTenantReadsBackWhatItSavedAndAnotherTenantSeesNothing() {
		TenantContext.runAs(TenantId.of("acme"), () -> this.invoices.save(new Invoice("2026-001", "Initech", 12_500)));

		Invoice read = TenantContext.callAs(TenantId.of("acme"), () -> this.invoices.findById("2026-001").orElseThrow());
		assertThat(read.getCustomer()).isEqualTo("Initech");
		assertThat(read.getAmountCents()).isEqualTo(12_500);

		TenantContext.runAs(TenantId.of("globex"), () -> {
			assertThat(this.invoices.findById("2026-001")).isEmpty();
			assertThat(this.invoices.findByIdStartingWith("2026")).isEmpty();
			assertThat(this.invoices.count()).isZero();
		});
	}

}
