package dev.tenancy.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.iam.policy.TenancyPolicies;

/**
 * Configuration properties of the tenancy starter, bound from {@code tenancy.*}.
 * <p>
 * Properties are checked when the beans that use them are created; an invalid value or combination fails the startup
 * with an {@link InvalidTenancyConfigurationException} that names the property and what to set.
 *
 * @author tenancy
 * @since 0.1
 */
@ConfigurationProperties(prefix = TenancyProperties.PREFIX)
public class TenancyProperties {

	/** The prefix of every tenancy property. */
	public static final String PREFIX = "tenancy";

	/**
	 * Whether to enable the tenancy auto-configuration.
	 */
	private boolean enabled = true;

	/**
	 * How tenant-scoped requests are isolated: 'iam' signs each request with the tenant's own STS session, whose
	 * session policy only allows the tenant's partition keys; 'application' signs with the application's credentials.
	 * The client-side guard checks every request in both modes.
	 */
	private IsolationMode isolationMode = IsolationMode.IAM;

	/**
	 * AWS Region of the tables and of STS, for example 'eu-central-1'. When not set, the Region from the 'aws.region'
	 * system property, the AWS_REGION environment variable or the AWS profile file.
	 */
	private @Nullable String region;

	/**
	 * AWS account id (12 digits) that owns the tables, used in the resource ARNs of the policies. When not set, the
	 * account of the tenant role; required in isolation mode 'application'.
	 */
	private @Nullable String accountId;

	/**
	 * AWS partition of the resource ARNs, for example 'aws', 'aws-cn' or 'aws-us-gov'. When not set, the partition of
	 * the tenant role, otherwise of the Region.
	 */
	private @Nullable String partition;

	/**
	 * Prefix added to the name of every table, for example 'prod-'.
	 */
	private String tableNamePrefix = "";

	/**
	 * Template of a tenant's partition-key value. It must end with the placeholder '{tenant}', preceded by a fixed
	 * literal.
	 */
	private String partitionKeyTemplate = "TENANT#{tenant}";

	/**
	 * Name of the JWT claim or principal attribute that holds the tenant id.
	 */
	private String tenantClaim = "tenant_id";

	/**
	 * Key of the STS session tag that carries the tenant id; the role ceiling policy refers to it.
	 */
	private String tenantTagKey = "tenant";

	/**
	 * Comma-separated list of the DynamoDB actions granted to tenants, a subset of GetItem, BatchGetItem, Query,
	 * PutItem, UpdateItem, DeleteItem, BatchWriteItem and ConditionCheckItem.
	 */
	private List<String> actions = new ArrayList<>(TenancyPolicies.DEFAULT_ACTIONS);

	/**
	 * ARN of the IAM role or user the application runs as, which the generated trust policy allows to assume the
	 * tenant role.
	 */
	private @Nullable String applicationPrincipalArn;

	/**
	 * Tables used by tenant-scoped code, by table name without the table-name prefix, with their key attributes and
	 * secondary indexes. The generated policies grant exactly these tables and indexes.
	 */
	private Map<String, Table> tables = new LinkedHashMap<>();

	/**
	 * Names of application-defined DynamoDB client beans (DynamoDbClient, DynamoDbAsyncClient, DynamoDbEnhancedClient,
	 * DynamoDbEnhancedAsyncClient) that are deliberately not tenant-scoped. Any other such bean fails the startup,
	 * because injecting it would bypass tenant isolation. The tenant-scoped clients stay primary.
	 */
	private List<String> allowedUnscopedClients = new ArrayList<>();

	@NestedConfigurationProperty
	private final StsProperties sts = new StsProperties();

	@NestedConfigurationProperty
	private final TiersProperties tiers = new TiersProperties();

	@NestedConfigurationProperty
	private final InfrastructureProperties infrastructure = new InfrastructureProperties();

