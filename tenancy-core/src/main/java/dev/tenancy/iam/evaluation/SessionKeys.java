package dev.tenancy.iam.evaluation;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The principal's global condition keys, and the rule that decides which keys the session owns.
 * <p>
 * A key the session owns is resolved from the session only, once, when policies are compiled: every key the session
 * defines, and every principal key (docs/IAM.md R16, R17: {@code aws:Principal*}, {@code aws:userid},
 * {@code aws:username}, {@code aws:SourceIdentity}, {@code aws:FederatedProvider} and the web-identity keys) even when
 * the session does not define it. So a request context can neither override nor supply the principal's identity, and
 * an absent principal key such as {@code aws:username} for a role session stays absent. Other keys are looked up in
 * the request context at evaluation time.
 *
 * @author tenancy
 * @since 0.1
 */
final class SessionKeys {

	private static final String[] PRINCIPAL_PREFIXES = { "aws:principal", "cognito-identity.amazonaws.com:",
			"www.amazon.com:", "graph.facebook.com:", "accounts.google.com:", "signin.aws.amazon.com:" };

	private static final String[] PRINCIPAL_KEYS = { "aws:userid", "aws:username", "aws:sourceidentity",
			"aws:federatedprovider" };

	private final Map<String, List<String>> keys;

	/**
	 * @param keys lower-cased key names to values, already unmodifiable
	 */
	SessionKeys(Map<String, List<String>> keys) {
		this.keys = keys;
	}

	/**
	 * Whether the key (lower-cased) is resolved from the session alone.
	 */
	boolean owns(String key) {
		if (this.keys.containsKey(key)) {
			return true;
		}
		for (String prefix : PRINCIPAL_PREFIXES) {
			if (key.startsWith(prefix)) {
				return true;
			}
		}
		for (String principalKey : PRINCIPAL_KEYS) {
			if (key.equals(principalKey)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @return the values of an owned key, {@literal null} if the session does not define it
	 */
	@Nullable List<String> values(String key) {
		return this.keys.get(key);
	}

	Map<String, List<String>> asMap() {
		return this.keys;
	}

}
