package dev.tenancy.autoconfigure.infrastructure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import org.springframework.util.Assert;

import dev.tenancy.autoconfigure.InfrastructureProperties;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.infrastructure.EncryptionAtRest;
import dev.tenancy.infrastructure.InfrastructureFormat;
import dev.tenancy.infrastructure.InfrastructureOptions;
import dev.tenancy.infrastructure.TenancyInfrastructure;

/**
 * The application's infrastructure as code: its {@link TenancyPolicies}, tenant role and
 * {@code tenancy.infrastructure.*} choices, handed to {@link TenancyInfrastructure}. Built on each call, so that a
 * missing setting fails the export that needs it (with a message naming the property), not the application.
 *
 * @author tenancy
 * @since 0.4
 */
public class InfrastructureExport {

	private final TenancyPolicies policies;

	private final IsolationMode isolationMode;

	private final @Nullable String tenantRoleArn;

	private final InfrastructureProperties properties;

	private final Duration sessionDuration;

	private final Map<String, ScalarAttributeType> keyAttributeTypes;

	/**
	 * @param policies the policies the application enforces
	 * @param isolationMode the isolation mode
	 * @param tenantRoleArn the tenant role ({@code tenancy.sts.role-arn}), or {@literal null}
	 * @param sessionDuration the tenant session duration, which the role's maximum must allow
	 * @param properties the infrastructure choices
	 */
	public InfrastructureExport(TenancyPolicies policies, IsolationMode isolationMode, @Nullable String tenantRoleArn,
			Duration sessionDuration, InfrastructureProperties properties) {
		this(policies, isolationMode, tenantRoleArn, sessionDuration, properties, Map.of());
	}

	/**
	 * @param policies the policies the application enforces
	 * @param isolationMode the isolation mode
	 * @param tenantRoleArn the tenant role ({@code tenancy.sts.role-arn}), or {@literal null}
	 * @param sessionDuration the tenant session duration, which the role's maximum must allow
	 * @param properties the infrastructure choices; its {@code attribute-types} win over the mapped ones
	 * @param keyAttributeTypes the types of non-string key attributes as the entities map them
	 */
	public InfrastructureExport(TenancyPolicies policies, IsolationMode isolationMode, @Nullable String tenantRoleArn,
			Duration sessionDuration, InfrastructureProperties properties,
			Map<String, ScalarAttributeType> keyAttributeTypes) {
		Assert.notNull(policies, "Policies must not be null");
		Assert.notNull(isolationMode, "Isolation mode must not be null");
		Assert.notNull(sessionDuration, "Session duration must not be null");
		Assert.notNull(properties, "Properties must not be null");
		this.policies = policies;
		this.isolationMode = isolationMode;
		this.tenantRoleArn = tenantRoleArn;
		this.sessionDuration = sessionDuration;
		this.properties = properties;
		this.keyAttributeTypes = Map.copyOf(keyAttributeTypes);
	}

	/**
	 * @param format the format
	 * @return the application's infrastructure in that format
	 * @throws IllegalStateException if the application is not configured for the export
	 * @throws IllegalArgumentException if a {@code tenancy.infrastructure.*} value is invalid
	 */
	public String render(InfrastructureFormat format) {
		Assert.notNull(format, "Format must not be null");
		return format.render(infrastructure());
	}

	/**
	 * @return the application's infrastructure
	 * @throws IllegalStateException if the application is not configured for the export
	 * @throws IllegalArgumentException if a {@code tenancy.infrastructure.*} value is invalid
	 */
	public TenancyInfrastructure infrastructure() {
		if (this.isolationMode != IsolationMode.IAM) {
			throw new IllegalStateException("The infrastructure export describes isolation mode 'iam' (a tenant role "
					+ "that IAM enforces); this application runs in isolation mode '"
					+ this.isolationMode.name().toLowerCase(Locale.ROOT) + "'.");
		}
		if (this.tenantRoleArn == null) {
			throw new IllegalStateException("No tenant role is configured; set 'tenancy.sts.role-arn' to the ARN of "
					+ "the role tenant sessions assume, which the export declares.");
		}
		InfrastructureOptions.Builder options = InfrastructureOptions.builder(this.tenantRoleArn)
			.encryption(encryption())
			.sourceVpce(this.properties.getSourceVpce())
			.deployRoleName(this.properties.getDeployRoleName())
			.deployPrincipalArn(this.properties.getDeployPrincipalArn())
			.maxSessionDuration(maxSessionDuration());
		Map<String, ScalarAttributeType> types = new LinkedHashMap<>(this.keyAttributeTypes);
		types.putAll(this.properties.getAttributeTypes());
		for (Map.Entry<String, ScalarAttributeType> type : types.entrySet()) {
			options.attributeType(type.getKey(), type.getValue());
		}
		return TenancyInfrastructure.of(this.policies, options.build());
	}

	private Duration maxSessionDuration() {
		Duration hour = Duration.ofHours(1);
		if (this.sessionDuration.compareTo(hour) <= 0) {
			return hour;
		}
		long seconds = this.sessionDuration.getSeconds() + ((this.sessionDuration.getNano() > 0) ? 1 : 0);
		return Duration.ofSeconds(seconds);
	}

	private EncryptionAtRest encryption() {
		String key = this.properties.getKmsKeyArn();
		return switch (this.properties.getEncryption()) {
			case AWS_OWNED, AWS_MANAGED -> {
				if (key != null) {
					throw new IllegalArgumentException("'tenancy.infrastructure.kms-key-arn' is set, but "
							+ "'tenancy.infrastructure.encryption' is '" + this.properties.getEncryption()
								.name()
								.toLowerCase(Locale.ROOT)
								.replace('_', '-')
							+ "'; set it to 'customer-managed' to use the key.");
				}
				yield (this.properties.getEncryption() == InfrastructureProperties.Encryption.AWS_OWNED)
						? EncryptionAtRest.awsOwned() : EncryptionAtRest.awsManaged();
			}
			case CUSTOMER_MANAGED -> (key != null) ? EncryptionAtRest.customerManaged(key)
					: EncryptionAtRest.customerManagedKeyAsInput();
		};
	}

}
