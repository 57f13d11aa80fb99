package dev.tenancy.lifecycle;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * DynamoDB items as canonical DynamoDB JSON ({@code {"name":{"S":"..."}}}, as on the wire): attribute and map keys
 * in code-point order, set members sorted, binary as Base64. The same item always gives the same bytes, which the
 * {@link ItemChecksum} digests and the {@link TenantExport} writes; {@link #item(JsonNode)} reads it back exactly.
 *
 * @author tenancy
 * @since 0.4
 */
public final class ItemJson {

	/** The mapper of lifecycle JSON (exports, journals). */
	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private ItemJson() {
	}

	/**
	 * @param item the item; must not be {@literal null}
	 * @return its canonical DynamoDB JSON
	 */
	public static ObjectNode json(Map<String, AttributeValue> item) {
		Assert.notNull(item, "Item must not be null");
		ObjectNode node = NODES.objectNode();
		new TreeMap<>(item).forEach((name, value) -> node.set(name, json(value)));
		return node;
	}

	/**
	 * @param item the item; must not be {@literal null}
	 * @return the UTF-8 bytes of its canonical DynamoDB JSON
	 */
	public static byte[] bytes(Map<String, AttributeValue> item) {
		return MAPPER.writeValueAsBytes(json(item));
	}

	private static ObjectNode json(AttributeValue value) {
		ObjectNode node = NODES.objectNode();
		switch (value.type()) {
			case S -> node.put("S", value.s());
			case N -> node.put("N", value.n());
			case B -> node.put("B", base64(value.b()));
			case BOOL -> node.put("BOOL", value.bool());
			case NUL -> node.put("NULL", true);
			case SS -> node.set("SS", sorted(value.ss()));
			case NS -> node.set("NS", sorted(value.ns()));
			case BS -> node.set("BS", sorted(value.bs().stream().map(ItemJson::base64).toList()));
			case L -> {
				ArrayNode list = node.putArray("L");
				value.l().forEach((element) -> list.add(json(element)));
			}
			case M -> node.set("M", json(value.m()));
			default -> throw new IllegalArgumentException("Attribute value of unknown type " + value.type()
					+ ": upgrade tenancy to a version that knows it; the item was not exported or digested.");
		}
		return node;
	}

	private static ArrayNode sorted(List<String> members) {
		ArrayNode array = NODES.arrayNode();
		members.stream().sorted().forEach(array::add);
		return array;
	}

	private static String base64(SdkBytes bytes) {
		return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
	}

	/**
	 * @param json an item's DynamoDB JSON; must not be {@literal null}
	 * @return the item
	 * @throws IllegalArgumentException if it is not an item in DynamoDB JSON
	 */
	public static Map<String, AttributeValue> item(JsonNode json) {
		Assert.isTrue(json != null && json.isObject(), "An item in DynamoDB JSON is an object");
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> attribute : json.properties()) {
			item.put(attribute.getKey(), value(attribute.getKey(), attribute.getValue()));
		}
		return item;
	}

	private static AttributeValue value(String name, JsonNode json) {
		Assert.isTrue(json.isObject() && json.size() == 1,
				() -> "Attribute '" + name + "' is not a DynamoDB JSON value (an object with one type key): " + json);
		Map.Entry<String, JsonNode> typed = json.properties().iterator().next();
		JsonNode content = typed.getValue();
		return switch (typed.getKey()) {
			case "S" -> AttributeValue.fromS(content.stringValue());
			case "N" -> AttributeValue.fromN(content.stringValue());
			case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(content.stringValue())));
			case "BOOL" -> AttributeValue.fromBool(content.booleanValue());
			case "NULL" -> AttributeValue.fromNul(true);
			case "SS" -> AttributeValue.fromSs(strings(content));
			case "NS" -> AttributeValue.fromNs(strings(content));
			case "BS" -> AttributeValue.fromBs(strings(content).stream()
				.map((member) -> SdkBytes.fromByteArray(Base64.getDecoder().decode(member)))
				.toList());
			case "L" -> {
				List<AttributeValue> list = new ArrayList<>();
				content.forEach((element) -> list.add(value(name, element)));
				yield AttributeValue.fromL(list);
			}
			case "M" -> AttributeValue.fromM(item(content));
			default -> throw new IllegalArgumentException(
					"Attribute '" + name + "' has the unknown DynamoDB JSON type '" + typed.getKey() + "'");
		};
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((member) -> strings.add(member.stringValue()));
		return strings;
	}

}
