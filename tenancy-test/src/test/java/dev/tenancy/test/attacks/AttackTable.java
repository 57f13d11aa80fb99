package dev.tenancy.test.attacks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.ColumnRestriction;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.fixtures.TestItem;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared table the layered attacks run on ({@link TestItem}'s schema: {@code pk}, {@code sk}, GSI
 * {@code byStatus} on {@code gsiPk}/{@code gsiSk}), its generated policies, and the seed: one item in each partition
 * an attacker owns or attacks, each carrying a {@value #HIDDEN} attribute that column-restricted roles must not see.
 * Every seeded value names its item ({@code payload of TENANT#globex/PROJECT#1}), so a response or error text can be
 * searched for another tenant's data.
 *
 * @author tenancy
 * @since 0.1
 */
final class AttackTable {

	static final String NAME = "AttackSuite";

	static final String INDEX = "byStatus";

	static final String ARN = "arn:aws:dynamodb:us-east-1:" + TenancyTestKit.ACCOUNT_ID + ":table/" + NAME;

	static final String INDEX_ARN = ARN + "/index/" + INDEX;

	/** The attribute a column-restricted role may neither read nor write. */
	static final String HIDDEN = "salary";

	/** The non-key attribute a column-restricted role may read and update. */
	static final String VISIBLE = "payload";

	static final String SK = "PROJECT#1";

	/**
	 * Seeded partitions: the attackers' own ({@code acme}, its composite key {@code acme#x}, {@code 1}) and the
	 * victims' ({@code globex}, and the prefix and case look-alikes {@code acme2}, {@code acm}, {@code ACME},
	 * {@code 12}).
	 */
	static final List<String> PARTITIONS = List.of("TENANT#acme", "TENANT#acme#x", "TENANT#1", "TENANT#globex",
			"TENANT#acme2", "TENANT#acm", "TENANT#ACME", "TENANT#12");

	private AttackTable() {
	}

	static DynamoDbKeySchema keySchema() {
		return DynamoDbKeySchema.builder().table(NAME, "pk", "sk").index(NAME, INDEX, "gsiPk", "gsiSk").build();
	}

	/**
	 * The generated policies for the table, as the application would configure them.
	 * @param columns a column restriction, or {@literal null} for the tenant's full grant
	 * @return the policies
	 */
	static TenancyPolicies policies(@Nullable ColumnRestriction columns) {
		return TenancyPolicies.builder()
			.arns(ResourceArns.of("aws", TenancyTestKit.REGION.id(), TenancyTestKit.ACCOUNT_ID))
			.keySchema(keySchema())
			.columnRestriction(columns)
			.build();
	}

	static void create(TenancyTestKit kit) {
		kit.createTable(NAME, TestItem.SCHEMA);
	}

	static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

	static Map<String, AttributeValue> key(String pk) {
		return key(pk, SK);
	}

	/**
	 * An item as the seed (and an attacker) writes it.
	 * @param pk the partition key
	 * @param sk the sort key
	 * @param what what the values say ({@code payload of ...}, or {@code pwned by ...})
	 * @return the item, with GSI key {@code <pk>#STATUS#OPEN} and the hidden attribute
	 */
	static Map<String, AttributeValue> item(String pk, String sk, String what) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS(pk));
		item.put("sk", AttributeValue.fromS(sk));
		item.put("gsiPk", AttributeValue.fromS(pk + "#STATUS#OPEN"));
		item.put("gsiSk", AttributeValue.fromS(sk));
		item.put(VISIBLE, AttributeValue.fromS(VISIBLE + " " + what));
		item.put(HIDDEN, AttributeValue.fromS(HIDDEN + " " + what));
		return item;
	}

	static Map<String, AttributeValue> seedItem(String pk) {
		return item(pk, SK, "of " + pk + "/" + SK);
	}

	/**
	 * @param pk a partition key
	 * @return the text every seeded value of that partition contains
	 */
	static String marker(String pk) {
		return "of " + pk + "/";
	}

	/**
	 * @param tenant a tenant
	 * @return whether the partition key is the tenant's own: its base key or a {@code #}-delimited composite key
	 */
	static boolean owns(TenantId tenant, String pk) {
		String base = "TENANT#" + tenant.value();
		return pk.equals(base) || pk.startsWith(base + "#");
	}

	/**
	 * @param tenant the attacker
	 * @return the markers of every seeded partition the tenant does not own
	 */
	static List<String> foreignMarkers(TenantId tenant) {
		List<String> markers = new ArrayList<>();
		for (String pk : PARTITIONS) {
			if (!owns(tenant, pk)) {
				markers.add(marker(pk));
			}
		}
		return markers;
	}

	/**
	 * Bring the table back to exactly the seed (through DynamoDB Local directly, bypassing every wall).
	 * @param kit the kit whose DynamoDB Local to reset
	 */
	static void reset(TenancyTestKit kit) {
		DynamoDbClient local = kit.dynamoDbLocalClient();
		Map<String, Map<String, AttributeValue>> seed = seed();
		for (Map.Entry<String, Map<String, AttributeValue>> stored : contents(kit).entrySet()) {
			if (!stored.getValue().equals(seed.get(stored.getKey()))) {
				Map<String, AttributeValue> item = stored.getValue();
				local.deleteItem((r) -> r.tableName(NAME).key(key(item.get("pk").s(), item.get("sk").s())));
			}
		}
		for (Map<String, AttributeValue> item : seed.values()) {
			local.putItem((r) -> r.tableName(NAME).item(item));
		}
	}

	/**
	 * @return the seed, keyed by {@code pk|sk}
	 */
	static Map<String, Map<String, AttributeValue>> seed() {
		Map<String, Map<String, AttributeValue>> seed = new TreeMap<>();
		for (String pk : PARTITIONS) {
			seed.put(pk + "|" + SK, seedItem(pk));
		}
		return seed;
	}

	/**
	 * Everything stored, read from DynamoDB Local directly with a consistent Scan.
	 * @param kit the kit
	 * @return the items keyed by {@code pk|sk}
	 */
	static Map<String, Map<String, AttributeValue>> contents(TenancyTestKit kit) {
		Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
		for (ScanResponse page : kit.dynamoDbLocalClient()
			.scanPaginator((r) -> r.tableName(NAME).consistentRead(true))) {
			for (Map<String, AttributeValue> item : page.items()) {
				items.put(item.get("pk").s() + "|" + item.get("sk").s(), item);
			}
		}
		return items;
	}

	/**
	 * Assert that no write was applied: the table holds exactly the seed.
	 * @param kit the kit
	 * @param attack what ran, for the failure message
	 */
	static void assertUnchanged(TenancyTestKit kit, Object attack) {
		assertThat(contents(kit)).as("no write applied by '%s'", attack).isEqualTo(seed());
	}

}
