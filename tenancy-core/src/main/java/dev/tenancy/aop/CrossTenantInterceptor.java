package dev.tenancy.aop;

import java.lang.reflect.Method;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.CrossTenant;
import dev.tenancy.context.TenantContext;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * The {@link MethodInterceptor} behind {@link CrossTenant}: it makes the cross-tenant escape hatch visible and
 * unlocks the {@link CrossTenantAccess} the annotation names ({@link CrossTenant#access()}), and no other, on the
 * calling thread for the duration of the call. A nested call unlocks its own access only; the enclosing call's access
 * is unlocked again when it returns. Each call is logged at INFO with its access and justification (the tenant, if
 * any, only at DEBUG) and reported to the {@link CrossTenantListener}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class CrossTenantInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(CrossTenantInterceptor.class);

	private final CrossTenantListener listener;

	/**
	 * @param listener told about each cross-tenant call; must not be {@literal null}
	 */
	public CrossTenantInterceptor(CrossTenantListener listener) {
		Assert.notNull(listener, "CrossTenantListener must not be null");
		this.listener = listener;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Class<?> targetClass = (invocation.getThis() != null) ? AopUtils.getTargetClass(invocation.getThis())
				: method.getDeclaringClass();
		CrossTenant annotation = find(method, targetClass);
		if (annotation == null) {
			throw new IllegalStateException(String.format("'%s' is advised as cross-tenant but carries no "
					+ "@CrossTenant annotation.", method));
		}
		String name = ClassUtils.getShortName(targetClass) + "." + method.getName();
		String justification = annotation.value();
		String access = annotation.access();
		if (logger.isInfoEnabled()) {
			logger.info(String.format("Cross-tenant call '%s' with access '%s': %s", name, access, justification));
		}
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("Cross-tenant call '%s' from tenant scope '%s'", name,
					TenantContext.currentOrNull()));
		}
		try {
			this.listener.onCrossTenantCall(name, justification, TenantContext.currentOrNull());
		}
		catch (RuntimeException ex) {
			logger.warn("CrossTenantListener failed; the call proceeds and is logged", ex);
		}
		CrossTenantCall call = CrossTenantCall.enter(access, justification, name);
		try {
			return invocation.proceed();
		}
		finally {
			call.exit();
		}
	}

	private static @Nullable CrossTenant find(Method method, Class<?> targetClass) {
		Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
		CrossTenant annotation = AnnotatedElementUtils.findMergedAnnotation(specific, CrossTenant.class);
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(method, CrossTenant.class);
		}
		if (annotation == null) {
			annotation = AnnotatedElementUtils.findMergedAnnotation(targetClass, CrossTenant.class);
		}
		return annotation;
	}

}
