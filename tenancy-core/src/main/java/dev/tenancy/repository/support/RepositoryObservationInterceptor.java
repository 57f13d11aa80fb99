package dev.tenancy.repository.support;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.tenancy.aop.CrossTenantAccessDeniedException;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.observation.DefaultRepositoryObservationConvention;
import dev.tenancy.observation.RepositoryObservationContext;
import dev.tenancy.observation.RepositoryObservationConvention;
import dev.tenancy.observation.TenancyObservation;

import org.springframework.dao.PermissionDeniedDataAccessException;

/**
 * Observes each call of a repository method as a {@link TenancyObservation#REPOSITORY_OPERATION}, with the tenant bound
 * when the call starts. It runs inside the repository's tenant scope, so the tenant of a {@code @TenantScoped}
 * repository is known.
 *
 * @author tenancy
 * @since 0.1
 */
final class RepositoryObservationInterceptor implements MethodInterceptor {

	private static final RepositoryObservationConvention DEFAULT_CONVENTION = new DefaultRepositoryObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable RepositoryObservationConvention convention;

	private final Class<?> repositoryInterface;

	private final Class<?> entityType;

	RepositoryObservationInterceptor(ObservationRegistry registry, @Nullable RepositoryObservationConvention convention,
			Class<?> repositoryInterface, Class<?> entityType) {
		this.registry = registry;
		this.convention = convention;
		this.repositoryInterface = repositoryInterface;
		this.entityType = entityType;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (invocation.getMethod().getDeclaringClass() == Object.class) {
			return invocation.proceed();
		}
		RepositoryObservationContext context = new RepositoryObservationContext(this.repositoryInterface,
				this.entityType, invocation.getMethod());
		context.setTenant(TenantContext.currentOrNull());
		Observation observation = TenancyObservation.REPOSITORY_OPERATION.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		observation.start();
		try (Observation.Scope ignored = observation.openScope()) {
			Object result = invocation.proceed();
			context.setOutcome(RepositoryObservationContext.SUCCESS);
			return result;
		}
		catch (Throwable ex) {
			context.setOutcome(isDenial(ex) ? RepositoryObservationContext.DENIED : RepositoryObservationContext.ERROR);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	private static boolean isDenial(Throwable ex) {
		return ex instanceof PermissionDeniedDataAccessException || ex instanceof MissingTenantException
				|| ex instanceof CrossTenantAccessDeniedException;
	}

}
