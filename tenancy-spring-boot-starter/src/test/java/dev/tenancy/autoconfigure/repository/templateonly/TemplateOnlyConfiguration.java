package dev.tenancy.autoconfigure.repository.templateonly;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/**
 * Makes this package an auto-configuration package, as {@code @SpringBootApplication} would.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class TemplateOnlyConfiguration {

}
