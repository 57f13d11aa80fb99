package dev.tenancy.core;

import java.io.Serial;

import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown when DynamoDB still reports unprocessed items of a batch call after the configured number of attempts. Batch
 * calls are not atomic: the exception states how many items of the call were processed and how many were not, so
 * that nothing is lost silently.
 *
 * @author tenancy
 * @since 0.1
 */
public class IncompleteBatchException extends TransientDataAccessResourceException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int processed;

	private final int unprocessed;

	/**
	 * @param operation the DynamoDB operation, {@code BatchWriteItem} or {@code BatchGetItem}
	 * @param table the table name
	 * @param processed how many items of the call were processed
	 * @param unprocessed how many items were still unprocessed
	 * @param attempts how many attempts were made
	 */
	public IncompleteBatchException(String operation, String table, int processed, int unprocessed, int attempts) {
		super(String.format("%s on table '%s' left %d of %d items unprocessed after %d attempts (the other %d were "
				+ "processed; batch calls are not atomic). The table is throttled: retry the remaining items later or "
				+ "raise its capacity.", operation, table, unprocessed, processed + unprocessed, attempts, processed));
		this.processed = processed;
		this.unprocessed = unprocessed;
	}

	/**
	 * @return how many items of the call were processed
	 */
	public int getProcessed() {
		return this.processed;
	}

	/**
	 * @return how many items were still unprocessed
	 */
	public int getUnprocessed() {
		return this.unprocessed;
	}

}
