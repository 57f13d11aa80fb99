package dev.tenancy.context;

import org.jspecify.annotations.Nullable;

/**
 * Renders untrusted strings (tenant ids, table names, attribute names, expressions from request bodies) for exception
 * messages: control and non-ASCII characters are escaped and long values are cut, so that hostile input cannot forge
 * log lines.
 *
 * @author tenancy
 * @since 0.1
 */
public final class Printable {

	private static final int MAX_LENGTH = 96;

	private Printable() {
	}

	/**
	 * @param raw the untrusted string, may be {@literal null}
	 * @return the string with control and non-ASCII characters written as Unicode escapes, cut after 96 characters
	 */
	public static String of(@Nullable String raw) {
		if (raw == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_LENGTH) + 8);
		for (int i = 0; i < raw.length() && i < MAX_LENGTH; i++) {
			char c = raw.charAt(i);
			if (c >= 0x20 && c < 0x7f) {
				out.append(c);
			}
			else {
				out.append(String.format("\\u%04x", (int) c));
			}
		}
		if (raw.length() > MAX_LENGTH) {
			out.append("...");
		}
		return out.toString();
	}

}
