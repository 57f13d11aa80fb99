package dev.tenancy.sample.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.tenancy.autoconfigure.TenancyAutoConfiguration;
import dev.tenancy.autoconfigure.TenancyProperties;
import dev.tenancy.autoconfigure.repository.TenancyRepositoriesAutoConfiguration;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsListener;
import dev.tenancy.dynamodb.TenantGuardListener;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.ColumnRestriction;
import dev.tenancy.iam.DynamoDbRequestContextExtractor;
import dev.tenancy.iam.PolicyEvaluator;
import dev.tenancy.iam.PrincipalSession;
import dev.tenancy.iam.TenancyPolicies;
import dev.tenancy.iam.TenantKeyTemplate;
import dev.tenancy.repository.core.TenancyMappingContext;
import dev.tenancy.repository.core.TenancyTemplate;
import dev.tenancy.repository.core.TenantReadCheckListener;
import dev.tenancy.sample.project.Project;
import dev.tenancy.sample.project.Task;
import dev.tenancy.sample.security.ColumnAccess;

/**
 * Column-level rules per role on top of what the starter configures. The starter finds the tenant-scoped repositories
 * ({@code ProjectRepository}, {@code TaskRepository}) and declares their table and indexes in the policies; the
 * sample adds nothing for that.
 * <p>
 * The starter gives each tenant one session policy. The sample needs two per tenant: administrators
 * get the unrestricted one, regular users one whose {@code dynamodb:Attributes} allow-list leaves out
 * {@code budget} and {@code internalNotes}. So it replaces three of the starter's beans, each of which backs off:
 * <ul>
 * <li>{@code tenantCredentialsProvider}: two STS sessions per tenant, chosen per request by the caller's
 * {@link ColumnAccess} ({@link RoleRoutingTenantCredentialsProvider});</li>
 * <li>{@code tenantRequestGuard}: the guard evaluates the same policy the request is signed with;</li>
 * <li>{@code tenancyTemplate}: repositories send projections and updates that the restricted policy allows
 * ({@link ColumnRestrictingDynamoDbClient}).</li>
 * </ul>
 *
 * @author tenancy
 * @since 0.1
 */
@Configuration(proxyBeanMethods = false)
public class TenancyConfiguration {

	/**
	 * The non-key attributes regular users may read and write: everything but {@code budget} and
	 * {@code internalNotes}.
	 * @return the column restriction of regular users
	 */
	public static ColumnRestriction regularUserColumns() {
		Set<String> attributes = new LinkedHashSet<>(Project.REGULAR_USER_ATTRIBUTES);
		attributes.addAll(Task.REGULAR_USER_ATTRIBUTES);
		return ColumnRestriction.of(attributes);
	}

	@Bean
	RoleSessionPolicies roleSessionPolicies(TenancyPolicies tenancyPolicies) {
		return RoleSessionPolicies.of(tenancyPolicies, regularUserColumns());
	}

	@Bean
	@ConditionalOnProperty(name = "tenancy.isolation-mode", havingValue = "iam", matchIfMissing = true)
	RoleRoutingTenantCredentialsProvider tenantCredentialsProvider(TenancyProperties properties, StsClient stsClient,
			RoleSessionPolicies roleSessionPolicies, ObjectProvider<TenantCredentialsListener> listeners) {
		TenantCredentialsListener listener = credentialsListener(listeners.orderedStream().toList());
		return new RoleRoutingTenantCredentialsProvider(
				sessions(properties, stsClient, roleSessionPolicies.policies(ColumnAccess.FULL), listener),
				sessions(properties, stsClient, roleSessionPolicies.policies(ColumnAccess.RESTRICTED), listener),
				ColumnAccess::current);
	}

