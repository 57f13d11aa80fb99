package dev.tenancy.autoconfigure;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;

/**
 * Fails the startup when the application context holds a DynamoDB client that tenancy did not build (TH-17): a
 * {@link DynamoDbClient}, {@link DynamoDbAsyncClient}, {@link DynamoDbEnhancedClient} or
 * {@link DynamoDbEnhancedAsyncClient} bean other than the tenant-scoped clients, a tenant-scoped client bean that is
 * not the one of the {@link TenantScopedDynamoDbClientFactory}, or a Spring Cloud AWS {@code DynamoDbTemplate} that is
 * not built on the tenant-scoped enhanced client. Such a client is not confined to a tenant and is not checked by the
 * guard, so code that injects it could read and write every tenant's items.
 * <p>
 * Beans named in {@code tenancy.allowed-unscoped-clients} are accepted: the application declares that they are
 * deliberately unscoped (the tenant-scoped clients stay primary). Work that needs the application's own identity
 * belongs in the {@link dev.tenancy.dynamodb.TenancyAdminClient} instead.
 *
 * @author tenancy
 * @since 0.2
 */
final class UnscopedDynamoDbClientsCheck implements SmartInitializingSingleton {

	static final String PROPERTY = "tenancy.allowed-unscoped-clients";

	static final String DYNAMO_DB_TEMPLATE = "io.awspring.cloud.dynamodb.DynamoDbTemplate";

	private static final List<Class<?>> CLIENT_TYPES = List.of(DynamoDbClient.class, DynamoDbAsyncClient.class,
			DynamoDbEnhancedClient.class, DynamoDbEnhancedAsyncClient.class);

	private static final Set<String> TENANT_SCOPED = Set.of(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT,
			TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT);

	private final ConfigurableListableBeanFactory beanFactory;

	private final Set<String> allowed;

	/**
	 * @param beanFactory the bean factory to check; must not be {@literal null}
	 * @param allowed the names of deliberately unscoped client beans; must not be {@literal null}
	 */
	UnscopedDynamoDbClientsCheck(ConfigurableListableBeanFactory beanFactory, List<String> allowed) {
		Assert.notNull(beanFactory, "BeanFactory must not be null");
		Assert.notNull(allowed, "Allowed client names must not be null");
		this.beanFactory = beanFactory;
		this.allowed = Set.copyOf(allowed);
	}

	@Override
	public void afterSingletonsInstantiated() {
		TenantScopedDynamoDbClientFactory factory = this.beanFactory.getBean(TenantScopedDynamoDbClientFactory.class);
		checkTenantScoped(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT, factory.client());
		checkTenantScoped(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT, factory.enhancedClient());
		checkNoOtherClients();
		checkDynamoDbTemplates(factory.enhancedClient());
	}

	private void checkTenantScoped(String name, Object expected) {
		if (this.beanFactory.containsBean(name) && this.beanFactory.getBean(name) != expected) {
			throw new InvalidTenancyConfigurationException(PROPERTY, null, String.format("The bean '%s' is not the "
					+ "tenant-scoped client of the TenantScopedDynamoDbClientFactory, yet repositories and every "
					+ "plain injection of a DynamoDB client use it; it would not be confined to a tenant.", name),
					String.format("Remove the application's '%s' bean (customize the tenant-scoped client with "
							+ "TenantScopedDynamoDbClientCustomizer beans instead), or define it as "
							+ "'tenantScopedDynamoDbClientFactory.%s()'.", name,
							name.equals(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT) ? "client"
									: "enhancedClient"),
					null);
		}
	}

	private void checkNoOtherClients() {
		List<String> unscoped = new ArrayList<>();
		for (Class<?> type : CLIENT_TYPES) {
			for (String name : this.beanFactory.getBeanNamesForType(type, true, false)) {
				if (!TENANT_SCOPED.contains(name) && !isAllowed(name)) {
					unscoped.add(String.format("'%s' (%s)", name, type.getSimpleName()));
				}
			}
		}
		if (!unscoped.isEmpty()) {
			throw new InvalidTenancyConfigurationException(PROPERTY, this.allowed.isEmpty() ? null : this.allowed,
					String.format("The application context holds DynamoDB client beans that are not tenant-scoped: "
							+ "%s. They sign requests with whatever credentials they were built with and bypass the "
							+ "tenant guard, so code that injects them could read and write every tenant's items.",
							String.join(", ", unscoped)),
					"Remove them and inject the tenant-scoped DynamoDbClient or DynamoDbEnhancedClient (the "
							+ "default candidates); for table creation and other work that needs the application's "
							+ "own identity, set 'tenancy.admin-client.enabled=true' and use the TenancyAdminClient. "
							+ "If a client is deliberately unscoped, list its bean name in '" + PROPERTY + "'.",
					null);
		}
	}

	private boolean isAllowed(String name) {
		if (this.allowed.contains(name)) {
			return true;
		}
		return Arrays.stream(this.beanFactory.getAliases(name)).anyMatch(this.allowed::contains);
	}

	private void checkDynamoDbTemplates(DynamoDbEnhancedClient tenantScoped) {
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		if (!ClassUtils.isPresent(DYNAMO_DB_TEMPLATE, classLoader)) {
			return;
		}
		Class<?> templateType = ClassUtils.resolveClassName(DYNAMO_DB_TEMPLATE, classLoader);
		Field clientField = ReflectionUtils.findField(templateType, null, DynamoDbEnhancedClient.class);
		for (String name : this.beanFactory.getBeanNamesForType(templateType, true, false)) {
			Object client = enhancedClientOf(this.beanFactory.getBean(name), clientField);
			if (client != tenantScoped) {
				throw new InvalidTenancyConfigurationException(PROPERTY, null, String.format("The Spring Cloud AWS "
						+ "DynamoDbTemplate bean '%s' is %s, so its reads and writes would not be confined to a "
						+ "tenant.", name,
						(clientField != null) ? "not built on the tenant-scoped DynamoDbEnhancedClient"
								: "of a version whose enhanced client tenancy cannot verify"),
						"Let Spring Cloud AWS auto-configure the DynamoDbTemplate (it then uses the tenant-scoped "
								+ "DynamoDbEnhancedClient), or build it on the bean '"
								+ TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_ENHANCED_CLIENT + "'.",
						null);
			}
		}
	}

	private static @Nullable Object enhancedClientOf(Object template, @Nullable Field field) {
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, template);
	}

}
