package dev.tenancy.test.repository;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * Notes of the current tenant.
 */
@TenantScoped
public interface NoteRepository extends TenantScopedRepository<Note, String> {

}
