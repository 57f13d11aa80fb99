package dev.tenancy.lifecycle;

/**
 * The phases of a move between tiers, in order. The {@link MoveJournal} records the last one reached; a resumed move
 * continues after it, a rollback is possible before {@link #SWITCHED}.
 *
 * @author tenancy
 * @since 0.4
 */
public enum MovePhase {

	/** The tenant's writes are fenced and the target holds none of its items. */
	FENCED,

	/** Items are being copied; the journal holds the table and the cursor of the last copied page. */
	COPYING,

	/** Every item of the source is in the target. */
	COPIED,

	/** Source and target have the same count and checksum, recorded in the journal. */
	VERIFIED,

	/** The tenant's tier is the target's; its sessions and compiled policies were evicted and the fence lifted. */
	SWITCHED,

	/** The source copy is removed; only the audit record is left to emit. */
	SOURCE_REMOVED,

	/** The move is complete (no longer in the journal). */
	DONE;

	/**
	 * @return whether the tier was switched in this phase (no rollback any more)
	 */
	public boolean switched() {
		return compareTo(SWITCHED) >= 0;
	}

}
