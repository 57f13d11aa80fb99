package dev.tenancy.iam.request;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.DynamoDbKeySchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a DynamoDB JSON 1.0 request body (UTF-8, RFC 8259) into a tree, keeping only what IAM's request context and
 * the guard's rules read.
 * <p>
 * The values of an item's attributes ({@code Item} of PutItem, of a BatchWriteItem put and of a TransactWriteItems
 * put) are kept only for key attributes of the {@link DynamoDbKeySchema}; every other attribute keeps its name and
 * gets a JSON {@code null} for a value: its value is checked to be well-formed JSON but not turned into nodes.
 * Attribute names are all that IAM evaluates of an item ({@code dynamodb:Attributes}), and key values are all the
 * extractor and {@link IndexKeyConfinement} read, so the tree answers both exactly as the whole document would.
 * <p>
 * The reader works on the bytes directly instead of through a general-purpose streaming parser: a request body is
 * read on every guarded call, and for the small bodies of single-item calls setting up a parser cost more than
 * reading the body. It is strict where a parser differential could matter: it refuses malformed JSON, trailing
 * content, a byte order mark or any encoding other than UTF-8, malformed or overlong UTF-8 and encoded surrogates,
 * unescaped control characters, nesting deeper than {@value #MAX_DEPTH}, numbers longer than
 * {@value #MAX_NUMBER_LENGTH} characters, and a property that appears twice in any object it builds (the request
 * itself, a key, an item's attribute names, expression attribute names and values); duplicate properties inside a
 * skipped attribute value are not looked at, as they change nothing IAM evaluates. Whatever it accepts, a standard
 * JSON parser reads as the same tree.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.2
 */
final class RequestBodyReader {

	/** The deepest nesting of objects and arrays read, as in Jackson's default read constraints. */
	static final int MAX_DEPTH = 500;

	/** The longest number read, in characters, as in Jackson's default read constraints. */
	static final int MAX_NUMBER_LENGTH = 1000;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	/** Eight bytes of a body at a time, for scanning strings. */
	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private final Set<String> keyAttributes;

	/**
	 * @param keyAttributes the attributes whose values an item keeps: every key attribute of the schema's tables and
	 * indexes
	 */
	RequestBodyReader(Set<String> keyAttributes) {
		this.keyAttributes = Set.copyOf(keyAttributes);
	}

	/**
	 * @param body the JSON body, UTF-8
	 * @return the tree; a missing node for an empty body
	 * @throws IllegalArgumentException if the body is not one well-formed JSON value with unique property names
	 */
	JsonNode read(byte[] body) {
		Cursor cursor = new Cursor(body);
		if (cursor.skipWhitespace() == Cursor.END) {
			return NODES.missingNode();
		}
		JsonNode root = cursor.value(Position.REQUEST, 0);
		if (cursor.skipWhitespace() != Cursor.END) {
			throw cursor.error("trailing content after the JSON value");
		}
		return root;
	}

	/** One pass over one body. */
	private final class Cursor {

		static final int END = -1;

		private final byte[] bytes;

		private int position;

		Cursor(byte[] bytes) {
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

		/** Read the value that starts at the next non-whitespace byte. */
		JsonNode value(Position at, int depth) {
			int c = skipWhitespace();
			return switch (c) {
				case '{' -> object(at, depth + 1);
				case '[' -> array(at, depth + 1);
				case '"' -> NODES.stringNode(string(true));
				case 't' -> {
					literal("true");
					yield NODES.booleanNode(true);
				}
				case 'f' -> {
					literal("false");
					yield NODES.booleanNode(false);
				}
				case 'n' -> {
					literal("null");
					yield NODES.nullNode();
				}
				default -> {
					if (c == '-' || (c >= '0' && c <= '9')) {
						yield number();
					}
					throw unexpected(c, "a JSON value");
				}
			};
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

		private ObjectNode object(Position at, int depth) {
			checkDepth(depth);
			this.position++;
			ObjectNode object = NODES.objectNode();
			if (skipWhitespace() == '}') {
				this.position++;
				return object;
			}
			while (true) {
				String name = Objects.requireNonNull(name(true));
				JsonNode value;
				if (at == Position.ITEM && !RequestBodyReader.this.keyAttributes.contains(name)) {
					skipValue(depth);
					value = NODES.nullNode();
				}
				else {
					value = value(at.member(name), depth);
				}
				if (object.replace(name, value) != null) {
					throw error("duplicate property '" + Printable.of(name) + "'");
				}
				if (endOfMembers('}')) {
					return object;
				}
			}
		}

		private void skipObject(int depth) {
			checkDepth(depth);
			this.position++;
			if (skipWhitespace() == '}') {
				this.position++;
				return;
			}
			do {
				name(false);
				skipValue(depth);
			}
			while (!endOfMembers('}'));
		}

		private ArrayNode array(Position at, int depth) {
			checkDepth(depth);
			this.position++;
			ArrayNode array = NODES.arrayNode();
			if (skipWhitespace() == ']') {
				this.position++;
				return array;
			}
			Position elements = at.element();
			do {
				array.add(value(elements, depth));
			}
			while (!endOfMembers(']'));
			return array;
		}

		private void skipArray(int depth) {
			checkDepth(depth);
			this.position++;
			if (skipWhitespace() == ']') {
				this.position++;
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
		private @Nullable String name(boolean keep) {
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
		private boolean endOfMembers(char close) {
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

		private void checkDepth(int depth) {
			if (depth > MAX_DEPTH) {
				throw error("nesting deeper than " + MAX_DEPTH + " levels");
			}
		}

		private void literal(String literal) {
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
		private @Nullable String string(boolean keep) {
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

		private JsonNode number() {
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

		private IllegalArgumentException unexpected(int c, String expected) {
			String found = (c == END) ? "the end of the body"
					: (c >= 0x20 && c < 0x7F) ? "'" + (char) c + "'" : String.format("byte 0x%02x", c);
			return error("expected " + expected + " but found " + found);
		}

		private IllegalArgumentException error(String problem) {
			return new IllegalArgumentException(problem + " at byte " + this.position);
		}

	}

	/**
	 * Where in a request a value sits, as far as it matters for finding items: the request's {@code Item}, the
	 * {@code PutRequest} items of {@code RequestItems} and the {@code Put} items of {@code TransactItems}.
	 */
	private enum Position {

		REQUEST, REQUEST_ITEMS, TABLE_WRITES, WRITE, TRANSACT_ITEMS, TRANSACT_ELEMENT, PUT, ITEM, OTHER;

		Position member(String name) {
			return switch (this) {
				case REQUEST -> switch (name) {
					case "Item" -> ITEM;
					case "RequestItems" -> REQUEST_ITEMS;
					case "TransactItems" -> TRANSACT_ITEMS;
					default -> OTHER;
				};
				case REQUEST_ITEMS -> TABLE_WRITES;
				case WRITE -> name.equals("PutRequest") ? PUT : OTHER;
				case TRANSACT_ELEMENT -> name.equals("Put") ? PUT : OTHER;
				case PUT -> name.equals("Item") ? ITEM : OTHER;
				default -> OTHER;
			};
		}

		Position element() {
			return switch (this) {
				case TABLE_WRITES -> WRITE;
				case TRANSACT_ITEMS -> TRANSACT_ELEMENT;
				default -> OTHER;
			};
		}

	}

}
