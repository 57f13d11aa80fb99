package dev.tenancy.test.repository;

import java.util.stream.Stream;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * Notes of the current tenant.
 */
@TenantScoped
public interface NoteRepository extends TenantScopedRepository<Note, String> {

	Stream<Note> findByIdStartingWith(String prefix);

	Stream<Note> findFirst5ByIdStartingWith(String prefix);

}
