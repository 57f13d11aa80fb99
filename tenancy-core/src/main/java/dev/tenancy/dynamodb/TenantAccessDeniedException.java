package dev.tenancy.dynamodb;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Thrown when a tenant-scoped DynamoDB request is denied, by the client-side guard before it leaves the JVM or by IAM
 * on the server. The message names the tenant, the action, the resource and the reason.
 *
 * @author tenancy
 * @since 0.1
 */
public class TenantAccessDeniedException extends PermissionDeniedDataAccessException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final @Nullable String tenant;

	private final String action;

	private final String resource;

	private final EnforcementLayer layer;

	/**
	 * @param tenant the tenant whose request was denied, if known
	 * @param action the denied IAM action, for example {@code dynamodb:GetItem}
	 * @param resource the resource ARN the action was denied on
	 * @param layer the wall that denied it
	 * @param reason why, in AWS's message shape where available
	 * @param cause the underlying exception, if any
	 */
	public TenantAccessDeniedException(@Nullable String tenant, String action, String resource, EnforcementLayer layer,
			String reason, @Nullable Throwable cause) {
		super(String.format("Tenant '%s' was denied %s on %s by the %s: %s", tenant, action, resource, describe(layer),
				reason), cause);
		this.tenant = tenant;
		this.action = action;
		this.resource = resource;
		this.layer = layer;
	}

	private static String describe(EnforcementLayer layer) {
		return switch (layer) {
			case GUARD -> "client-side guard (the request never left the JVM)";
			case IAM -> "IAM policy evaluation on the server";
			case READ_CHECK -> "read-side tenant check";
		};
	}

	/**
	 * @return the tenant whose request was denied, or {@literal null} if unknown
	 */
	public @Nullable String getTenant() {
		return this.tenant;
	}

	/**
	 * @return the denied IAM action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * @return the resource ARN
	 */
	public String getResource() {
		return this.resource;
	}

	/**
	 * @return the wall that denied the request
	 */
	public EnforcementLayer getLayer() {
		return this.layer;
	}

}
