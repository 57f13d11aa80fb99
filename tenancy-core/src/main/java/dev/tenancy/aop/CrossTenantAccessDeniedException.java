package dev.tenancy.aop;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a request of a {@link CrossTenantAccess} would be sent although that access is not unlocked on the
 * calling thread: outside a {@link dev.tenancy.annotation.CrossTenant} call (for example by a paginator or iterable
 * that left the call), inside a call that unlocks another access, or with a request override that could replace its
 * credentials or its checks. Nothing is sent.
 *
 * @author tenancy
 * @since 0.1
 */
public class CrossTenantAccessDeniedException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String access;

	private final @Nullable String unlockedAccess;

	/**
	 * @param message the message, naming the access, the operation, why it was refused and the remedy
	 * @param access the access whose request was refused
	 * @param unlockedAccess the access the running {@code @CrossTenant} call unlocks, or {@literal null} if none runs
	 */
	public CrossTenantAccessDeniedException(String message, String access, @Nullable String unlockedAccess) {
		super(message);
		this.access = access;
		this.unlockedAccess = unlockedAccess;
	}

	/**
	 * @return the name of the access whose request was refused
	 */
	public String getAccess() {
		return this.access;
	}

	/**
	 * @return the name of the access the running {@code @CrossTenant} call unlocks, or {@literal null} if none runs
	 */
	public @Nullable String getUnlockedAccess() {
		return this.unlockedAccess;
	}

}
