package dev.tenancy.iam.request;

import java.util.Set;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.DynamoDbKeySchema;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a DynamoDB JSON 1.0 request body into a tree with Jackson's streaming parser, keeping only what IAM's
 * request context and the guard's rules read.
 * <p>
 * The values of an item's attributes ({@code Item} of PutItem, of a BatchWriteItem put and of a TransactWriteItems
 * put) are kept only for key attributes of the {@link DynamoDbKeySchema}; every other attribute keeps its name and
 * gets a JSON {@code null} for a value, without its value being turned into nodes. Attribute names are all that IAM
 * evaluates of an item ({@code dynamodb:Attributes}), and key values are all the extractor and
 * {@link IndexKeyConfinement} read, so the tree answers both exactly as the whole document would, while a batch of 25
 * items of eleven attributes costs a fraction of a full tree.
 * <p>
 * Like the full parse it replaces, it refuses malformed JSON, trailing content and a property that appears twice in
 * any object it builds (the request itself, a key, an item's attribute names, expression attribute names and values);
 * duplicate properties inside a skipped attribute value are not looked at, as they change nothing IAM evaluates.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.2
 */
final class RequestBodyReader {

	private static final JsonFactory FACTORY = JsonFactory.builder().build();

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
	 * @throws JacksonException if the body is not one well-formed JSON value with unique property names
	 */
	JsonNode read(byte[] body) {
		try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), body)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return NODES.missingNode();
			}
			JsonNode root = value(parser, first, Position.REQUEST);
			if (parser.nextToken() != null) {
				throw new StreamReadException(parser, "Trailing content after the JSON request body");
			}
			return root;
		}
	}

	private JsonNode value(JsonParser parser, JsonToken token, Position position) {
		return switch (token) {
			case START_OBJECT -> object(parser, position);
			case START_ARRAY -> array(parser, position);
			case VALUE_STRING -> NODES.stringNode(parser.getString());
			case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
				case INT -> NODES.numberNode(parser.getIntValue());
				case LONG -> NODES.numberNode(parser.getLongValue());
				default -> NODES.numberNode(parser.getBigIntegerValue());
			};
			case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
			case VALUE_TRUE -> NODES.booleanNode(true);
			case VALUE_FALSE -> NODES.booleanNode(false);
			case VALUE_NULL -> NODES.nullNode();
			default -> throw new StreamReadException(parser, "Unexpected JSON token " + token);
		};
	}

	private ObjectNode object(JsonParser parser, Position position) {
		ObjectNode object = NODES.objectNode();
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			JsonNode value;
			if (position == Position.ITEM && !this.keyAttributes.contains(name)) {
				parser.skipChildren();
				value = NODES.nullNode();
			}
			else {
				value = value(parser, token, position.member(name));
			}
			if (object.replace(name, value) != null) {
				throw new StreamReadException(parser, "Duplicate property '" + Printable.of(name) + "'");
			}
		}
		if (parser.currentToken() != JsonToken.END_OBJECT) {
			throw new StreamReadException(parser, "Unexpected JSON token " + parser.currentToken());
		}
		return object;
	}

	private ArrayNode array(JsonParser parser, Position position) {
		ArrayNode array = NODES.arrayNode();
		Position elements = position.element();
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (token == null) {
				throw new StreamReadException(parser, "Unexpected end of the JSON request body");
			}
			array.add(value(parser, token, elements));
		}
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
