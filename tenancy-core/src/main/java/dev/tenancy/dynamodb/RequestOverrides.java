package dev.tenancy.dynamodb;

import java.util.ArrayList;
import java.util.List;

import dev.tenancy.context.TenantId;
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
	 * Refuse the request if its override configuration carries anything but allowed settings.
	 * @param tenant the tenant the request is made for
	 * @param operation the DynamoDB operation, for example {@code GetItem}
	 * @param override the request's override configuration
	 * @throws TenantAccessDeniedException naming the tenant, the operation and what was refused
	 */
	static void refuseUnsafe(TenantId tenant, String operation, RequestOverrideConfiguration override) {
		List<String> refused = unsafeParts(override);
		if (!refused.isEmpty()) {
			throw new TenantAccessDeniedException(tenant.value(), "dynamodb:" + operation, "*", EnforcementLayer.GUARD,
					"The request's override configuration sets " + String.join(", ", refused) + ", which could "
							+ "change the identity, the signing or the checked content of a tenant-scoped request. "
							+ "Remove them from overrideConfiguration(...); only timeouts, API names and metric "
							+ "publishers may be overridden per request.",
					null);
		}
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
