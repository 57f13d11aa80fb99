package dev.tenancy.context;

/**
 * Decides the {@link AccessVariant} of the calling thread's principal, the way a {@link TenantResolver} decides its
 * tenant. It is asked on the thread that sends each request (when the tenant's credentials are resolved, when the
 * guard evaluates the request and when a repository shapes it), so it must read only that thread's state.
 * <p>
 * An implementation must fail closed: a caller it cannot place (no principal, an anonymous or unauthenticated one, a
 * principal with none of the configured authorities) gets the least-privileged variant, never
 * {@link AccessVariant#UNRESTRICTED}. It must trust only authenticated data, never a request header or parameter.
 *
 * @author tenancy
 * @since 0.1
 * @see AuthorityAccessVariantResolver
 */
@FunctionalInterface
public interface AccessVariantResolver {

	/** Every caller is unrestricted: the resolver of an application without column restrictions. */
	AccessVariantResolver UNRESTRICTED = () -> AccessVariant.UNRESTRICTED;

	/**
	 * @return the access variant of the calling thread's principal, never {@literal null}
	 */
	AccessVariant resolve();

}
