package dev.tenancy.test.sts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates credential material in the shapes AWS uses.
 *
 * @author tenancy
 * @since 0.1
 */
final class Credentials {

	private static final char[] KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

	private static final SecureRandom RANDOM = new SecureRandom();

	private Credentials() {
	}

	/**
	 * @return a temporary access key id: {@code ASIA} and 16 characters of {@code [A-Z2-7]}
	 */
	static String temporaryAccessKeyId() {
		return "ASIA" + randomKeyCharacters(16);
	}

	/**
	 * @return a long-term access key id: {@code AKIA} and 16 characters of {@code [A-Z2-7]}
	 */
	static String longTermAccessKeyId() {
		return "AKIA" + randomKeyCharacters(16);
	}

	/**
	 * @return a 40-character secret access key
	 */
	static String secretAccessKey() {
		byte[] bytes = new byte[30];
		RANDOM.nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * @return an opaque session token
	 */
	static String sessionToken() {
		byte[] bytes = new byte[192];
		RANDOM.nextBytes(bytes);
		return "IQoJb3JpZ2luX2VjE" + Base64.getEncoder().encodeToString(bytes);
	}

	/**
	 * A stable pseudo-random suffix for unique ids ({@code AROA…}, {@code AIDA…}) derived from an ARN.
	 * @param seed the ARN
	 * @param length the number of characters
	 * @return characters of {@code [A-Z2-7]}
	 */
	static String suffixFor(String seed, int length) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
			StringBuilder result = new StringBuilder(length);
			for (int i = 0; i < length; i++) {
				result.append(KEY_ALPHABET[(digest[i % digest.length] & 0xFF) % KEY_ALPHABET.length]);
			}
			return result.toString();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	private static String randomKeyCharacters(int length) {
		StringBuilder result = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			result.append(KEY_ALPHABET[RANDOM.nextInt(KEY_ALPHABET.length)]);
		}
		return result.toString();
	}

}
