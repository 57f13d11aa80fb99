package dev.tenancy.autoconfigure.repository;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Import;

import dev.tenancy.repository.auditing.TenancyAuditingCallback;
import dev.tenancy.repository.auditing.TenancyAuditingConfiguration;

/**
 * Auditing of tenant entities with {@code tenancy.auditing.enabled=true}: the same as
 * {@code @EnableTenancyAuditing}, which an application may declare instead.
 *
 * @author tenancy
 * @since 0.1
 */
@AutoConfiguration(after = TenancyRepositoriesAutoConfiguration.class)
@ConditionalOnClass(TenancyAuditingCallback.class)
@ConditionalOnBooleanProperty(name = "tenancy.auditing.enabled")
@ConditionalOnMissingBean(TenancyAuditingCallback.class)
@Import(TenancyAuditingConfiguration.class)
public final class TenancyAuditingAutoConfiguration {

}
