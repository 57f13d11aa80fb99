package dev.tenancy.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.RoleSessionRules;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.test.dynamodb.DynamoDbTables;
import dev.tenancy.test.dynamodb.InProcessDynamoDbLocal;
import dev.tenancy.test.dynamodb.LocalDynamoDb;
import dev.tenancy.test.gateway.GatewayAuthorizer;
import dev.tenancy.test.gateway.IamGateway;
import dev.tenancy.test.gateway.IamPolicyAuthorizer;
import dev.tenancy.test.sts.IssuedSession;
import dev.tenancy.test.sts.LocalSts;
import dev.tenancy.test.sts.RoleDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.utils.SdkAutoCloseable;

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
 * Fixed facts of every kit:
 * <ul>
 * <li>account {@value #ACCOUNT_ID}, region {@code us-east-1};</li>
 * <li>a base identity {@value #BASE_USER_ARN}, the application's own long-term credentials
 * ({@link #baseCredentials()}), whose identity policy is by default the production policy of the application's
 * identity in isolation mode {@code iam} ({@link #BASE_IDENTITY_POLICY}): {@code sts:AssumeRole} and
 * {@code sts:TagSession} on the tenant role and <em>nothing</em> on DynamoDB. A DynamoDB request signed with the base
 * credentials is therefore denied by the gateway as IAM denies it ({@code User: arn:aws:iam::123456789012:user/
 * tenancy-app is not authorized to perform: dynamodb:GetItem on resource: ... because no identity-based policy allows
 * the dynamodb:GetItem action}). An application in isolation mode {@code application} signs its DynamoDB requests with
 * the base credentials; give it {@link #APPLICATION_MODE_BASE_IDENTITY_POLICY} with
 * {@link Builder#baseIdentityPolicy(String, String...)};</li>
 * <li>a tenant role {@value #TENANT_ROLE_ARN} whose trust policy lets the base identity {@code sts:AssumeRole} and
 * {@code sts:TagSession} when a {@value #TENANT_TAG} session tag is passed, and whose identity policy is the role
 * ceiling (data-plane actions on the account's tables with {@code TENANT#${aws:PrincipalTag/tenant}} leading keys;
 * Scan and PartiQL denied). STS lets the base identity assume it only if both the trust policy and the base
 * identity's own policy allow it.</li>
 * </ul>
 * Setting up tables and items is not the application's business and does not go through the gateway:
 * {@link #createTable(String, TableSchema)} and {@link #adminDynamoDbClient()} talk to DynamoDB Local directly.
 * <p>
 * Authorization in the gateway: by default an {@link IamPolicyAuthorizer}, which evaluates every request with the same
 * evaluator as the client-side guard, as AWS IAM would: a tenant session's against the role's identity policy ∩ the
 * session policy, the base identity's against its identity policy; {@code builder().authorizer(
 * GatewayAuthorizer.allowAll())} makes it permissive (to test the guard alone).
 * <p>
 * Classpath: DynamoDB Local brings AWS SDK v1, Jetty 12, Log4j (API and core, plus a {@code log4j2.xml} at the root of
 * its jar that sends WARN to standard output), Jackson 2, Guava, ANTLR, Mockito and sqlite4java. Keep this module in
 * test scope (or a local-only profile). DynamoDB Local itself only needs the Log4j API: in a Spring Boot application
 * that logs with Logback, exclude {@code org.apache.logging.log4j:log4j-core} so its events reach SLF4J. DynamoDB
 * Local logs every client error (for example a conditional-check failure) with a stack trace at WARN under
 * {@code com.amazonaws.services.dynamodbv2.local}; raise that logger to ERROR.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyTestKit implements AutoCloseable {

	/** The account id of every principal of the kit. */
	public static final String ACCOUNT_ID = "123456789012";

	/** The region the kit's clients use. */
	public static final Region REGION = Region.US_EAST_1;

	/** The ARN of the base identity (the application's own long-term credentials). */
	public static final String BASE_USER_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":user/tenancy-app";

	/** The ARN of the role that tenant sessions assume. */
	public static final String TENANT_ROLE_ARN = "arn:aws:iam::" + ACCOUNT_ID + ":role/tenancy-tenant";

	/** The session tag key that carries the tenant id. */
	public static final String TENANT_TAG = TenancyPolicies.DEFAULT_TENANT_TAG_KEY;

	/** The identity (ceiling) policy of the tenant role. */
	public static final String TENANT_ROLE_POLICY = """
			{"Version":"2012-10-17","Statement":[\
			{"Sid":"TenantDataPlane","Effect":"Allow","Action":["dynamodb:GetItem","dynamodb:BatchGetItem",\
			"dynamodb:Query","dynamodb:PutItem","dynamodb:UpdateItem","dynamodb:DeleteItem","dynamodb:BatchWriteItem",\
			"dynamodb:ConditionCheckItem"],"Resource":["arn:aws:dynamodb:*:123456789012:table/*"],\
			"Condition":{"ForAllValues:StringLike":{"dynamodb:LeadingKeys":["TENANT#${aws:PrincipalTag/tenant}",\
			"TENANT#${aws:PrincipalTag/tenant}#*"]},"Null":{"dynamodb:LeadingKeys":"false"}}},\
			{"Sid":"NoScanNoPartiQL","Effect":"Deny","Action":["dynamodb:Scan","dynamodb:PartiQL*"],\
			"Resource":"*"}]}""";

	/** The trust policy of the tenant role. */
	public static final String TENANT_ROLE_TRUST_POLICY = """
			{"Version":"2012-10-17","Statement":[{"Sid":"TenancyApp","Effect":"Allow",\
			"Principal":{"AWS":"arn:aws:iam::123456789012:user/tenancy-app"},\
			"Action":["sts:AssumeRole","sts:TagSession"],\
			"Condition":{"StringLike":{"aws:RequestTag/tenant":"?*"}}}]}""";

	/**
	 * The default identity policy of the base identity: the production policy of the application's own identity in
	 * isolation mode {@code iam}, {@code sts:AssumeRole} on the tenant role and {@code sts:TagSession} on it with
	 * exactly the {@value #TENANT_TAG} tag, and nothing else
	 * ({@link TenancyPolicies#applicationIdentityPolicy(String, String)}).
	 */
	public static final String BASE_IDENTITY_POLICY = TenancyPolicies
		.applicationIdentityPolicy(TENANT_ROLE_ARN, TENANT_TAG)
		.toJson();

	/**
	 * An identity policy for an application in isolation mode {@code application}, which signs its DynamoDB requests
	 * with its own credentials: the tenancy data-plane actions ({@link TenancyPolicies#DEFAULT_ACTIONS}) on every table
	 * and index of the account, with Scan and PartiQL denied ({@link TenancyPolicies#DENIED_ACTIONS}). Nothing confines
	 * it to one tenant's keys; in that mode only the client-side guard does. Combine it with
	 * {@link #BASE_IDENTITY_POLICY} when the same kit also vends tenant sessions:
	 * {@code builder().baseIdentityPolicy(BASE_IDENTITY_POLICY, APPLICATION_MODE_BASE_IDENTITY_POLICY)}.
	 */
	public static final String APPLICATION_MODE_BASE_IDENTITY_POLICY = IamPolicy.builder()
		.version(TenancyPolicies.POLICY_VERSION)
		.addStatement((statement) -> statement.sid("ApplicationModeDataPlane")
			.effect(IamEffect.ALLOW)
			.actionIds(TenancyPolicies.DEFAULT_ACTIONS)
			.addResource("arn:aws:dynamodb:*:" + ACCOUNT_ID + ":table/*"))
		.addStatement((statement) -> statement.sid("DenyScanAndPartiQL")
			.effect(IamEffect.DENY)
			.actionIds(TenancyPolicies.DENIED_ACTIONS)
			.addResource("*"))
		.build()
		.toJson();

	private static final Log logger = LogFactory.getLog(TenancyTestKit.class);

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private static final Object SHARED_MONITOR = new Object();

	private static @Nullable TenancyTestKit shared;

	private static @Nullable Thread sharedShutdownHook;

	private final String name;

	private final List<AutoCloseable> resources = new ArrayList<>();

	private final List<SdkAutoCloseable> clients = new ArrayList<>();

	private final LocalDynamoDb dynamoDb;

	private final LocalSts sts;

	private final IamGateway gateway;

	private final SdkHttpClient httpClient;

	private final IssuedSession baseIdentity;

	private final List<String> baseIdentityPolicies;

	private final DynamoDbClient baseDynamoDbClient;

	private final DynamoDbClient localDynamoDbClient;

	private final StsClient stsClient;

	private final Duration startupTime;

	private volatile boolean closed;

	private TenancyTestKit(Builder builder) {
		long start = System.nanoTime();
		long dynamoDbReady;
		this.name = "k" + INSTANCES.incrementAndGet();
		try {
			this.dynamoDb = register(builder.dynamoDb.apply(this.name + "-dynamodb-local"));
			dynamoDbReady = System.nanoTime();
			this.baseIdentity = IssuedSession.baseIdentity(builder.baseCredentials.accessKeyId(),
					builder.baseCredentials.secretAccessKey(), BASE_USER_ARN, builder.clock.instant());
			this.baseIdentityPolicies = List.copyOf(builder.baseIdentityPolicies);
			LocalSts.Builder stsBuilder = LocalSts.builder()
				.accountId(ACCOUNT_ID)
				.clock(builder.clock)
				.port(builder.stsPort)
				.threadName(this.name + "-sts")
				.baseIdentity(this.baseIdentity, this.baseIdentityPolicies.toArray(String[]::new))
				.role(RoleDefinition.builder()
					.arn(TENANT_ROLE_ARN)
					.identityPolicy(TENANT_ROLE_POLICY)
					.trustPolicy(TENANT_ROLE_TRUST_POLICY)
					.maxSessionDuration(Duration.ofHours(12))
					.build());
			builder.roles.forEach(stsBuilder::role);
			this.sts = register(stsBuilder.start());
			this.httpClient = register(ApacheHttpClient.builder().maxConnections(128).build());
			StaticCredentialsProvider base = StaticCredentialsProvider.create(builder.baseCredentials);
			this.localDynamoDbClient = track(DynamoDbClient.builder()
				.endpointOverride(this.dynamoDb.endpoint())
				.region(REGION)
				.credentialsProvider(base)
				.httpClient(this.httpClient)
				.build());
			GatewayAuthorizer authorizer = (builder.authorizer != null) ? builder.authorizer
					: new IamPolicyAuthorizer(this.sts, this.localDynamoDbClient,
							ResourceArns.of("aws", REGION.id(), ACCOUNT_ID));
			this.gateway = register(IamGateway.builder()
				.upstream(this.dynamoDb.endpoint())
				.sts(this.sts)
				.authorizer(authorizer)
				.port(builder.gatewayPort)
				.threadName(this.name + "-gateway")
				.start());
			this.baseDynamoDbClient = dynamoDbClient(base);
			this.stsClient = stsClient(base);
			warmUp();
		}
		catch (RuntimeException | Error ex) {
			close();
			throw ex;
		}
		this.startupTime = Duration.ofNanos(System.nanoTime() - start);
		if (logger.isInfoEnabled()) {
			logger.info(String.format("Tenancy test kit '%s' started in %d ms (DynamoDB Local %d ms): DynamoDB Local "
					+ "%s, IAM gateway %s, STS %s", this.name, this.startupTime.toMillis(),
					Duration.ofNanos(dynamoDbReady - start).toMillis(), this.dynamoDb.endpoint(),
					this.gateway.endpoint(), this.sts.endpoint()));
		}
	}

	/**
	 * Warm up the chain and fail fast if it is broken: DynamoDB Local directly, then SigV4 through the gateway with
	 * the base credentials, which must be authenticated and then either allowed or denied by the base identity's
	 * policy (the default policy denies every DynamoDB action).
	 */
	private void warmUp() {
		this.localDynamoDbClient.listTables();
		try {
			this.baseDynamoDbClient.listTables();
		}
		catch (DynamoDbException ex) {
			String message = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorMessage() : null;
			String denial = "User: " + BASE_USER_ARN + " is not authorized to perform: dynamodb:ListTables";
			boolean baseIdentityDenied = ex.statusCode() == 400 && message != null && message.startsWith(denial);
			if (!baseIdentityDenied) {
				throw new IllegalStateException(String.format("Tenancy test kit '%s' did not start: a ListTables "
						+ "request signed with the base credentials through the gateway failed with %s instead of "
						+ "being allowed or denied by the base identity's policy.", this.name, ex), ex);
			}
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
		synchronized (SHARED_MONITOR) {
			TenancyTestKit kit = shared;
			if (kit == null || kit.closed) {
				kit = new Builder().start();
				shared = kit;
				if (sharedShutdownHook == null) {
					Thread hook = new Thread(TenancyTestKit::closeShared, "tenancy-test-shutdown");
					Runtime.getRuntime().addShutdownHook(hook);
					sharedShutdownHook = hook;
				}
			}
			return kit;
		}
	}

	/**
	 * Stop the shared kit, if it runs.
	 */
	static void closeShared() {
		synchronized (SHARED_MONITOR) {
			TenancyTestKit kit = shared;
			shared = null;
			if (kit != null) {
				kit.close();
			}
		}
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
		return this.gateway.endpoint();
	}

	/**
	 * @return DynamoDB Local's own endpoint, which bypasses authentication and authorization (for setup and for
	 * checking what was really written)
	 */
	public URI dynamoDbLocalEndpoint() {
		return this.dynamoDb.endpoint();
	}

	/**
	 * @return the STS endpoint
	 */
	public URI stsEndpoint() {
		return this.sts.endpoint();
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
		return this.baseIdentityPolicies;
	}

	/**
	 * @return the base identity's long-term credentials
	 */
	public AwsBasicCredentials baseCredentials() {
		return (AwsBasicCredentials) this.baseIdentity.credentials();
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
		return this.sts;
	}

	/**
	 * @return the IAM-enforcing gateway
	 */
	public IamGateway gateway() {
		return this.gateway;
	}

	/**
	 * @return the local DynamoDB behind the gateway
	 */
	public LocalDynamoDb localDynamoDb() {
		return this.dynamoDb;
	}

	/**
	 * @return the HTTP client shared by every SDK client the kit builds (closed with the kit)
	 */
	public SdkHttpClient httpClient() {
		return this.httpClient;
	}

	/**
	 * A DynamoDB client signed with the base credentials (the application's own identity), through the gateway. The
	 * gateway evaluates its requests against {@link #baseIdentityPolicies()}: with the default policy every request
	 * is denied, as AWS denies them to the production identity. Not for setup: use {@link #adminDynamoDbClient()}.
	 * @return the client (closed with the kit)
	 */
	public DynamoDbClient baseIdentityDynamoDbClient() {
		return this.baseDynamoDbClient;
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
		return this.localDynamoDbClient;
	}

	/**
	 * @return the same client as {@link #adminDynamoDbClient()}, talking to DynamoDB Local directly
	 */
	public DynamoDbClient dynamoDbLocalClient() {
		return this.localDynamoDbClient;
	}

	/**
	 * @return an STS client with the base credentials
	 */
	public StsClient stsClient() {
		return this.stsClient;
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
		return DynamoDbClient.builder().endpointOverride(dynamoDbEndpoint()).region(REGION).httpClient(this.httpClient);
	}

	/**
	 * An STS client builder preset for the kit's STS: endpoint, region and the kit's shared HTTP client. Set the
	 * credentials; the caller closes the client.
	 * @return the builder
	 */
	public StsClientBuilder stsClientBuilder() {
		return StsClient.builder().endpointOverride(stsEndpoint()).region(REGION).httpClient(this.httpClient);
	}

	/**
	 * Build a DynamoDB client that talks to the gateway with the given credentials and the kit's shared HTTP client.
	 * The kit closes it when it is closed.
	 * @param credentials the credentials
	 * @return the client
	 */
	public DynamoDbClient dynamoDbClient(AwsCredentialsProvider credentials) {
		return track(dynamoDbClientBuilder().credentialsProvider(credentials).build());
	}

	/**
	 * Build an STS client for the kit's STS with the given credentials and the kit's shared HTTP client. The kit
	 * closes it when it is closed.
	 * @param credentials the caller's credentials
	 * @return the client
	 */
	public StsClient stsClient(AwsCredentialsProvider credentials) {
		return track(stsClientBuilder().credentialsProvider(credentials).build());
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
		AssumeRoleRequest.Builder request = AssumeRoleRequest.builder()
			.roleArn(TENANT_ROLE_ARN)
			.roleSessionName(RoleSessionRules.roleSessionName(tenant))
			.tags(Tag.builder().key(TENANT_TAG).value(tenant.value()).build())
			.durationSeconds(3600);
		if (sessionPolicy != null) {
			request.policy(sessionPolicy);
		}
		AssumeRoleResponse response = this.stsClient.assumeRole(request.build());
		return AwsSessionCredentials.builder()
			.accessKeyId(response.credentials().accessKeyId())
			.secretAccessKey(response.credentials().secretAccessKey())
			.sessionToken(response.credentials().sessionToken())
			.expirationTime(response.credentials().expiration())
			.accountId(ACCOUNT_ID)
			.build();
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
		return DynamoDbTables.createTableIfNotExists(this.localDynamoDbClient, tableName, schema);
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
		if (this.localDynamoDbClient.listTables().tableNames().contains(tableName)) {
			return this.localDynamoDbClient.describeTable((request) -> request.tableName(tableName)).table();
		}
		this.localDynamoDbClient.createTable(DynamoDbTables.createTableRequest(tableName, schemas));
		return this.localDynamoDbClient.describeTable((request) -> request.tableName(tableName)).table();
	}

	/**
	 * Create a silo tenant's table like its pooled table (same keys, attribute definitions and secondary indexes)
	 * unless it exists, on DynamoDB Local directly; see {@link DynamoDbTables#createTableLike}.
	 * @param pooledTable the pooled table, which must exist
	 * @param siloTable the silo table's name, for example {@code app-acme}
	 * @return the silo table's description
	 */
	public TableDescription createSiloTable(String pooledTable, String siloTable) {
		return DynamoDbTables.createTableLike(this.localDynamoDbClient, pooledTable, siloTable);
	}

	/**
	 * @return whether the kit runs
	 */
	public boolean isRunning() {
		return !this.closed;
	}

	/**
	 * Stop everything the kit started: clients, gateway, STS, DynamoDB Local; their ports are closed and their threads
	 * ended when this returns. Idempotent.
	 */
	@Override
	public void close() {
		List<AutoCloseable> toClose;
		synchronized (this.resources) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			toClose = new ArrayList<>(this.clients);
			List<AutoCloseable> started = new ArrayList<>(this.resources);
			Collections.reverse(started);
			toClose.addAll(started);
			this.clients.clear();
			this.resources.clear();
		}
		for (AutoCloseable resource : toClose) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("Closing " + resource + " failed", ex);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug(String.format("Tenancy test kit '%s' stopped", this.name));
		}
	}

	@Override
	public String toString() {
		return "TenancyTestKit[" + this.name + (this.closed ? ", closed" : "") + "]";
	}

	private <T extends AutoCloseable> T register(T resource) {
		synchronized (this.resources) {
			this.resources.add(resource);
		}
		return resource;
	}

	private <T extends SdkAutoCloseable> T track(T client) {
		synchronized (this.resources) {
			if (this.closed) {
				client.close();
				throw new IllegalStateException(String.format("Tenancy test kit '%s' is closed.", this.name));
			}
			this.clients.add(client);
		}
		return client;
	}

	/**
	 * Builder for a {@link TenancyTestKit} of your own.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private Function<String, ? extends LocalDynamoDb> dynamoDb = (threadName) -> InProcessDynamoDbLocal.start(
				threadName, 0);

		private @Nullable GatewayAuthorizer authorizer;

		private Clock clock = Clock.systemUTC();

		private AwsBasicCredentials baseCredentials = AwsBasicCredentials.create(
				"AKIA" + randomSuffix(), "tenancy-test-kit-base-secret-" + randomSuffix());

		private int stsPort;

		private int gatewayPort;

		private final List<RoleDefinition> roles = new ArrayList<>();

		private List<String> baseIdentityPolicies = List.of(BASE_IDENTITY_POLICY);

		private Builder() {
		}

		/**
		 * @param dynamoDb starts the local DynamoDB, given a thread-name prefix (default: in-process DynamoDB Local
		 * on a free port); the kit closes it. For the published image use
		 * {@code (name) -> ContainerDynamoDbLocal.start()} where {@code ContainerDynamoDbLocal.isDockerAvailable()}.
		 * @return this builder
		 */
		public Builder dynamoDb(Function<String, ? extends LocalDynamoDb> dynamoDb) {
			this.dynamoDb = Objects.requireNonNull(dynamoDb, "DynamoDB factory must not be null");
			return this;
		}

		/**
		 * @param authorizer the gateway's authorizer (default: an {@link IamPolicyAuthorizer} that enforces the role
		 * and session policies; {@link GatewayAuthorizer#allowAll()} makes the gateway permissive)
		 * @return this builder
		 */
		public Builder authorizer(GatewayAuthorizer authorizer) {
			this.authorizer = Objects.requireNonNull(authorizer, "GatewayAuthorizer must not be null");
			return this;
		}

		/**
		 * @param clock the clock of STS issue and expiry times and of the gateway's expiry checks
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "Clock must not be null");
			return this;
		}

		/**
		 * @param baseCredentials the base identity's long-term credentials (default: generated)
		 * @return this builder
		 */
		public Builder baseCredentials(AwsBasicCredentials baseCredentials) {
			this.baseCredentials = Objects.requireNonNull(baseCredentials, "Base credentials must not be null");
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
			List<String> policies = new ArrayList<>();
			policies.add(policyJson);
			policies.addAll(List.of(morePolicyJson));
			for (String policy : policies) {
				Assert.hasText(policy, "Base identity policy must not be empty");
			}
			this.baseIdentityPolicies = List.copyOf(policies);
			return this;
		}

		/**
		 * @param port the STS port, or {@code 0} (default) for a free one
		 * @return this builder
		 */
		public Builder stsPort(int port) {
			this.stsPort = checkPort(port);
			return this;
		}

		/**
		 * @param port the gateway (DynamoDB endpoint) port, or {@code 0} (default) for a free one
		 * @return this builder
		 */
		public Builder gatewayPort(int port) {
			this.gatewayPort = checkPort(port);
			return this;
		}

		/**
		 * @param role an additional role to register with STS
		 * @return this builder
		 */
		public Builder role(RoleDefinition role) {
			this.roles.add(role);
			return this;
		}

		/**
		 * @return the started kit; close it when done
		 */
		public TenancyTestKit start() {
			return new TenancyTestKit(this);
		}

		private static int checkPort(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException(String.format("Port %d is out of range.", port));
			}
			return port;
		}

		private static String randomSuffix() {
			String random = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
			return random.substring(0, 16);
		}

	}

}
