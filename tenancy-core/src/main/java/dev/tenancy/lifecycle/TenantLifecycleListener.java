package dev.tenancy.lifecycle;

/**
 * Receives the audit records of lifecycle operations, for example to store them or publish them as events. Called on
 * the thread of the operation after it completed; an exception of a listener is logged and does not undo the
 * operation. {@link TenantLifecycle} also logs each record at INFO.
 *
 * @author tenancy
 * @since 0.4
 */
public interface TenantLifecycleListener {

	/**
	 * @param record what a purge removed
	 */
	default void purged(PurgeRecord record) {
	}

	/**
	 * @param record what a move moved
	 */
	default void moved(MoveRecord record) {
	}

}
