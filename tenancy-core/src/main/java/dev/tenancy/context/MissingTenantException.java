package dev.tenancy.context;

import java.io.Serial;

/**
 * Thrown when tenant-scoped work is attempted without a current tenant: an anonymous request, a principal without the
 * tenant claim, or a thread that has no open {@link TenantScope}. Tenant-scoped code fails closed with this exception;
 * it never falls back to broader credentials.
 *
 * @author tenancy
 * @since 0.1
 */
public class MissingTenantException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * @param message the detail message, naming the operation and the remedy
	 */
	public MissingTenantException(String message) {
		super(message);
	}

}
