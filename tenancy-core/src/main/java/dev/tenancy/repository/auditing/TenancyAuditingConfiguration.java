package dev.tenancy.repository.auditing;

import dev.tenancy.core.TenancyMappingContext;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;

/**
 * Registers the {@link TenancyAuditingCallback} (imported by {@link EnableTenancyAuditing}).
 *
 * @author tenancy
 * @since 0.1
 */
@Configuration(proxyBeanMethods = false)
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
public class TenancyAuditingConfiguration {

	/**
	 * @param mappingContext the application's mapping context (shared with the template and the repositories), if
	 * it declares exactly one; a context of the callback's own otherwise
	 * @param auditorAware the application's auditor, if it declares exactly one
	 * @param dateTimeProvider the application's clock for auditing, if it declares exactly one
	 * @return the callback that audits entities before they are converted
	 */
	@Bean
	public TenancyAuditingCallback tenancyAuditingCallback(ObjectProvider<TenancyMappingContext> mappingContext,
			ObjectProvider<AuditorAware<?>> auditorAware, ObjectProvider<DateTimeProvider> dateTimeProvider) {
		return new TenancyAuditingCallback(mappingContext.getIfUnique(TenancyMappingContext::new),
				auditorAware::getIfUnique, dateTimeProvider::getIfUnique);
	}

}
