package dev.tenancy.lifecycle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.util.Assert;

/**
 * An order-independent digest of a tenant's items: the count, and the sum modulo 2<sup>256</sup> of the SHA-256 of
 * each item's pooled table name and {@linkplain ItemJson canonical bytes}. Two sets of items have the same checksum
 * whatever order they were read in; an item missing, added, duplicated or changed in any attribute changes it. Not
 * thread-safe.
 *
 * @author tenancy
 * @since 0.4
 */
public final class ItemChecksum {

	private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(256);

	private final MessageDigest sha256;

	private BigInteger sum = BigInteger.ZERO;

	private long count;

	private ItemChecksum() {
		try {
			this.sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM provides no SHA-256, which every Java platform must", ex);
		}
	}

	/**
	 * @return an empty checksum
	 */
	public static ItemChecksum create() {
		return new ItemChecksum();
	}

	/**
	 * @param pooledTable the pooled table the item belongs to (the same in either tier)
	 * @param item the item
	 * @return this checksum
	 */
	public ItemChecksum add(String pooledTable, Map<String, AttributeValue> item) {
		Assert.notNull(pooledTable, "Pooled table must not be null");
		this.sha256.update(pooledTable.getBytes(StandardCharsets.UTF_8));
		this.sha256.update((byte) 0);
		this.sum = this.sum.add(new BigInteger(1, this.sha256.digest(ItemJson.bytes(item)))).mod(MODULUS);
		this.count++;
		return this;
	}

	/**
	 * @return how many items were added
	 */
	public long count() {
		return this.count;
	}

	/**
	 * @return the digest, 64 hexadecimal digits
	 */
	public String hex() {
		String hex = this.sum.toString(16);
		return "0".repeat(64 - hex.length()) + hex;
	}

	@Override
	public String toString() {
		return this.count + " items, sha256-sum " + hex();
	}

}