	@NestedConfigurationProperty
	private final LifecycleProperties lifecycle = new LifecycleProperties();

	private final AdminClient adminClient = new AdminClient();

	private final Auditing auditing = new Auditing();

	private final DynamoDb dynamodb = new DynamoDb();

	private final Repositories repositories = new Repositories();

	private final TaskDecorator taskDecorator = new TaskDecorator();

	private final Scoping scoping = new Scoping();

	private final Metrics metrics = new Metrics();

	private final Health health = new Health();

	@NestedConfigurationProperty
	private final ColumnRestrictionsProperties columnRestrictions = new ColumnRestrictionsProperties();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public IsolationMode getIsolationMode() {
		return this.isolationMode;
	}

	public void setIsolationMode(IsolationMode isolationMode) {
		this.isolationMode = isolationMode;
	}

	public @Nullable String getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable String region) {
		this.region = region;
	}

	public @Nullable String getAccountId() {
		return this.accountId;
	}

	public void setAccountId(@Nullable String accountId) {
		this.accountId = accountId;
	}

	public @Nullable String getPartition() {
		return this.partition;
	}

	public void setPartition(@Nullable String partition) {
		this.partition = partition;
	}

	public String getTableNamePrefix() {
		return this.tableNamePrefix;
	}

	public void setTableNamePrefix(String tableNamePrefix) {
		this.tableNamePrefix = tableNamePrefix;
	}

	public String getPartitionKeyTemplate() {
		return this.partitionKeyTemplate;
	}

	public void setPartitionKeyTemplate(String partitionKeyTemplate) {
		this.partitionKeyTemplate = partitionKeyTemplate;
	}

	public String getTenantClaim() {
		return this.tenantClaim;
	}

	public void setTenantClaim(String tenantClaim) {
		this.tenantClaim = tenantClaim;
	}

	public String getTenantTagKey() {
		return this.tenantTagKey;
	}

	public void setTenantTagKey(String tenantTagKey) {
		this.tenantTagKey = tenantTagKey;
	}

	public List<String> getActions() {
		return this.actions;
	}

	public void setActions(List<String> actions) {
		this.actions = actions;
	}

	public @Nullable String getApplicationPrincipalArn() {
		return this.applicationPrincipalArn;
	}

	public void setApplicationPrincipalArn(@Nullable String applicationPrincipalArn) {
		this.applicationPrincipalArn = applicationPrincipalArn;
	}

	public Map<String, Table> getTables() {
		return this.tables;
	}

	public void setTables(Map<String, Table> tables) {
		this.tables = tables;
	}

	public List<String> getAllowedUnscopedClients() {
		return this.allowedUnscopedClients;
	}

	public void setAllowedUnscopedClients(List<String> allowedUnscopedClients) {
		this.allowedUnscopedClients = allowedUnscopedClients;
	}

	public AdminClient getAdminClient() {
		return this.adminClient;
	}

	public Auditing getAuditing() {
		return this.auditing;
	}

	public StsProperties getSts() {
		return this.sts;
	}

	public TiersProperties getTiers() {
		return this.tiers;
	}

	public InfrastructureProperties getInfrastructure() {
		return this.infrastructure;
	}

	public LifecycleProperties getLifecycle() {
		return this.lifecycle;
	}

	public DynamoDb getDynamodb() {
		return this.dynamodb;
	}

	public Repositories getRepositories() {
		return this.repositories;
	}

	public TaskDecorator getTaskDecorator() {
		return this.taskDecorator;
	}

	public Scoping getScoping() {
		return this.scoping;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public ColumnRestrictionsProperties getColumnRestrictions() {
		return this.columnRestrictions;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * The key attributes and indexes of one table.
	 */
	public static class Table {

		/**
		 * Partition-key attribute of the table.
		 */
		private @Nullable String partitionKey;

		/**
		 * Sort-key attribute of the table, if it has one.
		 */
		private @Nullable String sortKey;

		/**
		 * Secondary indexes used by tenant-scoped code, by index name, with their key attributes.
		 */
		private Map<String, Index> indexes = new LinkedHashMap<>();

		public @Nullable String getPartitionKey() {
			return this.partitionKey;
		}

		public void setPartitionKey(@Nullable String partitionKey) {
			this.partitionKey = partitionKey;
		}

		public @Nullable String getSortKey() {
			return this.sortKey;
		}

		public void setSortKey(@Nullable String sortKey) {
			this.sortKey = sortKey;
		}

		public Map<String, Index> getIndexes() {
			return this.indexes;
		}

		public void setIndexes(Map<String, Index> indexes) {
			this.indexes = indexes;
		}

	}

	/**
	 * The key attributes of one secondary index.
	 */
	public static class Index {

		/**
		 * Partition-key attribute of the index.
		 */
		private @Nullable String partitionKey;

		/**
		 * Sort-key attribute of the index, if it has one.
		 */
		private @Nullable String sortKey;

		public @Nullable String getPartitionKey() {
			return this.partitionKey;
		}

		public void setPartitionKey(@Nullable String partitionKey) {
			this.partitionKey = partitionKey;
		}

		public @Nullable String getSortKey() {
			return this.sortKey;
		}

		public void setSortKey(@Nullable String sortKey) {
			this.sortKey = sortKey;
		}

	}

	/**
	 * Auditing of tenant entities.
	 */
	public static class Auditing {

		/**
		 * Whether to audit tenant entities: Spring Data's @CreatedDate, @LastModifiedDate, @CreatedBy and
		 * @LastModifiedBy properties are set on every write, with the application's AuditorAware and
		 * DateTimeProvider beans (as @EnableTenancyAuditing does).
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The opt-in admin client: DynamoDB access with the application's own identity, for work that belongs to no tenant.
	 */
	public static class AdminClient {

		/**
		 * Whether to register a TenancyAdminClient bean, signed with the application's base credentials, for creating
		 * tables and similar application-level work. The application's identity then needs the admin-client policy of
		 * the 'tenancy' Actuator endpoint.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The DynamoDB clients.
	 */
	public static class DynamoDb {

		/**
		 * Endpoint of DynamoDB, for example DynamoDB Local or the test kit's gateway. When not set, the Region's
		 * endpoint.
		 */
		private @Nullable URI endpoint;

		public @Nullable URI getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
		}

	}

	/**
	 * Auto-configuration of tenant-scoped repositories.
	 */
	public static class Repositories {

		/**
		 * Whether to auto-configure tenant-scoped repositories: register those in the application's packages (unless
		 * '@EnableTenancyRepositories' is declared) and grant their entities' tables and indexes in the policies.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Propagation of the tenant to tasks run by the application's task executors.
	 */
	public static class TaskDecorator {

		/**
		 * Whether to register a task decorator that runs each task with the tenant of the thread that submitted it.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Tenant scopes on application beans.
	 */
	public static class Scoping {

		/**
		 * Whether to apply '@TenantScoped' and '@CrossTenant' to application beans when no '@EnableTenantScoping' is
		 * declared.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * Micrometer metrics.
	 */
	public static class Metrics {

		/**
		 * Whether to publish tenancy metrics when Micrometer is present.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of distinct tenants used as a metric tag value; further tenants are tagged '(other)'.
		 */
		private int maximumTenantTags = 100;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaximumTenantTags() {
			return this.maximumTenantTags;
		}

		public void setMaximumTenantTags(int maximumTenantTags) {
			this.maximumTenantTags = maximumTenantTags;
		}

	}

	/**
	 * The health contributor.
	 */
	public static class Health {

		/**
		 * Time window the health contributor looks back on: it reports DOWN when every STS call for a tenant session
		 * in this window failed.
		 */
		private Duration interval = Duration.ofMinutes(5);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

}
