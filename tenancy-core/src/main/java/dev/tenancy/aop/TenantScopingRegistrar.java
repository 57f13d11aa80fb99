package dev.tenancy.aop;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers an auto-proxy creator for the tenancy advisors, unless a more capable one is registered (for example
 * Spring Boot's AspectJ-aware one), the way {@code @EnableTransactionManagement} does.
 *
 * @author tenancy
 * @since 0.1
 */
final class TenantScopingRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
	}

}
