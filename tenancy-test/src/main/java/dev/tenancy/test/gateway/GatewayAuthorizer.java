package dev.tenancy.test.gateway;

import dev.tenancy.test.sts.IssuedSession;
import org.jspecify.annotations.Nullable;

/**
 * Decides, for the {@link IamGateway}, whether an authenticated DynamoDB request is allowed, playing the part of AWS
 * IAM (for a role session the role's identity policy ∩ the session policy; for a base identity its user's identity
 * policies).
 * <p>
 * Called once per request, after the SigV4 signature was verified and the credentials were found valid, on a gateway
 * request thread; implementations must be thread-safe and must not modify {@code body}. An exception thrown here
 * fails the request closed (HTTP 500, nothing forwarded).
 * <p>
 * The test kit's default is {@link IamPolicyAuthorizer}; {@link #allowAll()} makes a gateway permissive. A denying
 * implementation returns the message AWS would send, for example {@code User: arn:aws:sts::123456789012:assumed-role/
 * tenancy-tenant/tenant-acme is not authorized to perform: dynamodb:GetItem on resource:
 * arn:aws:dynamodb:us-east-1:123456789012:table/Projects because no session policy allows the dynamodb:GetItem
 * action}.
 *
 * @author tenancy
 * @since 0.1
 */
@FunctionalInterface
public interface GatewayAuthorizer {

	/**
	 * Authorize a request.
	 * @param session the authenticated identity: an STS-issued session or a registered base identity
	 * @param operation the DynamoDB operation from {@code X-Amz-Target}, for example {@code PutItem}
	 * @param body the JSON request body as received
	 * @return {@literal null} to allow, or the AWS denial message, which the gateway returns as an
	 * {@code AccessDeniedException} (HTTP 400)
	 */
	@Nullable String authorize(IssuedSession session, String operation, byte[] body);

	/**
	 * @return an authorizer that allows every authenticated request
	 */
	static GatewayAuthorizer allowAll() {
		return (session, operation, body) -> null;
	}

}
