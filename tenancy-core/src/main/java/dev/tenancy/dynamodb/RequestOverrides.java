package dev.tenancy.dynamodb;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.RequestOverrideConfiguration;

/**
 * Which parts of a request's override configuration a checked request (tenant-scoped or cross-tenant) may carry.
 * <p>
 * Allowed are only settings that cannot change who signs the request, how it is signed, where it goes or what
 * interceptors see and send: API call timeouts, API names (user agent) and metric publishers. Everything else is
 * refused: plugins (they can rewrite the client's configuration for the request, removing the guard or swapping the
 * credentials), a credentials or token identity provider, a signer, an endpoint provider, extra headers (for example
 * one naming another operation), raw query parameters and execution attributes. This is an allow-list: a setting the
 * SDK adds later is refused until it is reviewed here.
 *
 * @author tenancy
 * @since 0.2
 */
public final class RequestOverrides {

	private RequestOverrides() {
	}

	/**
	 * Why a request with this override configuration is refused, or {@literal null} if it is allowed.
	 * @param override the request's override configuration
	 * @return the reason naming what was refused and the remedy, or {@literal null}
	 */
	static @Nullable String refusal(RequestOverrideConfiguration override) {
		List<String> refused = unsafeParts(override);
		if (refused.isEmpty()) {
			return null;
		}
		return "The request's override configuration sets " + String.join(", ", refused) + ", which could change the "
				+ "identity, the signing or the checked content of a tenant-scoped request. Remove them from "
				+ "overrideConfiguration(...); only timeouts, API names and metric publishers may be overridden per "
				+ "request.";
	}

	/**
	 * What of a request's override configuration is not allowed, one phrase each (for example {@code "plugins"}).
	 * @param override the request's override configuration
	 * @return the refused parts, empty if the override is allowed
	 */
	public static List<String> unsafeParts(RequestOverrideConfiguration override) {
		List<String> refused = new ArrayList<>();
		if (!override.plugins().isEmpty()) {
			refused.add("plugins");
		}
		if (override.signer().isPresent()) {
			refused.add("a signer");
		}
		if (override.endpointProvider().isPresent()) {
			refused.add("an endpoint provider");
		}
		if (!override.headers().isEmpty()) {
			refused.add("headers");
		}
		if (!override.rawQueryParameters().isEmpty()) {
			refused.add("query parameters");
		}
		if (!override.executionAttributes().getAttributes().isEmpty()) {
			refused.add("execution attributes");
		}
		if (override instanceof AwsRequestOverrideConfiguration aws) {
			if (aws.credentialsIdentityProvider().isPresent() || aws.credentialsProvider().isPresent()) {
				refused.add("a credentials provider");
			}
			if (aws.tokenIdentityProvider().isPresent()) {
				refused.add("a token identity provider");
			}
		}
		else {
			refused.add("an override configuration of unknown type " + override.getClass().getName());
		}
		return refused;
	}

}
