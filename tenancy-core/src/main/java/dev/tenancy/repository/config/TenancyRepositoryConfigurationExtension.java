package dev.tenancy.repository.config;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.repository.TenantScopedRepository;
import dev.tenancy.repository.support.TenancyRepositoryFactoryBean;

import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.config.RepositoryConfigurationSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The Spring Data configuration extension of tenant-scoped repositories (module "Tenancy"). It wires each repository
 * factory bean to the {@link dev.tenancy.core.TenancyOperations} bean named by
 * {@link EnableTenancyRepositories#tenancyTemplateRef()} and registers a default {@link TenancyTemplate} under that
 * name when the application defines none (over the configured client, behind the column restrictions of a
 * {@code ColumnRestrictions} bean if there is one), on the shared {@link TenancyMappingContext} named by
 * {@link EnableTenancyRepositories#mappingContextRef()} (registered too when absent). In strict mode only
 * {@link TenantEntity} types get a repository.
 *
 * @author tenancy
 * @since 0.1
 */
public class TenancyRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

	static final String TENANCY_TEMPLATE_REF = "tenancyTemplateRef";

	static final String DYNAMO_DB_CLIENT_REF = "dynamoDbClientRef";

	static final String KEY_TEMPLATE_REF = "keyTemplateRef";

	static final String MAPPING_CONTEXT_REF = "mappingContextRef";

	static final String DEFAULT_MAPPING_CONTEXT = "tenancyMappingContext";

	static final String DEFAULT_TENANCY_TEMPLATE = "tenancyTemplate";

	@Override
	public String getModuleName() {
		return "Tenancy";
	}

	@Override
	public String getModuleIdentifier() {
		return "tenancy";
	}

	@Override
	@SuppressWarnings("deprecation")
	protected String getModulePrefix() {
		return getModuleIdentifier();
	}

	@Override
	public String getRepositoryFactoryBeanClassName() {
		return TenancyRepositoryFactoryBean.class.getName();
	}

	@Override
	protected Collection<Class<?>> getIdentifyingTypes() {
		return Collections.singleton(TenantScopedRepository.class);
	}

	@Override
	protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
		return Collections.singleton(TenantEntity.class);
	}

	@Override
	public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
		AnnotationAttributes attributes = config.getAttributes();
		builder.addPropertyReference("tenancyOperations", attributes.getString(TENANCY_TEMPLATE_REF));
	}

	@Override
	public void registerBeansForRoot(BeanDefinitionRegistry registry,
			RepositoryConfigurationSource configurationSource) {
		super.registerBeansForRoot(registry, configurationSource);
		String templateRef = configurationSource.getAttribute(TENANCY_TEMPLATE_REF).orElse(DEFAULT_TENANCY_TEMPLATE);
		if (registry.containsBeanDefinition(templateRef)) {
			return;
		}
		Optional<String> clientRef = configurationSource.getAttribute(DYNAMO_DB_CLIENT_REF);
		Optional<String> keyTemplateRef = configurationSource.getAttribute(KEY_TEMPLATE_REF);
		if (clientRef.isEmpty() || keyTemplateRef.isEmpty()) {
			return;
		}
		Object source = configurationSource.getSource();
		Object registrationSource = (source != null) ? source : configurationSource;
		String mappingContextRef = configurationSource.getAttribute(MAPPING_CONTEXT_REF)
			.orElse(DEFAULT_MAPPING_CONTEXT);
		if (!registry.containsBeanDefinition(mappingContextRef)) {
			registerIfNotAlreadyRegistered(() -> {
				RootBeanDefinition definition = new RootBeanDefinition(TenancyMappingContexts.class);
				definition.setFactoryMethodName("mappingContext");
				definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
				definition.setTargetType(TenancyMappingContext.class);
				definition.getConstructorArgumentValues().addIndexedArgumentValue(1,
						configurationSource.getBasePackages().stream().toArray(String[]::new));
				definition.setSource(source);
				return definition;
			}, registry, mappingContextRef, registrationSource);
		}
		registerIfNotAlreadyRegistered(() -> {
			RootBeanDefinition client = new RootBeanDefinition(TenancyRepositoryClients.class);
			client.setFactoryMethodName("repositoryClient");
			client.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
			client.getConstructorArgumentValues().addIndexedArgumentValue(0, new RuntimeBeanReference(clientRef.get()));
			client.setTargetType(DynamoDbClient.class);
			client.setSource(source);
			RootBeanDefinition definition = new RootBeanDefinition(TenancyTemplate.class);
			definition.getConstructorArgumentValues().addIndexedArgumentValue(0, client);
			definition.getConstructorArgumentValues()
				.addIndexedArgumentValue(1, new RuntimeBeanReference(keyTemplateRef.get()));
			definition.getConstructorArgumentValues()
				.addIndexedArgumentValue(2, new RuntimeBeanReference(mappingContextRef));
			definition.setSource(source);
			return definition;
		}, registry, templateRef, registrationSource);
	}

}
