package dev.tenancy.sample.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import dev.tenancy.test.TenancyTestKit;

/**
 * The embedded default: without the {@value #AWS_PROFILE} profile, start the tenancy test kit in-process (DynamoDB
 * Local, a local STS and the IAM-enforcing gateway on loopback ports), create the sample table in it, and point the
 * starter at it with the {@code tenancy.*} properties of a property source named {@value #PROPERTY_SOURCE}. The kit
 * is a bean named {@value #KIT_BEAN} and stops with the application context.
 * <p>
 * The application's own identity is the kit's base identity, with the kit's model of its production policy: in
 * isolation mode {@code iam} (the default) it may only assume the tenant role, so DynamoDB requests signed with it are
 * denied as on AWS; with {@code tenancy.isolation-mode=application} it gets the data-plane grants that mode needs.
 * The table is created on DynamoDB Local directly, not with the application's identity.
 * <p>
 * Registered in {@code META-INF/spring.factories}, so that {@code mvn spring-boot:run} and every
 * {@code @SpringBootTest} of the sample start the same way. Requests still go the whole way: STS AssumeRole with each
 * tenant's session policy, SigV4 signing with the session's credentials, and the gateway evaluating the role and
 * session policies as IAM does.
 *
 * @author tenancy
 * @since 0.1
 */
public class EmbeddedTenancyKitInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** The profile that runs against real AWS instead. */
	public static final String AWS_PROFILE = "aws";

	/** The name of the kit's bean. */
	public static final String KIT_BEAN = "tenancyTestKit";

	/** The name of the property source with the kit's endpoints. */
	public static final String PROPERTY_SOURCE = "embeddedTenancyKit";

	private static final String KIT_CLASS = "dev.tenancy.test.TenancyTestKit";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (environment.matchesProfiles(AWS_PROFILE)) {
			return;
		}
		if (!ClassUtils.isPresent(KIT_CLASS, context.getClassLoader())) {
			throw new IllegalStateException(String.format("The '%s' profile is not active, so the sample would run on "
					+ "the embedded test kit, but '%s' (artifact dev.tenancy:tenancy-test) is not on the classpath; "
					+ "add it, or activate the '%s' profile to use DynamoDB and STS.", AWS_PROFILE, KIT_CLASS,
					AWS_PROFILE));
		}
		Kit.start(context, environment);
	}

	/** Isolates the references to the optional test kit. */
	private static final class Kit {

		static void start(ConfigurableApplicationContext context, ConfigurableEnvironment environment) {
			TenancyTestKit.Builder builder = TenancyTestKit.builder();
			String mode = Binder.get(environment).bind("tenancy.isolation-mode", String.class).orElse("iam");
			if ("application".equalsIgnoreCase(mode)) {
				// The application then signs its DynamoDB requests with its own identity: it needs data-plane grants.
				builder.baseIdentityPolicy(TenancyTestKit.APPLICATION_MODE_BASE_IDENTITY_POLICY);
			}
			TenancyTestKit kit = builder.start();
			try {
				kit.adminDynamoDbClient().createTable(SampleTable.createTableRequest());
				Map<String, Object> properties = new LinkedHashMap<>();
				properties.put("tenancy.region", kit.region().id());
				properties.put("tenancy.sts.role-arn", TenancyTestKit.TENANT_ROLE_ARN);
				properties.put("tenancy.sts.endpoint", kit.stsEndpoint().toString());
				properties.put("tenancy.dynamodb.endpoint", kit.dynamoDbEndpoint().toString());
				properties.put("tenancy.application-principal-arn", TenancyTestKit.BASE_USER_ARN);
				environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
				if (!(context instanceof GenericApplicationContext generic)) {
					throw new IllegalStateException("The embedded test kit needs a GenericApplicationContext to be "
							+ "registered as a bean, not a " + context.getClass().getName() + ".");
				}
				// An AutoCloseable bean: closed when the context closes, after the beans that use it.
				generic.registerBean(KIT_BEAN, TenancyTestKit.class, () -> kit);
			}
			catch (RuntimeException ex) {
				kit.close();
				throw ex;
			}
		}

	}

}
