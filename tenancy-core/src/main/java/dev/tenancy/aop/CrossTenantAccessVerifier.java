package dev.tenancy.aop;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.CrossTenant;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Checks at startup, once the singletons exist, that the {@link CrossTenantAccess} beans have distinct names and that
 * every {@link CrossTenant#access()} named on a bean's class or methods is one of them, so that a misspelt access fails
 * the start rather than the first call. An annotation that names no access (the
 * {@value CrossTenant#DEFAULT_ACCESS} access) is not checked: it may mark code that crosses tenants without a
 * cross-tenant identity, for example by switching tenants.
 *
 * @author tenancy
 * @since 0.1
 */
final class CrossTenantAccessVerifier implements SmartInitializingSingleton, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(CrossTenantAccessVerifier.class);

	private @Nullable ListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ListableBeanFactory beans = this.beanFactory;
		if (beans == null) {
			return;
		}
		Map<String, String> beanByAccess = new TreeMap<>();
		beans.getBeansOfType(CrossTenantAccess.class, false, true).forEach((beanName, access) -> {
			String other = beanByAccess.putIfAbsent(access.name(), beanName);
			if (other != null) {
				throw new IllegalStateException(String.format("Beans '%s' and '%s' are both cross-tenant access "
						+ "'%s'; give each CrossTenantAccess its own name with CrossTenantAccess.builder().name(...).",
						other, beanName, access.name()));
			}
		});
		for (String beanName : beans.getBeanDefinitionNames()) {
			Class<?> type = typeOf(beans, beanName);
			if (type == null || !AnnotationUtils.isCandidateClass(type, CrossTenant.class)) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(type);
			verify(userType.getName(), AnnotatedElementUtils.findMergedAnnotation(userType, CrossTenant.class),
					beanByAccess);
			Map<Method, CrossTenant> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<CrossTenant>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, CrossTenant.class));
			methods.forEach((method, annotation) -> verify(
					ClassUtils.getShortName(userType) + "." + method.getName(), annotation, beanByAccess));
		}
	}

	private static @Nullable Class<?> typeOf(ListableBeanFactory beans, String beanName) {
		try {
			return beans.getType(beanName, false);
		}
		catch (BeansException ex) {
			// Not checked here; a request of a wrong access is still refused when it is sent.
			logger.debug(String.format("Could not determine the type of bean '%s'", beanName), ex);
			return null;
		}
	}

	private static void verify(String where, @Nullable CrossTenant annotation, Map<String, String> beanByAccess) {
		if (annotation == null || annotation.access().equals(CrossTenant.DEFAULT_ACCESS)
				|| beanByAccess.containsKey(annotation.access())) {
			return;
		}
		throw new IllegalStateException(String.format("@CrossTenant on '%s' names cross-tenant access '%s', but no "
				+ "CrossTenantAccess bean has that name (the accesses are %s). Declare a bean built with "
				+ "CrossTenantAccess.builder().name(\"%s\"), or name one of the existing accesses.", where,
				annotation.access(), beanByAccess.keySet(), annotation.access()));
	}

}
