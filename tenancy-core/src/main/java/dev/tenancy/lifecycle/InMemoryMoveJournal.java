package dev.tenancy.lifecycle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tenancy.context.TenantId;

import org.springframework.util.Assert;

/**
 * A {@link MoveJournal} in this JVM's memory: a move interrupted by an exception can be resumed or rolled back, one
 * interrupted by the end of the JVM cannot (use {@link FileMoveJournal} for that). Thread-safe.
 *
 * @author tenancy
 * @since 0.4
 */
public final class InMemoryMoveJournal implements MoveJournal {

	private final Map<TenantId, MoveState> states = new ConcurrentHashMap<>();

	@Override
	public Optional<MoveState> find(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		return Optional.ofNullable(this.states.get(tenant));
	}

	@Override
	public void save(MoveState state) {
		Assert.notNull(state, "State must not be null");
		this.states.put(state.tenant(), state);
	}

	@Override
	public void remove(TenantId tenant) {
		Assert.notNull(tenant, "Tenant must not be null");
		this.states.remove(tenant);
	}

	@Override
	public String toString() {
		return "InMemoryMoveJournal" + this.states.keySet();
	}

}
