package dev.tenancy.autoconfigure.repository.sample;

import java.util.List;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.repository.TenantScopedRepository;

/**
 * A tenant-scoped repository found by the auto-configuration.
 */
@TenantScoped
public interface NoteRepository extends TenantScopedRepository<Note, String> {

	List<Note> findByAuthor(String author);

}
