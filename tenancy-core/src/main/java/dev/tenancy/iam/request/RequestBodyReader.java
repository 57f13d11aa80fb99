package dev.tenancy.iam.request;

import java.util.Objects;
import java.util.Set;

import dev.tenancy.context.Printable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a DynamoDB JSON 1.0 request body (UTF-8, RFC 8259) into a tree, keeping only what IAM's request context and
 * the guard's rules read.
 * <p>
 * The values of an item's attributes ({@code Item} of PutItem, of a BatchWriteItem put and of a TransactWriteItems
 * put) are kept only for key attributes of the {@link dev.tenancy.keys.DynamoDbKeySchema}; every other attribute
 * keeps its name and gets a JSON {@code null} for a value: its value is checked to be well-formed JSON but not turned
 * into nodes.
 * Attribute names are all that IAM evaluates of an item ({@code dynamodb:Attributes}), and key values are all the
 * extractor and {@link IndexKeyConfinement} read, so the tree answers both exactly as the whole document would.
 * <p>
 * The reader works on the bytes directly instead of through a general-purpose streaming parser: a request body is
 * read on every guarded call, and for the small bodies of single-item calls setting up a parser cost more than
 * reading the body. It is strict where a parser differential could matter: it refuses malformed JSON, trailing
 * content, a byte order mark or any encoding other than UTF-8, malformed or overlong UTF-8 and encoded surrogates,
 * unescaped control characters, excessive nesting and overlong numbers (see {@link JsonBytes}), and a property that
 * appears twice in any object it builds (the request itself, a key, an item's attribute names, expression attribute
 * names and values); duplicate properties inside a skipped attribute value are not looked at, as they change nothing
 * IAM evaluates. Whatever it accepts, a standard JSON parser reads as the same tree.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.2
 */
final class RequestBodyReader {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
		JsonBytes in = new JsonBytes(body);
		if (in.skipWhitespace() == JsonBytes.END) {
			return NODES.missingNode();
		}
		JsonNode root = value(in, Position.REQUEST, 0);
		if (in.skipWhitespace() != JsonBytes.END) {
			throw in.error("trailing content after the JSON value");
		}
		return root;
	}

	/** Read the value that starts at the next non-whitespace byte. */
	private JsonNode value(JsonBytes in, Position at, int depth) {
		int c = in.skipWhitespace();
		return switch (c) {
			case '{' -> object(in, at, depth + 1);
			case '[' -> array(in, at, depth + 1);
			case '"' -> NODES.stringNode(in.string(true));
			case 't' -> {
				in.literal("true");
				yield NODES.booleanNode(true);
			}
			case 'f' -> {
				in.literal("false");
				yield NODES.booleanNode(false);
			}
			case 'n' -> {
				in.literal("null");
				yield NODES.nullNode();
			}
			default -> {
				if (c == '-' || (c >= '0' && c <= '9')) {
					yield in.number();
				}
				throw in.unexpected(c, "a JSON value");
			}
		};
	}

	private ObjectNode object(JsonBytes in, Position at, int depth) {
		ObjectNode object = NODES.objectNode();
		if (in.enter(depth, '}')) {
			return object;
		}
		while (true) {
			String name = Objects.requireNonNull(in.name(true));
			JsonNode value;
			if (at == Position.ITEM && !this.keyAttributes.contains(name)) {
				in.skipValue(depth);
				value = NODES.nullNode();
			}
			else {
				value = value(in, at.member(name), depth);
			}
			if (object.replace(name, value) != null) {
				throw in.error("duplicate property '" + Printable.of(name) + "'");
			}
			if (in.endOfMembers('}')) {
				return object;
			}
		}
	}

	private ArrayNode array(JsonBytes in, Position at, int depth) {
		ArrayNode array = NODES.arrayNode();
		if (in.enter(depth, ']')) {
			return array;
		}
		Position elements = at.element();
		do {
			array.add(value(in, elements, depth));
		}
		while (!in.endOfMembers(']'));
		return array;
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
