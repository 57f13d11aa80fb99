package dev.tenancy.test.repository;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * Logins of the current tenant.
 */
@TenantScoped
public interface LoginRepository extends TenantScopedRepository<Login, String> {

}
