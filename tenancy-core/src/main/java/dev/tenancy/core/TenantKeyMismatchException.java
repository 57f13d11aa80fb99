package dev.tenancy.core;

import java.io.Serial;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Thrown when an entity to be written carries a partition-key value that is not the current tenant's (TH-13).
 * The library owns the partition key: it is always derived from the tenant scope, so a foreign value is a
 * programming error or an attack, and the write is refused before any request is sent.
 *
 * @author tenancy
 * @since 0.1
 */
public class TenantKeyMismatchException extends PermissionDeniedDataAccessException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String tenant;

	private final Class<?> entityType;

	/**
	 * @param tenant the tenant of the scope
	 * @param entityType the entity type
	 * @param action the refused action, for example {@code dynamodb:PutItem}
	 */
	public TenantKeyMismatchException(String tenant, Class<?> entityType, String action) {
		super(String.format("Tenant '%s' was refused %s of a '%s': its partition-key property names another tenant. "
				+ "The partition key is derived from the tenant scope; leave the property null or set it to the "
				+ "current tenant.", tenant, action, entityType.getName()), null);
		this.tenant = tenant;
		this.entityType = entityType;
	}

	/**
	 * @return the tenant of the scope
	 */
	public String getTenant() {
		return this.tenant;
	}

	/**
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

}
