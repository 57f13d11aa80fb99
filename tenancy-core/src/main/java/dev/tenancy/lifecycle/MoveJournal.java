package dev.tenancy.lifecycle;

import java.util.Optional;

import dev.tenancy.context.TenantId;

/**
 * Where a move between tiers records how far it got, so that an interrupted move can be resumed or rolled back.
 * {@link #save(MoveState)} must be durable when it returns for a move to survive a crash of the JVM:
 * {@link FileMoveJournal} is; {@link InMemoryMoveJournal} survives only failures inside the JVM.
 *
 * @author tenancy
 * @since 0.4
 */
public interface MoveJournal {

	/**
	 * @param tenant the tenant
	 * @return the state of the tenant's unfinished move, if any
	 */
	Optional<MoveState> find(TenantId tenant);

	/**
	 * Record the state of a move, replacing the tenant's previous one.
	 * @param state the state
	 */
	void save(MoveState state);

	/**
	 * Forget the tenant's move (it finished or was rolled back).
	 * @param tenant the tenant
	 */
	void remove(TenantId tenant);

}
