package com.example.invoicing;

import java.util.List;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

@TenantScoped
public interface InvoiceRepository extends TenantScopedRepository<Invoice, String> {

	List<Invoice> findByIdStartingWith(String prefix);

}