	private static StsTenantCredentialsProvider sessions(TenancyProperties properties, StsClient stsClient,
			TenancyPolicies policies, @Nullable TenantCredentialsListener listener) {
		TenancyProperties.Sts sts = properties.getSts();
		return StsTenantCredentialsProvider.builder()
			.stsClient(stsClient)
			.roleArn(requireRoleArn(properties))
			.sessionPolicy(policies::sessionPolicyJson)
			.tenantTagKey(policies.tenantTagKey())
			.sessionDuration(sts.getSessionDuration())
			.refreshAhead(sts.getRefreshAhead())
			.staleTime(sts.getStaleTime())
			.maximumTenants(sts.getCacheSize())
			.externalId(sts.getExternalId())
			.listener(listener)
			.build();
	}

	@Bean
	TenantRequestGuard tenantRequestGuard(TenancyProperties properties, RoleSessionPolicies roleSessionPolicies,
			ObjectProvider<TenantGuardListener> listeners) {
		String roleArn = requireRoleArn(properties);
		long cacheSize = properties.getSts().getCacheSize();
		TenancyPolicies full = roleSessionPolicies.policies(ColumnAccess.FULL);
		TenancyPolicies restricted = roleSessionPolicies.policies(ColumnAccess.RESTRICTED);
		Function<TenantId, PrincipalSession> fullSessions = new TenantSessionPolicies(full, roleArn,
				full.tenantTagKey(), cacheSize);
		Function<TenantId, PrincipalSession> restrictedSessions = new TenantSessionPolicies(restricted, roleArn,
				restricted.tenantTagKey(), cacheSize);
		return new TenantRequestGuard(new DynamoDbRequestContextExtractor(full.arns(), full.keySchema()),
				PolicyEvaluator.create(),
				(tenant) -> (ColumnAccess.current() == ColumnAccess.FULL) ? fullSessions.apply(tenant)
						: restrictedSessions.apply(tenant),
				guardListener(listeners.orderedStream().toList()), full.keyTemplate());
	}

	@Bean(TenancyRepositoriesAutoConfiguration.TENANCY_TEMPLATE)
	TenancyTemplate tenancyTemplate(
			@Qualifier(TenancyAutoConfiguration.TENANT_SCOPED_DYNAMO_DB_CLIENT) DynamoDbClient tenantScopedDynamoDbClient,
			TenantKeyTemplate tenantKeyTemplate, TenancyMappingContext tenancyMappingContext,
			RoleSessionPolicies roleSessionPolicies, ObjectProvider<TenantReadCheckListener> readCheckListeners) {
		TenancyPolicies policies = roleSessionPolicies.policies(ColumnAccess.FULL);
		TenancyTemplate.Builder builder = TenancyTemplate.builder()
			.client(new ColumnRestrictingDynamoDbClient(tenantScopedDynamoDbClient, policies.keySchema(),
					roleSessionPolicies.restrictedAttributes(), ColumnAccess::current))
			.keyTemplate(tenantKeyTemplate)
			.mappingContext(tenancyMappingContext);
		TenantReadCheckListener listener = readCheckListeners.getIfUnique();
		if (listener != null) {
			builder.readCheckListener(listener);
		}
		return builder.build();
	}

	private static String requireRoleArn(TenancyProperties properties) {
		String roleArn = properties.getSts().getRoleArn();
		if (roleArn == null || roleArn.isEmpty()) {
			throw new IllegalStateException("The sample signs every request with a tenant's STS session, but "
					+ "'tenancy.sts.role-arn' is not set; set it to the tenant role (profile 'aws'), or run the sample "
					+ "from its test class path ('mvn spring-boot:test-run'), where the test kit's dev services set it.");
		}
		return roleArn;
	}

	private static @Nullable TenantCredentialsListener credentialsListener(List<TenantCredentialsListener> listeners) {
		if (listeners.isEmpty()) {
			return null;
		}
		return (tenant, latency, failure) -> listeners.forEach((each) -> each.onAssumeRole(tenant, latency, failure));
	}

	private static TenantGuardListener guardListener(List<TenantGuardListener> listeners) {
		if (listeners.isEmpty()) {
			return TenantGuardListener.NONE;
		}
		return (tenant, operation, decision) -> listeners
			.forEach((each) -> each.onDenied(tenant, operation, decision));
	}

}
