package dev.tenancy.iam.request;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A cursor over one UTF-8 JSON document (RFC 8259): the lexical side of {@link RequestBodyReader}, which builds the
 * tree. It reads strings, names, numbers and literals, checks a whole value without building it, and refuses
 * anything outside the grammar: unescaped control characters, invalid escapes, malformed or overlong UTF-8 and encoded
 * surrogates, leading zeros, nesting deeper than {@value #MAX_DEPTH} and numbers longer than {@value #MAX_NUMBER_LENGTH}
 * characters (Jackson's default read constraints). Each refusal is an {@link IllegalArgumentException} naming the
 * problem and the byte offset.
 * <p>
 * Not thread-safe: one cursor reads one document.
 *
 * @author tenancy
 * @since 0.3
 */
final class JsonBytes {

	/** What {@link #skipWhitespace()} returns at the end of the document. */
	static final int END = -1;

	/** The deepest nesting of objects and arrays read, as in Jackson's default read constraints. */
	static final int MAX_DEPTH = 500;

	/** The longest number read, in characters, as in Jackson's default read constraints. */
	static final int MAX_NUMBER_LENGTH = 1000;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Eight bytes of a document at a time, for scanning strings. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final byte[] bytes;

	private int position;

	JsonBytes(byte[] bytes) {
		this.bytes = bytes;
	}

	/** Skip whitespace; return the next byte (not consumed), or {@link #END}. */
	int skipWhitespace() {
		byte[] b = this.bytes;
		int i = this.position;
		while (i < b.length) {
			byte c = b[i];
			if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
				this.position = i;
				return c & 0xFF;
			}
			i++;
		}
		this.position = i;
		return END;
	}

	/** Check the value that starts at the next non-whitespace byte, building nothing. */
	void skipValue(int depth) {
		int c = skipWhitespace();
		switch (c) {
			case '{' -> skipObject(depth + 1);
			case '[' -> skipArray(depth + 1);
			case '"' -> string(false);
			case 't' -> literal("true");
			case 'f' -> literal("false");
			case 'n' -> literal("null");
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					numberEnd();
				}
				else {
					throw unexpected(c, "a JSON value");
				}
			}
		}
	}

	private void skipObject(int depth) {
		if (enter(depth, '}')) {
			return;
		}
		do {
			name(false);
			skipValue(depth);
		}
		while (!endOfMembers('}'));
	}

	private void skipArray(int depth) {
		if (enter(depth, ']')) {
			return;
		}
		do {
			skipValue(depth);
		}
		while (!endOfMembers(']'));
	}

	/**
	 * A property name and the colon after it.
	 * @param keep whether to return the name; {@literal null} is returned otherwise
	 */
	@Nullable String name(boolean keep) {
		int c = skipWhitespace();
		if (c != '"') {
			throw unexpected(c, "a property name");
		}
		String name = string(keep);
		c = skipWhitespace();
		if (c != ':') {
			throw unexpected(c, "':'");
		}
		this.position++;
		return name;
	}

	/** After a member or element: consume a comma (more follow) or the closing bracket (the end). */
	boolean endOfMembers(char close) {
		int c = skipWhitespace();
		this.position++;
		if (c == ',') {
			return false;
		}
		if (c == close) {
			return true;
		}
		this.position--;
		throw unexpected(c, "',' or '" + close + "'");
	}

	/**
	 * Enter the object or array whose opening bracket is at the current position.
	 * @param depth its nesting depth
	 * @param close its closing bracket
	 * @return whether it is empty (then its closing bracket is consumed too)
	 */
	boolean enter(int depth, char close) {
		if (depth > MAX_DEPTH) {
			throw error("nesting deeper than " + MAX_DEPTH + " levels");
		}
		this.position++;
		if (skipWhitespace() == close) {
			this.position++;
			return true;
		}
		return false;
	}

	/** The literal ({@code true}, {@code false} or {@code null}) that starts at the current position. */
	void literal(String literal) {
		int end = this.position + literal.length();
		if (end > this.bytes.length) {
			throw error("unrecognised token");
		}
		for (int i = 0; i < literal.length(); i++) {
			if (this.bytes[this.position + i] != literal.charAt(i)) {
				throw error("unrecognised token");
			}
		}
		this.position = end;
	}

	/**
	 * A string whose opening quote is at the current position.
	 * @param keep whether to return it; {@literal null} is returned otherwise
	 */
	@Nullable String string(boolean keep) {
		byte[] b = this.bytes;
		int start = this.position + 1;
		int i = start;
		while (i + Long.BYTES <= b.length && !hasSpecialByte((long) LONGS.get(b, i))) {
			i += Long.BYTES;
		}
		while (i < b.length) {
			byte c = b[i];
			if (c == '"') {
				this.position = i + 1;
				return keep ? new String(b, start, i - start, StandardCharsets.ISO_8859_1) : null;
			}
			if (c == '\\' || c < 0x20) {
				// Escapes, control characters and non-ASCII (negative) bytes: the careful path
				break;
			}
			i++;
		}
		return escapedString(start, i, keep);
	}

	private @Nullable String escapedString(int start, int from, boolean keep) {
		byte[] b = this.bytes;
		StringBuilder out = keep ? new StringBuilder(from - start + 16).append(
				new String(b, start, from - start, StandardCharsets.ISO_8859_1)) : null;
		int i = from;
		while (true) {
			if (i >= b.length) {
				this.position = i;
				throw error("unterminated string");
			}
			int c = b[i] & 0xFF;
			if (c == '"') {
				this.position = i + 1;
				return (out != null) ? out.toString() : null;
			}
			if (c == '\\') {
				this.position = i;
				i = escape(i + 1, out);
			}
			else if (c < 0x20) {
				this.position = i;
				throw error("unescaped control character in a string");
			}
			else if (c < 0x80) {
				if (out != null) {
					out.append((char) c);
				}
				i++;
			}
			else {
				this.position = i;
				i = utf8(i, c, out);
			}
		}
	}

	/** An escape sequence after its backslash; returns the index after it. */
	private int escape(int at, @Nullable StringBuilder out) {
		if (at >= this.bytes.length) {
			throw error("unterminated string");
		}
		byte kind = this.bytes[at];
		if (kind == 'u') {
			if (at + 4 >= this.bytes.length) {
				throw error("unterminated string");
			}
			int code = 0;
			for (int i = at + 1; i <= at + 4; i++) {
				int digit = Character.digit(this.bytes[i], 16);
				if (digit < 0) {
					throw error("invalid \\u escape");
				}
				code = (code << 4) | digit;
			}
			if (out != null) {
				out.append((char) code);
			}
			return at + 5;
		}
		char decoded = switch (kind) {
			case '"' -> '"';
			case '\\' -> '\\';
			case '/' -> '/';
			case 'b' -> '\b';
			case 'f' -> '\f';
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			default -> throw error("invalid escape sequence");
		};
		if (out != null) {
			out.append(decoded);
		}
		return at + 1;
	}

	/** A multi-byte UTF-8 sequence starting with {@code lead}; returns the index after it. */
	private int utf8(int at, int lead, @Nullable StringBuilder out) {
		int length;
		int code;
		int min;
		if (lead >= 0xC2 && lead <= 0xDF) {
			length = 2;
			code = lead & 0x1F;
			min = 0x80;
		}
		else if (lead >= 0xE0 && lead <= 0xEF) {
			length = 3;
			code = lead & 0x0F;
			min = 0x800;
		}
		else if (lead >= 0xF0 && lead <= 0xF4) {
			length = 4;
			code = lead & 0x07;
			min = 0x10000;
		}
		else {
			throw error("invalid UTF-8");
		}
		if (at + length > this.bytes.length) {
			throw error("invalid UTF-8");
		}
		for (int i = at + 1; i < at + length; i++) {
			int next = this.bytes[i] & 0xFF;
			if ((next & 0xC0) != 0x80) {
				throw error("invalid UTF-8");
			}
			code = (code << 6) | (next & 0x3F);
		}
		if (code < min || code > Character.MAX_CODE_POINT
				|| (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
			throw error("invalid UTF-8");
		}
		if (out != null) {
			out.appendCodePoint(code);
		}
		return at + length;
	}

	/** The number that starts at the current position, as the node type a standard parser gives it. */
	JsonNode number() {
		int start = this.position;
		boolean integral = numberEnd();
		int length = this.position - start;
		String text = new String(this.bytes, start, length, StandardCharsets.ISO_8859_1);
		if (!integral) {
			return NODES.numberNode(Double.parseDouble(text));
		}
		if (length <= 18) {
			long value = Long.parseLong(text);
			return (value == (int) value) ? NODES.numberNode((int) value) : NODES.numberNode(value);
		}
		BigInteger value = new BigInteger(text);
		return (value.bitLength() < Long.SIZE) ? NODES.numberNode(value.longValue()) : NODES.numberNode(value);
	}

	/**
	 * Move past a number ({@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}) that starts at the current
	 * position.
	 * @return whether it is an integer (no fraction, no exponent)
	 */
	private boolean numberEnd() {
		int start = this.position;
		int i = start;
		if (this.bytes[i] == '-') {
			i++;
		}
		if (i < this.bytes.length && this.bytes[i] == '0') {
			i++;
			if (i < this.bytes.length && isDigit(this.bytes[i])) {
				this.position = i;
				throw error("leading zero in a number");
			}
		}
		else {
			i = digits(i);
		}
		boolean integral = true;
		if (i < this.bytes.length && this.bytes[i] == '.') {
			integral = false;
			i = digits(i + 1);
		}
		if (i < this.bytes.length && (this.bytes[i] == 'e' || this.bytes[i] == 'E')) {
			integral = false;
			i++;
			if (i < this.bytes.length && (this.bytes[i] == '+' || this.bytes[i] == '-')) {
				i++;
			}
			i = digits(i);
		}
		this.position = i;
		if (i - start > MAX_NUMBER_LENGTH) {
			throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
		}
		return integral;
	}

	/** At least one digit from {@code from}; returns the index after the last. */
	private int digits(int from) {
		int i = from;
		while (i < this.bytes.length && isDigit(this.bytes[i])) {
			i++;
		}
		if (i == from) {
			this.position = i;
			throw error("malformed number");
		}
		return i;
	}

	/**
	 * Whether any of eight bytes ends or complicates a plain string: a quote, a backslash, a control character or
	 * a byte of a multi-byte UTF-8 sequence (the classic zero-byte and less-than tests on a whole word).
	 */
	private static boolean hasSpecialByte(long word) {
		long quotes = word ^ 0x2222222222222222L;
		long backslashes = word ^ 0x5C5C5C5C5C5C5C5CL;
		long zeroQuote = (quotes - 0x0101010101010101L) & ~quotes;
		long zeroBackslash = (backslashes - 0x0101010101010101L) & ~backslashes;
		long control = word - 0x2020202020202020L;
		return ((zeroQuote | zeroBackslash | control | word) & 0x8080808080808080L) != 0;
	}

	private static boolean isDigit(byte c) {
		return c >= '0' && c <= '9';
	}

	/** A refusal of the byte {@code c} (or the end) where {@code expected} should be. */
	IllegalArgumentException unexpected(int c, String expected) {
		String found = (c == END) ? "the end of the body"
				: (c >= 0x20 && c < 0x7F) ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
		return error("expected " + expected + " but found " + found);
	}

	/** A refusal naming the problem and the current byte offset. */
	IllegalArgumentException error(String problem) {
		return new IllegalArgumentException(problem + " at byte " + this.position);
	}

}
