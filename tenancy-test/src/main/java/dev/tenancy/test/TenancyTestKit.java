package dev.tenancy.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.tenancy.context.TenantId;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.test.dynamodb.DynamoDbTables;
import dev.tenancy.test.dynamodb.LocalDynamoDb;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import dev.tenancy.test.gateway.IamGateway;
import dev.tenancy.test.gateway.IamPolicyAuthorizer;
import dev.tenancy.test.sts.LocalSts;
import dev.tenancy.test.sts.RoleDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The tenancy test kit: DynamoDB Local, a local STS and the IAM-enforcing gateway in front of DynamoDB Local, all on
 * loopback ports, plus ready-made AWS SDK clients for them. It lets the whole token-vending path (AssumeRole with a
 * session policy and tags, SigV4-signed DynamoDB calls with the issued credentials, IAM's answer) run without an AWS
 * account.
 * <p>
 * Use {@link #shared()} (or the {@link TenancyTest} JUnit extension, which uses it) for the one kit per JVM that test
 * classes share, also in parallel; use {@link #builder()} for a kit of your own, for example with a
 * {@link dev.tenancy.test.support.MutableClock} or a custom {@link GatewayAuthorizer}, and close it when done.
 * <p>
 * Fixed facts of every kit: account {@value #ACCOUNT_ID}, region {@code us-east-1}; a base identity
 * {@value #BASE_USER_ARN} with the application's own long-term credentials ({@link #baseCredentials()}) and by
 * default <em>no</em> DynamoDB permission; a tenant role {@value #TENANT_ROLE_ARN} that the base identity assumes with
 * a {@value #TENANT_TAG} session tag and whose identity policy is the role ceiling (see those constants).
 * <p>
 * Setting up tables and items is not the application's business and does not go through the gateway:
 * {@link #createTable(String, TableSchema)} and {@link #adminDynamoDbClient()} talk to DynamoDB Local directly.
 * <p>
 * Authorization in the gateway: by default an {@link IamPolicyAuthorizer}, which evaluates every request with the same
 * evaluator as the client-side guard, as AWS IAM would: a tenant session's against the role's identity policy ∩ the
 * session policy, the base identity's against its identity policy; {@code builder().authorizer(
 * GatewayAuthorizer.allowAll())} makes it permissive (to test the guard alone).
 * <p>
 * Classpath: keep this module in test scope; see the {@linkplain dev.tenancy.test package documentation} for what
 * DynamoDB Local brings and how to route its logging.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyTestKit implements AutoCloseable {

	/** The account id of every principal of the kit. */
	public static final String ACCOUNT_ID = "123456789012";

	/** The region the kit's clients use. */
	public static final Region REGION = Region.US_EAST_1;

	/**
	 * The ARN of the base identity (the application's own long-term credentials). Its identity policy is by default
	 * the production policy of the application's identity in isolation mode {@code iam} ({@link #BASE_IDENTITY_POLICY}):
	 * {@code sts:AssumeRole} and {@code sts:TagSession} on the tenant role and <em>nothing</em> on DynamoDB. A
	 * DynamoDB request signed with the base credentials is therefore denied by the gateway as IAM denies it
	 * ({@code User: arn:aws:iam::123456789012:user/tenancy-app is not authorized to perform: dynamodb:GetItem on
	 * resource: ... because no identity-based policy allows the dynamodb:GetItem action}). An application in isolation
	 * mode {@code application} signs its DynamoDB requests with the base credentials; give it
	 * {@link #APPLICATION_MODE_BASE_IDENTITY_POLICY} with {@link Builder#baseIdentityPolicy(String, String...)}.
	 */
	public static final String BASE_USER_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":user/tenancy-app";

	/**
	 * The ARN of the role that tenant sessions assume. Its trust policy ({@link #TENANT_ROLE_TRUST_POLICY}) lets the
	 * base identity {@code sts:AssumeRole} and {@code sts:TagSession} when a {@value #TENANT_TAG} session tag is passed;
	 * its identity policy is the role ceiling ({@link #TENANT_ROLE_POLICY}: data-plane actions on the account's tables
	 * with {@code TENANT#${aws:PrincipalTag/tenant}} leading keys, Scan and PartiQL denied). STS lets the base identity
	 * assume it only if both the trust policy and the base identity's own policy allow it.
	 */
	public static final String TENANT_ROLE_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":role/tenancy-tenant";

	/** The session tag key that carries the tenant id. */
	public static final String TENANT_TAG = TenancyPolicies.DEFAULT_TENANT_TAG_KEY;

	/** The identity (ceiling) policy of the tenant role. */
	public static final String TENANT_ROLE_POLICY = KitPolicies.TENANT_ROLE_POLICY;

	/** The trust policy of the tenant role. */
	public static final String TENANT_ROLE_TRUST_POLICY = KitPolicies.TENANT_ROLE_TRUST_POLICY;

	/**
	 * The default identity policy of the base identity: the production policy of the application's own identity in
	 * isolation mode {@code iam}, {@code sts:AssumeRole} on the tenant role and {@code sts:TagSession} on it with
	 * exactly the {@value #TENANT_TAG} tag, and nothing else
	 * ({@link TenancyPolicies#applicationIdentityPolicy(String, String)}).
	 */
	public static final String BASE_IDENTITY_POLICY = KitPolicies.BASE_IDENTITY_POLICY;

	/**
	 * An identity policy for an application in isolation mode {@code application}, which signs its DynamoDB requests
	 * with its own credentials: the tenancy data-plane actions ({@link TenancyPolicies#DEFAULT_ACTIONS}) on every table
	 * and index of the account, with Scan and PartiQL denied ({@link TenancyPolicies#DENIED_ACTIONS}). Nothing confines
	 * it to one tenant's keys; in that mode only the client-side guard does. Combine it with
	 * {@link #BASE_IDENTITY_POLICY} when the same kit also vends tenant sessions:
	 * {@code builder().baseIdentityPolicy(BASE_IDENTITY_POLICY, APPLICATION_MODE_BASE_IDENTITY_POLICY)}.
	 */
	public static final String APPLICATION_MODE_BASE_IDENTITY_POLICY = KitPolicies.APPLICATION_MODE_BASE_IDENTITY_POLICY;

	private static final Log logger = LogFactory.getLog(TenancyTestKit.class);

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final String name;

	private final KitResources resources;

	private final KitProcesses processes;

	private final KitClients clients;

	private final Duration startupTime;

	private TenancyTestKit(KitOptions options) {
		long start = System.nanoTime();
		this.name = "k" + INSTANCES.incrementAndGet();
		this.resources = new KitResources(this.name);
		try {
			this.processes = KitProcesses.start(this.name, options, this.resources);
			this.clients = new KitClients(this.processes, this.resources);
			this.clients.warmUp(this.name);
		}
		catch (RuntimeException | Error ex) {
			close();
			throw ex;
		}
		this.startupTime = Duration.ofNanos(System.nanoTime() - start);
		if (logger.isInfoEnabled()) {
			logger.info(String.format("Tenancy test kit '%s' started in %d ms (DynamoDB Local %d ms): DynamoDB Local "
					+ "%s, IAM gateway %s, STS %s", this.name, this.startupTime.toMillis(),
					Duration.ofNanos(this.processes.dynamoDbReadyNanos() - start).toMillis(),
					dynamoDbLocalEndpoint(), dynamoDbEndpoint(), stsEndpoint()));
		}
	}

	/**
	 * @return a builder for a kit of your own
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The kit shared by everything in this JVM, started on first use and stopped at the end of the JUnit run (when
	 * used through {@link TenancyTest}) or by a JVM shutdown hook. Safe to call from parallel tests; after it was
	 * stopped, the next call starts a new one.
	 * @return the shared kit
	 */
	public static TenancyTestKit shared() {
		return SharedKit.get();
	}

	/**
	 * Stop the shared kit, if it runs.
	 */
	static void closeShared() {
		SharedKit.close();
	}

	/**
	 * @return the kit's name ({@code k1}, {@code k2}, …), also the second part of its thread names
	 * ({@code tenancy-test-k1-sts-1})
	 */
	public String name() {
		return this.name;
	}

	/**
	 * @return the DynamoDB endpoint to use: the IAM-enforcing gateway
	 */
	public URI dynamoDbEndpoint() {
		return this.processes.gateway().endpoint();
	}

	/**
	 * @return DynamoDB Local's own endpoint, which bypasses authentication and authorization (for setup and for
	 * checking what was really written)
	 */
	public URI dynamoDbLocalEndpoint() {
		return this.processes.dynamoDb().endpoint();
	}

	/**
	 * @return the STS endpoint
	 */
	public URI stsEndpoint() {
		return this.processes.sts().endpoint();
	}

	/**
	 * @return the region of the kit's clients
	 */
	public Region region() {
		return REGION;
	}

	/**
	 * @return the account id of the kit's principals
	 */
	public String accountId() {
		return ACCOUNT_ID;
	}

	/**
	 * @return the identity policies of the base identity ({@link #BASE_IDENTITY_POLICY} unless the builder set others)
	 */
	public List<String> baseIdentityPolicies() {
		return this.processes.baseIdentityPolicies();
	}

	/**
	 * @return the base identity's long-term credentials
	 */
	public AwsBasicCredentials baseCredentials() {
		return (AwsBasicCredentials) this.processes.baseIdentity().credentials();
	}

	/**
	 * @return a provider of the base credentials
	 */
	public AwsCredentialsProvider baseCredentialsProvider() {
		return StaticCredentialsProvider.create(baseCredentials());
	}

	/**
	 * @return the local STS (issued sessions, roles, fault injection)
	 */
	public LocalSts sts() {
		return this.processes.sts();
	}

	/**
	 * @return the IAM-enforcing gateway
	 */
	public IamGateway gateway() {
		return this.processes.gateway();
	}

	/**
	 * @return the local DynamoDB behind the gateway
	 */
	public LocalDynamoDb localDynamoDb() {
		return this.processes.dynamoDb();
	}

	/**
	 * @return the HTTP client shared by every SDK client the kit builds (closed with the kit)
	 */
	public SdkHttpClient httpClient() {
		return this.processes.httpClient();
	}

	/**
	 * A DynamoDB client signed with the base credentials (the application's own identity), through the gateway. The
	 * gateway evaluates its requests against {@link #baseIdentityPolicies()}: with the default policy every request
	 * is denied, as AWS denies them to the production identity. Not for setup: use {@link #adminDynamoDbClient()}.
	 * @return the client (closed with the kit)
	 */
	public DynamoDbClient baseIdentityDynamoDbClient() {
		return this.clients.baseDynamoDbClient();
	}

	/**
	 * The former name of {@link #baseIdentityDynamoDbClient()}: a client signed with the base credentials, through
	 * the gateway, whose DynamoDB requests the default base identity policy denies.
	 * @return the client (closed with the kit)
	 * @deprecated since 0.2: the name hid that the client is the application's own identity, which may not use
	 * DynamoDB; use {@link #adminDynamoDbClient()} for setup and {@link #baseIdentityDynamoDbClient()} to test what
	 * the application's own identity may do
	 */
	@Deprecated(since = "0.2")
	public DynamoDbClient dynamoDbClient() {
		return baseIdentityDynamoDbClient();
	}

	/**
	 * The admin path for test setup: an unscoped client that talks to DynamoDB Local directly, bypassing the gateway
	 * (no authentication, no authorization). Use it to create tables, seed items and read back what was written;
	 * never hand it to the code under test.
	 * @return the client (closed with the kit)
	 */
	public DynamoDbClient adminDynamoDbClient() {
		return this.processes.adminClient();
	}

	/**
	 * @return the same client as {@link #adminDynamoDbClient()}, talking to DynamoDB Local directly
	 */
	public DynamoDbClient dynamoDbLocalClient() {
		return this.processes.adminClient();
	}

	/**
	 * @return an STS client with the base credentials
	 */
	public StsClient stsClient() {
		return this.clients.baseStsClient();
	}

	/**
	 * @return how long starting the kit took (measured once, also logged at INFO)
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * A DynamoDB client builder preset for the gateway: endpoint, region and the kit's shared HTTP client. Set the
	 * credentials (and any override configuration, for example a retry strategy); the caller closes the client.
	 * @return the builder
	 */
	public DynamoDbClientBuilder dynamoDbClientBuilder() {
		return this.clients.dynamoDbClientBuilder();
	}

	/**
	 * An STS client builder preset for the kit's STS: endpoint, region and the kit's shared HTTP client. Set the
	 * credentials; the caller closes the client.
	 * @return the builder
	 */
	public StsClientBuilder stsClientBuilder() {
		return this.clients.stsClientBuilder();
	}

	/**
	 * Build a DynamoDB client that talks to the gateway with the given credentials and the kit's shared HTTP client.
	 * The kit closes it when it is closed.
	 * @param credentials the credentials
	 * @return the client
	 */
	public DynamoDbClient dynamoDbClient(AwsCredentialsProvider credentials) {
		return this.clients.dynamoDbClient(credentials);
	}

	/**
	 * Build an STS client for the kit's STS with the given credentials and the kit's shared HTTP client. The kit
	 * closes it when it is closed.
	 * @param credentials the caller's credentials
	 * @return the client
	 */
	public StsClient stsClient(AwsCredentialsProvider credentials) {
		return this.clients.stsClient(credentials);
	}

	/**
	 * AssumeRole the tenant role for a tenant, as a token vending machine does: role session name
	 * {@code tenant-<id>}, session tag {@code tenant=<id>}, the given session policy, one hour.
	 * @param tenant the tenant
	 * @param sessionPolicy the inline session policy JSON, or {@literal null} for none (the session then has the
	 * role's full ceiling)
	 * @return the session's credentials; {@code sts().lookup(accessKeyId)} returns the recorded session
	 */
	public AwsSessionCredentials assumeTenantRole(TenantId tenant, @Nullable String sessionPolicy) {
		return this.clients.assumeTenantRole(tenant, sessionPolicy);
	}

	/**
	 * Build a DynamoDB client that talks to the gateway with a tenant's session credentials
	 * ({@link #assumeTenantRole(TenantId, String)}). The credentials are not refreshed; the kit closes the client.
	 * @param tenant the tenant
	 * @param sessionPolicy the inline session policy JSON, or {@literal null}
	 * @return the client
	 */
	public DynamoDbClient dynamoDbClientFor(TenantId tenant, @Nullable String sessionPolicy) {
		return dynamoDbClient(StaticCredentialsProvider.create(assumeTenantRole(tenant, sessionPolicy)));
	}

	/**
	 * Create a table (and its secondary indexes, as global secondary indexes) from an enhanced-client schema unless it
	 * exists, on DynamoDB Local directly ({@link #adminDynamoDbClient()}); see {@link DynamoDbTables}.
	 * @param tableName the table name
	 * @param schema the schema
	 * @return the table's description
	 */
	public TableDescription createTable(String tableName, TableSchema<?> schema) {
		return DynamoDbTables.createTableIfNotExists(this.processes.adminClient(), tableName, schema);
	}

	/**
	 * Create one table for several entity types that share it (the single-table design) unless it exists: their
	 * shared primary key, the union of their key attributes and every secondary index any of them declares; see
	 * {@link DynamoDbTables#createTableRequest(String, List)}.
	 * @param tableName the table name
	 * @param schemas the schemas of the entity types stored in the table
	 * @return the table's description
	 */
	public TableDescription createTable(String tableName, List<? extends TableSchema<?>> schemas) {
		DynamoDbClient admin = this.processes.adminClient();
		if (admin.listTables().tableNames().contains(tableName)) {
			return admin.describeTable((request) -> request.tableName(tableName)).table();
		}
		admin.createTable(DynamoDbTables.createTableRequest(tableName, schemas));
		return admin.describeTable((request) -> request.tableName(tableName)).table();
	}

	/**
	 * Create a silo tenant's table like its pooled table (same keys, attribute definitions and secondary indexes)
	 * unless it exists, on DynamoDB Local directly; see {@link DynamoDbTables#createTableLike}.
	 * @param pooledTable the pooled table, which must exist
	 * @param siloTable the silo table's name, for example {@code app-acme}
	 * @return the silo table's description
	 */
	public TableDescription createSiloTable(String pooledTable, String siloTable) {
		return DynamoDbTables.createTableLike(this.processes.adminClient(), pooledTable, siloTable);
	}

	/**
	 * @return whether the kit runs
	 */
	public boolean isRunning() {
		return !this.resources.isClosed();
	}

	/**
	 * Stop everything the kit started: clients, gateway, STS, DynamoDB Local; their ports are closed and their threads
	 * ended when this returns. Idempotent.
	 */
	@Override
	public void close() {
		if (this.resources.close() && logger.isDebugEnabled()) {
			logger.debug(String.format("Tenancy test kit '%s' stopped", this.name));
		}
	}

	@Override
	public String toString() {
		return "TenancyTestKit[" + this.name + (this.resources.isClosed() ? ", closed" : "") + "]";
	}

	/**
	 * Builder for a {@link TenancyTestKit} of your own.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private final KitOptions options = new KitOptions();

		private Builder() {
		}

		/**
		 * @param dynamoDb starts the local DynamoDB, given a thread-name prefix (default: in-process DynamoDB Local
		 * on a free port); the kit closes it. For the published image use
		 * {@code (name) -> ContainerDynamoDbLocal.start()} where {@code ContainerDynamoDbLocal.isDockerAvailable()}.
		 * @return this builder
		 */
		public Builder dynamoDb(Function<String, ? extends LocalDynamoDb> dynamoDb) {
			this.options.dynamoDb(dynamoDb);
			return this;
		}

		/**
		 * @param authorizer the gateway's authorizer (default: an {@link IamPolicyAuthorizer} that enforces the role
		 * and session policies; {@link GatewayAuthorizer#allowAll()} makes the gateway permissive)
		 * @return this builder
		 */
		public Builder authorizer(GatewayAuthorizer authorizer) {
			this.options.authorizer(authorizer);
			return this;
		}

		/**
		 * @param clock the clock of STS issue and expiry times and of the gateway's expiry checks
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.options.clock(clock);
			return this;
		}

		/**
		 * @param baseCredentials the base identity's long-term credentials (default: generated)
		 * @return this builder
		 */
		public Builder baseCredentials(AwsBasicCredentials baseCredentials) {
			this.options.baseCredentials(baseCredentials);
			return this;
		}

		/**
		 * Give the base identity other identity policies than {@link #BASE_IDENTITY_POLICY}, for example
		 * {@link #APPLICATION_MODE_BASE_IDENTITY_POLICY} for an application in isolation mode {@code application}.
		 * Several policies are OR-ed, as several policies attached to one IAM user; an explicit Deny in any wins. The
		 * gateway evaluates every DynamoDB request signed with the base credentials against them, and STS requires
		 * them (as well as the role's trust policy) to allow {@code sts:AssumeRole} and {@code sts:TagSession}.
		 * @param policyJson an identity policy document
		 * @param morePolicyJson further identity policy documents
		 * @return this builder
		 */
		public Builder baseIdentityPolicy(String policyJson, String... morePolicyJson) {
			this.options.baseIdentityPolicies(policyJson, morePolicyJson);
			return this;
		}

		/**
		 * @param port the STS port, or {@code 0} (default) for a free one
		 * @return this builder
		 */
		public Builder stsPort(int port) {
			this.options.stsPort(port);
			return this;
		}

		/**
		 * @param port the gateway (DynamoDB endpoint) port, or {@code 0} (default) for a free one
		 * @return this builder
		 */
		public Builder gatewayPort(int port) {
			this.options.gatewayPort(port);
			return this;
		}

		/**
		 * @param role an additional role to register with STS
		 * @return this builder
		 */
		public Builder role(RoleDefinition role) {
			this.options.role(role);
			return this;
		}

		/**
		 * @return the started kit; close it when done
		 */
		public TenancyTestKit start() {
			return new TenancyTestKit(this.options);
		}

	}

}
