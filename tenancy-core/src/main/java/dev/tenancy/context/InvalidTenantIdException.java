package dev.tenancy.context;

import java.io.Serial;

/**
 * Thrown when a raw tenant id does not satisfy {@link TenantId#ALLOWED}. The message quotes the offending value with
 * control and non-ASCII characters escaped, so that hostile input cannot forge log lines.
 *
 * @author tenancy
 * @since 0.1
 */
public class InvalidTenantIdException extends IllegalArgumentException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * @param message the detail message
	 */
	public InvalidTenantIdException(String message) {
		super(message);
	}

}
