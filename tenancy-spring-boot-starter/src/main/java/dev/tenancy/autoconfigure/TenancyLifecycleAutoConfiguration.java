package dev.tenancy.autoconfigure;

import java.nio.file.Path;
import java.util.Optional;

import dev.tenancy.context.TenantTierRegistry;
import dev.tenancy.credentials.StsTenantCredentialsProvider;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenancyAdminClient;
import dev.tenancy.dynamodb.TenantFences;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.lifecycle.FileMoveJournal;
import dev.tenancy.lifecycle.LifecycleSessions;
import dev.tenancy.lifecycle.TenantLifecycle;
import dev.tenancy.lifecycle.TenantLifecycleListener;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Lifecycle operations ({@code tenancy.lifecycle.*}, docs/TIERS.md): with {@code tenancy.lifecycle.enabled=true} or a
 * command property, a {@link TenantLifecycle} bean whose data-plane work runs under each tenant's own lifecycle STS
 * session ({@link LifecycleSessions}: the tenant's partition keys in its pooled and its silo tables) and guard, never
 * the application's identity; it fences the application's tenant-scoped client ({@link TenantFences}), switches
 * tiers through the {@link TenantTierRegistry} (a bean, or the resolver of the {@code TenantTables}; without one,
 * moves are refused before they start), evicts a purged tenant's sessions and compiled policies, and deletes
 * silo tables only with {@code tenancy.lifecycle.drop-silo-tables=true} and the {@link TenancyAdminClient}. With
 * {@code tenancy.lifecycle.move}, {@code .resume}, {@code .rollback} or {@code .purge}, the
 * {@link TenantLifecycleCommand} runs that operation and closes the application. Isolation mode {@code iam} only.
 *
 * @author tenancy
 * @since 0.4
 */
@AutoConfiguration(after = TenancyAutoConfiguration.class)
@ConditionalOnClass(TenantLifecycle.class)
@ConditionalOnProperty(name = "tenancy.isolation-mode", havingValue = "iam", matchIfMissing = true)
@Conditional(LifecycleRequested.class)
public final class TenancyLifecycleAutoConfiguration {

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LifecycleClient tenancyLifecycleClient(TenancyProperties properties, TenancyPolicies tenancyPolicies,
			StsClient stsClient, SdkHttpClient httpClient,
			ObjectProvider<TenantScopedDynamoDbClientCustomizer> customizers) {
		tenancyPolicies.validateMigrationSessionPolicySize();
		TenancyAwsSettings aws = TenancyAwsSettings.resolve(properties);
		String roleArn = aws.sessionRoleArn();
		String tagKey = tenancyPolicies.tenantTagKey();
		StsTenantCredentialsProvider.Builder sessions = LifecycleSessions.credentials(tenancyPolicies, stsClient,
				roleArn, tagKey)
			.sessionDuration(properties.getSts().getSessionDuration());
		if (properties.getSts().getExternalId() != null) {
			sessions.externalId(properties.getSts().getExternalId());
		}
		StsTenantCredentialsProvider credentials = sessions.build();
		try {
			TenantScopedDynamoDbClientFactory factory = TenantScopedDynamoDbClientFactory.builder()
				.mode(IsolationMode.IAM)
				.httpClient(httpClient)
				.region(aws.region())
				.endpointOverride(properties.getDynamodb().getEndpoint())
				.tenantCredentials(credentials)
				.guard(LifecycleSessions.guard(tenancyPolicies, roleArn, tagKey))
				.customizer((builder) -> customizers.orderedStream()
					.forEach((customizer) -> customizer.customize(builder)))
				.build();
			return new LifecycleClient(credentials, factory);
		}
		catch (RuntimeException ex) {
			credentials.close();
			throw ex;
		}
	}

	@Bean
	@ConditionalOnMissingBean
	TenantLifecycle tenantLifecycle(TenancyProperties properties, LifecycleClient tenancyLifecycleClient,
			TenancyPolicies tenancyPolicies, TenantFences tenantFences, ObjectProvider<TenantTierRegistry> registry,
			TenantRequestGuard tenantRequestGuard, ObjectProvider<TenantCredentialsProvider> tenantCredentials,
			ObjectProvider<TenantLifecycleListener> listeners, ObjectProvider<TenancyAdminClient> adminClient) {
		LifecycleProperties lifecycle = properties.getLifecycle();
		TenantLifecycle.Builder builder = TenantLifecycle.builder()
			.client(tenancyLifecycleClient.client())
			.policies(tenancyPolicies)
			.fences(tenantFences)
			.retryAfter(lifecycle.getRetryAfter())
			.drainTimeout(lifecycle.getDrainTimeout())
			.eviction(tenantRequestGuard::evict)
			.eviction(tenancyLifecycleClient.credentials()::evict);
		TenantTierRegistry tiers = registry.getIfUnique(() -> (tenancyPolicies.tenantTables()
			.resolver() instanceof TenantTierRegistry own) ? own : null);
		if (tiers != null) {
			builder.tierAssignment(tiers::assign);
		}
		tenantCredentials.orderedStream().forEach((credentials) -> builder.eviction(credentials::evict));
		listeners.orderedStream().forEach(builder::listener);
		Path journal = lifecycle.getJournalDirectory();
		if (journal != null) {
			builder.journal(FileMoveJournal.in(journal));
		}
		if (lifecycle.isDropSiloTables()) {
			TenancyAdminClient admin = Optional.ofNullable(adminClient.getIfAvailable())
				.orElseThrow(() -> new InvalidTenancyConfigurationException("tenancy.lifecycle.drop-silo-tables", true,
						"Deleting silo tables needs the TenancyAdminClient, which is not enabled.",
						"Set 'tenancy.admin-client.enabled=true' and grant the application's identity "
								+ "dynamodb:DeleteTable on the silo tables, or leave "
								+ "'tenancy.lifecycle.drop-silo-tables' unset to keep the emptied silo tables.",
						null));
			builder.tableDropper(admin);
		}
		return builder.build();
	}

	@Bean
	@Conditional(LifecycleRequested.Command.class)
	TenantLifecycleCommand tenantLifecycleCommand(TenantLifecycle tenantLifecycle, TenancyProperties properties,
			ConfigurableApplicationContext context) {
		return new TenantLifecycleCommand(tenantLifecycle, properties.getLifecycle(), context);
	}

}
