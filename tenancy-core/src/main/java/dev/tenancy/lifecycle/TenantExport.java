package dev.tenancy.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * A tenant's items as JSON lines: one line per item, {@code {"table":"<pooled table>","item":{<DynamoDB JSON>}}}, the
 * item in {@linkplain ItemJson canonical DynamoDB JSON} (exact types, sets, binary as Base64), the table by its
 * pooled name so that an export of a silo tenant imports into either tier. {@link #read(Reader)} reads it back.
 *
 * @author tenancy
 * @since 0.4
 */
public final class TenantExport {

	private TenantExport() {
	}

	/**
	 * Write one item as a line.
	 * @param out where to write; must not be {@literal null}
	 * @param pooledTable the item's pooled table
	 * @param item the item
	 */
	static void write(Writer out, String pooledTable, Map<String, AttributeValue> item) {
		ObjectNode line = ItemJson.MAPPER.createObjectNode();
		line.put("table", pooledTable);
		line.set("item", ItemJson.json(item));
		try {
			out.write(ItemJson.MAPPER.writeValueAsString(line));
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the export line of an item of table '" + pooledTable
					+ "'", ex);
		}
	}

	/**
	 * Read an export.
	 * @param in the JSON lines; must not be {@literal null}; not closed
	 * @return the items, in the order of the lines
	 * @throws IllegalArgumentException if a line is not an exported item
	 * @throws UncheckedIOException if reading fails
	 */
	public static List<ExportedItem> read(Reader in) {
		Assert.notNull(in, "Reader must not be null");
		List<ExportedItem> items = new ArrayList<>();
		BufferedReader lines = new BufferedReader(in);
		try {
			int number = 0;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				number++;
				if (line.isBlank()) {
					continue;
				}
				JsonNode json = ItemJson.MAPPER.readTree(line);
				JsonNode table = json.get("table");
				JsonNode item = json.get("item");
				int current = number;
				Assert.isTrue(table != null && table.isString() && item != null && item.isObject(),
						() -> "Line " + current + " is not an exported item ({\"table\":...,\"item\":{...}})");
				items.add(new ExportedItem(table.stringValue(), ItemJson.item(item)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the export", ex);
		}
		return items;
	}

	/**
	 * One exported item.
	 *
	 * @param table the pooled table it belongs to
	 * @param item the item
	 */
	public record ExportedItem(String table, Map<String, AttributeValue> item) {
	}

}
