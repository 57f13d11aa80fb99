package dev.tenancy.keys;

import java.util.List;

import dev.tenancy.context.Printable;
import dev.tenancy.context.TenantId;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The partition-key convention that ties a tenant to its items: a fixed literal followed by the
 * tenant id, {@code TENANT#{tenant}} by default, so tenant {@code acme} owns the base partition {@code TENANT#acme} and
 * every composite key {@code TENANT#acme#...} (for example the GSI key {@code TENANT#acme#STATUS#OPEN}).
 * <p>
 * The same template produces the keys the repositories write, the ownership check of returned items
 * ({@link #belongsTo(String, TenantId)}) and the {@code dynamodb:LeadingKeys} patterns of the policies. The patterns
 * are the exact base key plus the delimiter-terminated wildcard, {@code ["TENANT#acme", "TENANT#acme#*"]}, never
 * {@code TENANT#acme*}, which would also match {@code TENANT#acme2} (TH-5, docs/IAM.md R20).
 * <p>
 * A template must contain exactly one {@code {tenant}} placeholder, preceded by a non-empty fixed literal and followed
 * by nothing (the tenant id is the last part of the base key; composite keys append {@code #...}). The literal may
 * only contain printable ASCII characters other than space, {@code *}, {@code ?}, {@code $}, curly braces,
 * {@code "} and {@code \}, so that it means itself in an IAM {@code StringLike} pattern and needs no JSON escaping.
 * Tenant ids ({@link TenantId}) contain none of these either.
 * <p>
 * Immutable and thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantKeyTemplate {

	/** The placeholder for the tenant id. */
	public static final String PLACEHOLDER = "{tenant}";

	/** The delimiter between the base key and further parts of a composite key. */
	public static final char DELIMITER = '#';

	private static final TenantKeyTemplate DEFAULT = of("TENANT#" + PLACEHOLDER);

	private final String template;

	private final String prefix;

	private TenantKeyTemplate(String template, String prefix) {
		this.template = template;
		this.prefix = prefix;
	}

	/**
	 * @return the default template {@code TENANT#{tenant}}
	 */
	public static TenantKeyTemplate defaultTemplate() {
		return DEFAULT;
	}

	/**
	 * Parse and validate a template.
	 * @param template the template, for example {@code TENANT#{tenant}} or {@code T|{tenant}}
	 * @return the template
	 * @throws IllegalArgumentException if the template does not have exactly one {@code {tenant}} placeholder at its
	 * end, preceded by a non-empty literal of allowed characters
	 */
	public static TenantKeyTemplate of(String template) {
		Assert.notNull(template, "Template must not be null");
		int at = template.indexOf(PLACEHOLDER);
		if (at < 0) {
			throw invalid(template, "it has no " + PLACEHOLDER + " placeholder; add one at the end, for example 'TENANT#"
					+ PLACEHOLDER + "'");
		}
		if (template.indexOf(PLACEHOLDER, at + 1) >= 0) {
			throw invalid(template, "it has more than one " + PLACEHOLDER + " placeholder; keep exactly one");
		}
		if (at == 0) {
			throw invalid(template, "it starts with the tenant; put a fixed literal before " + PLACEHOLDER
					+ ", for example 'TENANT#" + PLACEHOLDER + "', so that tenant keys cannot collide with other keys");
		}
		if (at + PLACEHOLDER.length() != template.length()) {
			throw invalid(template, "'" + Printable.of(template.substring(at + PLACEHOLDER.length()))
					+ "' follows the placeholder; the tenant must be the last part of the base key (composite keys "
					+ "append '#...' themselves)");
		}
		String prefix = template.substring(0, at);
		for (int i = 0; i < prefix.length(); i++) {
			char c = prefix.charAt(i);
			if (c <= ' ' || c >= 0x7f || c == '*' || c == '?' || c == '$' || c == '{' || c == '}' || c == '"'
					|| c == '\\') {
				throw invalid(template, "character '" + Printable.of(String.valueOf(c)) + "' at index " + i
						+ " is not allowed in the literal; use printable ASCII without space, '*', '?', '$', '{', '}', "
						+ "'\"' and '\\' (these are IAM wildcards, policy-variable syntax or JSON escapes)");
			}
		}
		return new TenantKeyTemplate(template, prefix);
	}

	private static IllegalArgumentException invalid(String template, String reason) {
		return new IllegalArgumentException(
				String.format("Invalid tenant key template '%s': %s.", Printable.of(template), reason));
	}

	/**
	 * @return the template text, for example {@code TENANT#{tenant}}
	 */
	public String template() {
		return this.template;
	}

	/**
	 * @return the fixed literal before the tenant, for example {@code TENANT#}
	 */
	public String prefix() {
		return this.prefix;
	}

	/**
	 * The tenant's base partition key.
	 * @param tenant the tenant
	 * @return for example {@code TENANT#acme}
	 */
	public String partitionKey(TenantId tenant) {
		return this.prefix + tenant.value();
	}

	/**
	 * A composite key inside the tenant, for tenant-leading index keys.
	 * @param tenant the tenant
	 * @param parts the further parts, each non-empty, joined with {@code #}
	 * @return for example {@code TENANT#acme#STATUS#OPEN} for parts {@code STATUS}, {@code OPEN}
	 * @throws IllegalArgumentException if there is no part or a part is empty
	 */
	public String compositeKey(TenantId tenant, String... parts) {
		Assert.notNull(parts, "Parts must not be null");
		if (parts.length == 0) {
			throw new IllegalArgumentException(String.format(
					"A composite key of tenant '%s' needs at least one part; use partitionKey(tenant) for the base key.",
					tenant));
		}
		StringBuilder key = new StringBuilder(this.prefix).append(tenant.value());
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part == null || part.isEmpty()) {
				throw new IllegalArgumentException(String.format(
						"Part %d of a composite key of tenant '%s' is empty; every part must be non-empty.", i + 1,
						tenant));
			}
			key.append(DELIMITER).append(part);
		}
		return key.toString();
	}

	/**
	 * Whether a partition-key value belongs to a tenant: it is the tenant's base key or starts with the base key
	 * followed by {@code #}. {@code TENANT#acme2} and {@code TENANT#12} do not belong to {@code acme} and {@code 1}
	 * (TH-5). Allocation-free, for the read-side check of every returned item.
	 * @param partitionKeyValue the partition-key value, may be {@literal null} (which belongs to no tenant)
	 * @param tenant the tenant
	 * @return {@code true} if the value is the tenant's base key or one of its composite keys
	 */
	public boolean belongsTo(@Nullable String partitionKeyValue, TenantId tenant) {
		if (partitionKeyValue == null || !partitionKeyValue.startsWith(this.prefix)) {
			return false;
		}
		String id = tenant.value();
		int end = this.prefix.length() + id.length();
		if (!partitionKeyValue.startsWith(id, this.prefix.length())) {
			return false;
		}
		return partitionKeyValue.length() == end || partitionKeyValue.charAt(end) == DELIMITER;
	}

	/**
	 * The {@code dynamodb:LeadingKeys} patterns for a tenant, for {@code ForAllValues:StringLike}.
	 * @param tenant the tenant
	 * @return {@code ["TENANT#acme", "TENANT#acme#*"]}
	 */
	public List<String> leadingKeyPatterns(TenantId tenant) {
		String base = partitionKey(tenant);
		return List.of(base, base + DELIMITER + "*");
	}

	/**
	 * The {@code dynamodb:LeadingKeys} patterns for the tenant named by a session tag, for the role's ceiling policy.
	 * @param tagKey the session tag key, for example {@code tenant}
	 * @return {@code ["TENANT#${aws:PrincipalTag/tenant}", "TENANT#${aws:PrincipalTag/tenant}#*"]}
	 * @throws IllegalArgumentException if the tag key is not a valid session tag key usable in a policy variable
	 */
	public List<String> leadingKeyPatternsForTag(String tagKey) {
		String base = this.prefix + "${aws:PrincipalTag/" + requireTagKey(tagKey) + "}";
		return List.of(base, base + DELIMITER + "*");
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof TenantKeyTemplate that && this.template.equals(that.template));
	}

	@Override
	public int hashCode() {
		return this.template.hashCode();
	}

	@Override
	public String toString() {
		return this.template;
	}

	/**
	 * Check a session tag key that carries the tenant id. It appears in policy variables
	 * ({@code ${aws:PrincipalTag/<key>}}) and in {@code aws:RequestTag/<key>} condition keys, so only the characters
	 * that are safe there are accepted: 1 to 128 ASCII letters, digits and {@code _.:/=+-@}, not starting with
	 * {@code aws:} (STS itself also accepts other Unicode letters and spaces; they are refused here).
	 * @param tagKey the tag key, may be {@literal null}
	 * @return the tag key
	 * @throws IllegalArgumentException if it is not such a key
	 */
	public static String requireTagKey(@Nullable String tagKey) {
		boolean valid = tagKey != null && !tagKey.isEmpty() && tagKey.length() <= 128
				&& !tagKey.regionMatches(true, 0, "aws:", 0, 4);
		for (int i = 0; valid && i < tagKey.length(); i++) {
			char c = tagKey.charAt(i);
			valid = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "_.:/=+-@".indexOf(c) >= 0;
		}
		if (!valid) {
			throw new IllegalArgumentException(String.format(
					"Invalid session tag key '%s': use 1 to 128 characters of ASCII letters, digits and '_.:/=+-@', "
							+ "not starting with 'aws:'.",
					Printable.of(tagKey)));
		}
		return tagKey;
	}

}
