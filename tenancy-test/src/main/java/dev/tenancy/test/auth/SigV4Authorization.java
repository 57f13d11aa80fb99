package dev.tenancy.test.auth;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of a SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=<h1;h2>,
 * Signature=<hex>}.
 *
 * @param accessKeyId the access key id of the credential scope
 * @param date the scope date ({@code yyyyMMdd})
 * @param region the scope region
 * @param service the scope service signing name, for example {@code dynamodb} or {@code sts}
 * @param signedHeaders the lower-case names of the signed headers, in the order given
 * @param signature the hex signature
 * @author tenancy
 * @since 0.1
 */
public record SigV4Authorization(String accessKeyId, String date, String region, String service,
		List<String> signedHeaders, String signature) {

	/** The only algorithm the kit accepts. */
	public static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

	public SigV4Authorization {
		signedHeaders = List.copyOf(signedHeaders);
	}

	/**
	 * Parse an {@code Authorization} header.
	 * @param header the header value
	 * @return the parts
	 * @throws MalformedAuthorizationException if the header is not a SigV4 header with credential scope, signed
	 * headers and signature
	 */
	public static SigV4Authorization parse(String header) {
		String value = header.trim();
		if (!value.startsWith(ALGORITHM + " ")) {
			throw new MalformedAuthorizationException(String.format(
					"Authorization header must start with '%s'; got '%s'.", ALGORITHM, abbreviate(value)));
		}
		String credential = null;
		String signedHeaders = null;
		String signature = null;
		for (String part : value.substring(ALGORITHM.length() + 1).split(",")) {
			String element = part.trim();
			int eq = element.indexOf('=');
			if (eq < 0) {
				throw new MalformedAuthorizationException(String.format(
						"Authorization header element '%s' is not a key=value pair.", abbreviate(element)));
			}
			String key = element.substring(0, eq);
			String elementValue = element.substring(eq + 1);
			switch (key) {
				case "Credential" -> credential = elementValue;
				case "SignedHeaders" -> signedHeaders = elementValue;
				case "Signature" -> signature = elementValue;
				default -> throw new MalformedAuthorizationException(String.format(
						"Authorization header element '%s' is not known.", abbreviate(key)));
			}
		}
		if (credential == null || signedHeaders == null || signature == null) {
			throw new MalformedAuthorizationException("Authorization header requires 'Credential', 'SignedHeaders' "
					+ "and 'Signature' parameters.");
		}
		String[] scope = credential.split("/", -1);
		if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
			throw new MalformedAuthorizationException(String.format("Credential '%s' is not of the form "
					+ "<access key>/<date>/<region>/<service>/aws4_request.", abbreviate(credential)));
		}
		return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3],
				Arrays.asList(signedHeaders.split(";")), signature);
	}

	/**
	 * Parse an {@code X-Amz-Date} value.
	 * @param amzDate the value, {@code yyyyMMdd'T'HHmmss'Z'}
	 * @return the instant
	 * @throws MalformedAuthorizationException if the value does not parse
	 */
	public static Instant parseAmzDate(String amzDate) {
		try {
			return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeParseException ex) {
			throw new MalformedAuthorizationException(String.format("X-Amz-Date '%s' is not of the form "
					+ "yyyyMMdd'T'HHmmss'Z'.", abbreviate(amzDate)));
		}
	}

	/**
	 * @return the {@code SignedHeaders} element as sent
	 */
	public String signedHeadersString() {
		return String.join(";", this.signedHeaders);
	}

	private static String abbreviate(String value) {
		return (value.length() <= 80) ? value : value.substring(0, 80) + "...";
	}

	/**
	 * Thrown when an {@code Authorization} or {@code X-Amz-Date} header cannot be parsed or a signed header is
	 * missing.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class MalformedAuthorizationException extends IllegalArgumentException {

		MalformedAuthorizationException(String message) {
			super(message);
		}

	}

}
