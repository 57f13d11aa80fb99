package dev.tenancy.aop;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkRequest;

/**
 * Refuses requests of a {@link CrossTenantAccess} whose override configuration could replace the access's
 * credentials or remove its checks: plugins (they can rewrite the whole client configuration for the request), a
 * credentials or token provider, a signer, or an endpoint provider (it could send the signed request elsewhere).
 * Other overrides (API names, headers, timeouts, metric publishers) are left alone.
 *
 * @author tenancy
 * @since 0.1
 */
final class UnsafeRequestOverrides {

	private UnsafeRequestOverrides() {
	}

	/**
	 * @param access the access about to send the request
	 * @param operation the operation, for the message
	 * @param request the request
	 * @throws CrossTenantAccessDeniedException if the request's override configuration carries an unsafe override
	 */
	static void refuse(String access, String operation, SdkRequest request) {
		RequestOverrideConfiguration overrides = request.overrideConfiguration().orElse(null);
		if (overrides == null) {
			return;
		}
		List<String> unsafe = new ArrayList<>();
		if (!overrides.plugins().isEmpty()) {
			unsafe.add("plugins");
		}
		if (overrides.signer().isPresent()) {
			unsafe.add("a signer");
		}
		if (overrides.endpointProvider().isPresent()) {
			unsafe.add("an endpoint provider");
		}
		if (overrides instanceof AwsRequestOverrideConfiguration aws) {
			if (aws.credentialsIdentityProvider().isPresent()) {
				unsafe.add("a credentials provider");
			}
			if (aws.tokenIdentityProvider().isPresent()) {
				unsafe.add("a token provider");
			}
		}
		if (!unsafe.isEmpty()) {
			throw new CrossTenantAccessDeniedException(String.format("Cross-tenant access '%s': DynamoDB %s refused "
					+ "because its request override configuration carries %s, which could replace the access's "
					+ "credentials or remove its checks. Send the request without them; the client of a "
					+ "CrossTenantAccess is configured once, with CrossTenantAccess.builder().", access, operation,
					String.join(", ", unsafe)), access, access);
		}
	}

}
