package dev.tenancy.observation;

import java.lang.reflect.Method;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;

import org.springframework.util.Assert;

/**
 * The context of a {@link TenancyObservation#REPOSITORY_OPERATION} observation: which repository method ran, for which
 * entity, as which tenant and with which outcome.
 *
 * @author tenancy
 * @since 0.1
 */
public class RepositoryObservationContext extends Observation.Context {

	/** The outcome of an operation that returned normally. */
	public static final String SUCCESS = "success";

	/** The outcome of an operation refused by the guard, by IAM or for want of a tenant. */
	public static final String DENIED = "denied";

	/** The outcome of an operation that failed otherwise. */
	public static final String ERROR = "error";

	private final Class<?> repositoryInterface;

	private final Class<?> entityType;

	private final Method method;

	private @Nullable TenantId tenant;

	private @Nullable String outcome;

	/**
	 * @param repositoryInterface the repository interface; must not be {@literal null}
	 * @param entityType the repository's entity type; must not be {@literal null}
	 * @param method the invoked method; must not be {@literal null}
	 */
	public RepositoryObservationContext(Class<?> repositoryInterface, Class<?> entityType, Method method) {
		Assert.notNull(repositoryInterface, "Repository interface must not be null");
		Assert.notNull(entityType, "Entity type must not be null");
		Assert.notNull(method, "Method must not be null");
		this.repositoryInterface = repositoryInterface;
		this.entityType = entityType;
		this.method = method;
	}

	/**
	 * @return the repository interface
	 */
	public Class<?> getRepositoryInterface() {
		return this.repositoryInterface;
	}

	/**
	 * @return the repository's entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * @return the invoked repository method
	 */
	public Method getMethod() {
		return this.method;
	}

	/**
	 * @return the tenant the operation ran as, or {@literal null} if none was bound
	 */
	public @Nullable TenantId getTenant() {
		return this.tenant;
	}

	/**
	 * @param tenant the tenant the operation ran as
	 */
	public void setTenant(@Nullable TenantId tenant) {
		this.tenant = tenant;
	}

	/**
	 * @return {@link #SUCCESS}, {@link #DENIED}, {@link #ERROR}, or {@literal null} while the operation runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * @param outcome the outcome of the operation
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
