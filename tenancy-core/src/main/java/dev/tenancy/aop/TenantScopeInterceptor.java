package dev.tenancy.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantScoped;
import dev.tenancy.context.MissingTenantException;
import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantResolver;
import dev.tenancy.context.TenantScope;
import dev.tenancy.context.TenantScopeConflictException;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodClassKey;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The {@link MethodInterceptor} behind {@link TenantScoped}: it resolves the tenant of the call, binds it to the
 * thread for the duration of the call ({@link TenantContext}), and unbinds it afterwards, also when the call throws.
 * <p>
 * Rules, in order:
 * <ol>
 * <li>The {@link TenantResolver} (typically the Spring Security principal's tenant claim) names tenant {@code T}:
 * <ul>
 * <li>no scope open: a scope for {@code T} is opened for the call;</li>
 * <li>a scope for {@code T} is open: it is reused;</li>
 * <li>a scope for another tenant is open: the call is refused with {@link TenantScopeConflictException}
 * (TH-9), unless {@link TenantScoped#allowTenantSwitch()} is set, in which case the call runs for {@code T}
 * and the enclosing scope is restored afterwards.</li>
 * </ul>
 * </li>
 * <li>The resolver names no tenant (a job, a propagated task): an open scope is reused.</li>
 * <li>Neither: the call fails with {@link MissingTenantException} naming the method, before it runs, so no DynamoDB
 * request is made (TH-7).</li>
 * </ol>
 * An invalid tenant value fails with {@link dev.tenancy.context.InvalidTenantIdException} from the resolver. The
 * interceptor is stateless apart from a cache of annotation lookups, and thread-safe.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenantScopeInterceptor implements MethodInterceptor {

	private final TenantResolver resolver;

	private final @Nullable Class<?> repositoryInterface;

	private final Map<MethodClassKey, Boolean> allowSwitchCache = new ConcurrentHashMap<>();

	/**
	 * Create an interceptor for beans advised by {@link TenantScopedAdvisor}.
	 * @param resolver resolves the tenant of the current request; must not be {@literal null}
	 */
	public TenantScopeInterceptor(TenantResolver resolver) {
		this(resolver, null);
	}

	private TenantScopeInterceptor(TenantResolver resolver, @Nullable Class<?> repositoryInterface) {
		Assert.notNull(resolver, "TenantResolver must not be null");
		this.resolver = resolver;
		this.repositoryInterface = repositoryInterface;
	}

	/**
	 * Create an interceptor for a repository proxy, where an annotation on the repository interface applies to the
	 * methods the interface inherits (for example {@code findById} from {@code CrudRepository}).
	 * @param resolver resolves the tenant of the current request; must not be {@literal null}
	 * @param repositoryInterface the repository interface; must not be {@literal null}
	 * @return the interceptor
	 */
	public static TenantScopeInterceptor forRepository(TenantResolver resolver, Class<?> repositoryInterface) {
		Assert.notNull(repositoryInterface, "Repository interface must not be null");
		return new TenantScopeInterceptor(resolver, repositoryInterface);
	}

	/**
	 * @return the tenant resolver
	 */
	public TenantResolver resolver() {
		return this.resolver;
	}

	@Override
	@SuppressWarnings("try")
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (invocation.getMethod().getDeclaringClass() == Object.class) {
			// toString, equals, hashCode (a debugger, a log line, a collection) touch no tenant's data.
			return invocation.proceed();
		}
		TenantId current = TenantContext.currentOrNull();
		Optional<TenantId> resolved = this.resolver.resolve();
		if (resolved.isEmpty()) {
			if (current != null) {
				return invocation.proceed();
			}
			throw new MissingTenantException(String.format("No tenant for @TenantScoped '%s': the current principal "
					+ "has no tenant and no tenant scope is open on thread '%s'. Authenticate with a tenant (a "
					+ "tenant claim or a TenantAwarePrincipal). Run jobs with TenantContext.runAs(...). Work on "
					+ "another thread (@Async, an executor) has a tenant only if the thread that submitted it had one "
					+ "(an open scope or a principal with a tenant) and the executor propagates it "
					+ "(TenantTaskDecorator, TenantPropagatingExecutor).",
					describe(invocation), Thread.currentThread().getName()));
		}
		TenantId tenant = resolved.get();
		if (tenant.equals(current)) {
			return invocation.proceed();
		}
		if (current != null && !allowSwitch(invocation)) {
			throw new TenantScopeConflictException(current, tenant);
		}
		try (TenantScope ignored = (current == null) ? TenantContext.open(tenant) : TenantContext.switchTo(tenant)) {
			return invocation.proceed();
		}
	}

	private boolean allowSwitch(MethodInvocation invocation) {
		Method method = invocation.getMethod();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis()) : null;
		MethodClassKey key = new MethodClassKey(method, targetClass);
		return this.allowSwitchCache.computeIfAbsent(key, (k) -> {
			TenantScoped annotation = find(method, targetClass);
			return annotation != null && annotation.allowTenantSwitch();
		});
	}

	private @Nullable TenantScoped find(Method method, @Nullable Class<?> targetClass) {
		Method specific = (targetClass != null) ? AopUtils.getMostSpecificMethod(method, targetClass) : method;
		TenantScoped annotation = AnnotatedElementUtils.findMergedAnnotation(specific, TenantScoped.class);
		if (annotation == null && specific != method) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, TenantScoped.class);
		}
		if (annotation == null && this.repositoryInterface != null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(this.repositoryInterface, TenantScoped.class);
		}
		if (annotation == null && targetClass != null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, TenantScoped.class);
		}
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(), TenantScoped.class);
		}
		return annotation;
	}

	private String describe(MethodInvocation invocation) {
		Class<?> type = (this.repositoryInterface != null) ? this.repositoryInterface
				: (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
						: invocation.getMethod().getDeclaringClass();
		return ClassUtils.getShortName(type) + "." + invocation.getMethod().getName();
	}

}
