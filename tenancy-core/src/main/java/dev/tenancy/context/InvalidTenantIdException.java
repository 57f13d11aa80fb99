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

	private static final int MAX_QUOTED = 64;

	/**
	 * @param message the detail message
	 */
	public InvalidTenantIdException(String message) {
		super(message);
	}

	static String printable(String raw) {
		StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_QUOTED) + 8);
		for (int i = 0; i < raw.length() && i < MAX_QUOTED; i++) {
			char c = raw.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				out.append(c);
			}
			else {
				out.append(String.format("\\u%04x", (int) c));
			}
		}
		if (raw.length() > MAX_QUOTED) {
			out.append("...");
		}
		return out.toString();
	}

}
