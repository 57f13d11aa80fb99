package dev.tenancy.test.boot;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import dev.tenancy.test.TenancyTestKit;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Dev services: connects a Spring Boot application that uses the tenancy starter to the test kit when
 * {@code tenancy-test} is on its class path, the way Boot's own dev services connect an application to a local
 * database. Spring Boot applies it to every {@code SpringApplication} run (it is registered in
 * {@code META-INF/spring.factories}), so {@code @SpringBootTest} tests and a main class in the test sources
 * ({@code SpringApplication.from(App::main).run(args)}, run with {@code mvn spring-boot:test-run}) need no kit code.
 * <p>
 * It starts the kit once per JVM (per isolation mode) and stops it at JVM exit; points the starter at the kit's
 * DynamoDB (through its IAM-enforcing gateway) and STS endpoints with the properties of a property source named
 * {@value #PROPERTY_SOURCE}; gives the application the kit's base identity as its own AWS identity, with the policy
 * the application's identity has in production (it may assume the tenant role and nothing else; in isolation mode
 * {@code application} it gets the data-plane grants that mode needs); and creates the tables of the application's
 * tenant entities through the kit's admin path ({@link DevServicesTables}). The kit is a bean named
 * {@value #KIT_BEAN}, for tests that want to look behind the scenes.
 * <p>
 * It does nothing when {@value #ENABLED_PROPERTY} is {@code false}, when the tenancy starter is not on the class path,
 * or when real endpoints are configured ({@code tenancy.dynamodb.endpoint} or {@code tenancy.sts.endpoint}), so an
 * application that configures where DynamoDB and STS are is never redirected. To run against AWS from the test class
 * path, set {@value #ENABLED_PROPERTY} to {@code false} (for example in the profile you use for AWS).
 *
 * @author tenancy
 * @since 0.1
 */
public class TenancyDevServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Switches the dev services off when {@code false}. */
	public static final String ENABLED_PROPERTY = "tenancy.dev-services.enabled";

	/** The name of the property source with the kit's endpoints. */
	public static final String PROPERTY_SOURCE = "tenancyDevServices";

	/** The name of the kit's bean. */
	public static final String KIT_BEAN = "tenancyTestKit";

	/** The properties that say where DynamoDB and STS are: when one is set, the dev services stay off. */
	static final List<String> ENDPOINT_PROPERTIES = List.of("tenancy.dynamodb.endpoint", "tenancy.sts.endpoint");

	private static final String STARTER_CLASS = "dev.tenancy.autoconfigure.TenancyAutoConfiguration";

	private static final Log logger = LogFactory.getLog(TenancyDevServices.class);

	private static final Object MONITOR = new Object();

	private static @Nullable TenancyTestKit applicationModeKit;

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		String reason = reasonToStayOff(environment, ClassUtils.isPresent(STARTER_CLASS, context.getClassLoader()));
		if (reason != null) {
			logger.debug("Tenancy dev services are off: " + reason);
			return;
		}
		if (!(context instanceof GenericApplicationContext generic)) {
			throw new IllegalStateException(String.format("Tenancy dev services register the test kit as a bean and "
					+ "need a GenericApplicationContext, not a %s; set '%s=false' and configure the kit yourself.",
					context.getClass().getName(), ENABLED_PROPERTY));
		}
		boolean applicationMode = "application".equalsIgnoreCase(environment.getProperty("tenancy.isolation-mode"));
		TenancyTestKit kit = kit(applicationMode);
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties(kit)));
		generic.registerBean(KIT_BEAN, TenancyTestKit.class, () -> kit, TenancyDevServices::shared);
		generic.registerBean("tenancyAwsCredentialsProvider", AwsCredentialsProvider.class,
				kit::baseCredentialsProvider);
		generic.registerBean("tenancyDevServicesTables", DevServicesTables.class, () -> new DevServicesTables(kit),
				(definition) -> definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE));
		logger.info(String.format("Tenancy dev services: the application runs on test kit '%s' (DynamoDB through the "
				+ "IAM-enforcing gateway at %s, STS at %s, isolation mode %s); set '%s=false' to switch this off.",
				kit.name(), kit.dynamoDbEndpoint(), kit.stsEndpoint(), applicationMode ? "application" : "iam",
				ENABLED_PROPERTY));
	}

	/**
	 * @return why the dev services stay off in this environment, or {@literal null} if they start
	 */
	static @Nullable String reasonToStayOff(ConfigurableEnvironment environment, boolean starterPresent) {
		if (!environment.getProperty(ENABLED_PROPERTY, Boolean.class, true)) {
			return ENABLED_PROPERTY + " is false";
		}
		if (!starterPresent) {
			return "the tenancy starter is not on the class path";
		}
		for (String property : ENDPOINT_PROPERTIES) {
			if (environment.containsProperty(property)) {
				return property + " is configured";
			}
		}
		return null;
	}

	static Map<String, Object> properties(TenancyTestKit kit) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("tenancy.region", kit.region().id());
		properties.put("tenancy.account-id", TenancyTestKit.ACCOUNT_ID);
		properties.put("tenancy.sts.role-arn", TenancyTestKit.TENANT_ROLE_ARN);
		properties.put("tenancy.sts.endpoint", kit.stsEndpoint().toString());
		properties.put("tenancy.dynamodb.endpoint", kit.dynamoDbEndpoint().toString());
		properties.put("tenancy.application-principal-arn", TenancyTestKit.BASE_USER_ARN);
		return properties;
	}

	/**
	 * The kit of this JVM for the isolation mode: its base identity has the production policy of the application's
	 * identity in that mode. Both are shared by every application context of the JVM and stop at JVM exit.
	 */
	private static TenancyTestKit kit(boolean applicationMode) {
		if (!applicationMode) {
			return TenancyTestKit.shared();
		}
		synchronized (MONITOR) {
			TenancyTestKit kit = applicationModeKit;
			if (kit == null) {
				kit = TenancyTestKit.builder()
					.baseIdentityPolicy(TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY)
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(kit::close, "tenancy-dev-services-shutdown"));
				applicationModeKit = kit;
			}
			return kit;
		}
	}

	/** The kit outlives the context: other contexts of the JVM share it. */
	private static void shared(BeanDefinition definition) {
		((AbstractBeanDefinition) definition).setDestroyMethodName("");
	}

}
