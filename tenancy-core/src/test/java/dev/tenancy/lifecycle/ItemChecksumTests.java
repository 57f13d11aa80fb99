package dev.tenancy.lifecycle;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canonical item JSON round-trips every attribute type; the checksum ignores order and sees every difference.
 */
class ItemChecksumTests {

	private static final Map<String, AttributeValue> ONE = Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk",
			AttributeValue.fromS("PROJECT#1"), "n", AttributeValue.fromN("42"), "tags",
			AttributeValue.fromSs(List.of("b", "a")), "nested",
			AttributeValue.fromM(Map.of("z", AttributeValue.fromBool(true), "a", AttributeValue.fromNul(true))),
			"list", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1.5"))), "bin",
			AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")), "bins",
			AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("2"), SdkBytes.fromUtf8String("1"))), "nums",
			AttributeValue.fromNs(List.of("3", "1")));

	private static final Map<String, AttributeValue> TWO = Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk",
			AttributeValue.fromS("PROJECT#2"), "name", AttributeValue.fromS("Two"));

	@Test
	void canonicalJsonIsIndependentOfAttributeAndSetOrder() {
		Map<String, AttributeValue> reordered = new LinkedHashMap<>();
		new TreeMap<>(ONE).descendingMap().forEach(reordered::put);
		reordered.put("tags", AttributeValue.fromSs(List.of("a", "b")));
		assertThat(ItemJson.bytes(reordered)).isEqualTo(ItemJson.bytes(ONE));
	}

	@Test
	void canonicalJsonReadsBackEveryType() {
		Map<String, AttributeValue> read = ItemJson.item(ItemJson.json(ONE));
		assertThat(ItemJson.bytes(read)).isEqualTo(ItemJson.bytes(ONE));
		assertThat(read.get("bin").b().asUtf8String()).isEqualTo("bytes");
		assertThat(read.get("nested").m().get("a").nul()).isTrue();
	}

	@Test
	void theChecksumIgnoresOrder() {
		ItemChecksum forward = ItemChecksum.create().add("app", ONE).add("app", TWO);
		ItemChecksum backward = ItemChecksum.create().add("app", TWO).add("app", ONE);
		assertThat(forward.hex()).isEqualTo(backward.hex()).hasSize(64);
		assertThat(forward.count()).isEqualTo(2);
	}

	@Test
	void theChecksumSeesAMissingADuplicatedAChangedAndAMisplacedItem() {
		String both = ItemChecksum.create().add("app", ONE).add("app", TWO).hex();
		assertThat(ItemChecksum.create().add("app", ONE).hex()).isNotEqualTo(both);
		assertThat(ItemChecksum.create().add("app", ONE).add("app", TWO).add("app", TWO).hex()).isNotEqualTo(both);
		Map<String, AttributeValue> changed = new HashMap<>(TWO);
		changed.put("name", AttributeValue.fromS("Two!"));
		assertThat(ItemChecksum.create().add("app", ONE).add("app", changed).hex()).isNotEqualTo(both);
		assertThat(ItemChecksum.create().add("app", ONE).add("other", TWO).hex()).isNotEqualTo(both);
	}

	@Test
	void anExportReadsBack() {
		StringWriter out = new StringWriter();
		TenantExport.write(out, "app", ONE);
		TenantExport.write(out, "notes", TWO);
		List<TenantExport.ExportedItem> read = TenantExport.read(new StringReader(out.toString()));
		assertThat(read).extracting(TenantExport.ExportedItem::table).containsExactly("app", "notes");
		assertThat(ItemJson.bytes(read.get(0).item())).isEqualTo(ItemJson.bytes(ONE));
		assertThat(ItemJson.bytes(read.get(1).item())).isEqualTo(ItemJson.bytes(TWO));
		assertThat(out.toString()).startsWith("{\"table\":\"app\",\"item\":{\"bin\":{\"B\":\"Ynl0ZXM=\"}");
	}

}
