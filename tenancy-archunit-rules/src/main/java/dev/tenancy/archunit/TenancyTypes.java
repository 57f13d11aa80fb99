package dev.tenancy.archunit;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;

/**
 * The fully qualified names of the types the rules look for, and the type tests on them. Types are named, never
 * loaded: a test is simply false when a type is absent from the imported classes and the class path.
 */
final class TenancyTypes {

	static final String DYNAMODB_CLIENT = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";

	static final String DYNAMODB_ASYNC_CLIENT = "software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient";

	static final String DYNAMODB_STREAMS_CLIENT = "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient";

	static final String DYNAMODB_STREAMS_ASYNC_CLIENT = "software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient";

	static final String DYNAMODB_ENHANCED_CLIENT = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient";

	static final String DYNAMODB_ENHANCED_ASYNC_CLIENT = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient";

	static final String DYNAMODB_TABLE = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable";

	static final String DYNAMODB_ASYNC_TABLE = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable";

	static final String DYNAMODB_INDEX = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex";

	static final String DYNAMODB_ASYNC_INDEX = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex";

	static final String SPRING_CLOUD_AWS_DYNAMODB_PACKAGE = "io.awspring.cloud.dynamodb";

	static final String SPRING_CLOUD_AWS_DYNAMODB_OPERATIONS = SPRING_CLOUD_AWS_DYNAMODB_PACKAGE + ".DynamoDbOperations";

	static final String SCAN_REQUEST = "software.amazon.awssdk.services.dynamodb.model.ScanRequest";

	static final String SCAN_ENHANCED_REQUEST = "software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest";

	static final String REQUEST_OVERRIDE_BUILDER = "software.amazon.awssdk.core.RequestOverrideConfiguration$Builder";

	static final String TENANT_SCOPED = "dev.tenancy.annotation.TenantScoped";

	static final String CROSS_TENANT = "dev.tenancy.annotation.CrossTenant";

	static final String TENANT_SCOPED_REPOSITORY = "dev.tenancy.repository.TenantScopedRepository";

	static final String TENANT_CONTEXT = "dev.tenancy.context.TenantContext";

	static final String TENANT_RESOLVER = "dev.tenancy.context.TenantResolver";

	static final String ACCESS_VARIANT_RESOLVER = "dev.tenancy.context.AccessVariantResolver";

	static final String TENANCY_ADMIN_CLIENT = "dev.tenancy.dynamodb.TenancyAdminClient";

	static final String NO_REPOSITORY_BEAN = "org.springframework.data.repository.NoRepositoryBean";

	/**
	 * The Spring Cloud AWS types that only name tables or map items and never reach DynamoDB themselves.
	 */
	private static final Set<String> SPRING_CLOUD_AWS_NAMING_TYPES = Set.of(
			SPRING_CLOUD_AWS_DYNAMODB_PACKAGE + ".DynamoDbTableNameResolver",
			SPRING_CLOUD_AWS_DYNAMODB_PACKAGE + ".DefaultDynamoDbTableNameResolver",
			SPRING_CLOUD_AWS_DYNAMODB_PACKAGE + ".DynamoDbTableSchemaResolver",
			SPRING_CLOUD_AWS_DYNAMODB_PACKAGE + ".DefaultDynamoDbTableSchemaResolver");

	/**
	 * Packages whose types model DynamoDB requests, responses and clients; depending on one of them marks code as
	 * touching DynamoDB.
	 */
	private static final List<String> DYNAMODB_PACKAGES = List.of("software.amazon.awssdk.services.dynamodb",
			"software.amazon.awssdk.enhanced.dynamodb", SPRING_CLOUD_AWS_DYNAMODB_PACKAGE);

	static final List<String> SCANNABLE_TYPES = List.of(DYNAMODB_CLIENT, DYNAMODB_ASYNC_CLIENT, DYNAMODB_TABLE,
			DYNAMODB_ASYNC_TABLE, DYNAMODB_INDEX, DYNAMODB_ASYNC_INDEX, SPRING_CLOUD_AWS_DYNAMODB_OPERATIONS);

	static final Set<String> SCAN_METHODS = Set.of("scan", "scanPaginator", "scanAll");

	static final List<String> SCAN_REQUEST_TYPES = List.of(SCAN_REQUEST, SCAN_ENHANCED_REQUEST);

	static final List<String> PARTIQL_TYPES = List.of(DYNAMODB_CLIENT, DYNAMODB_ASYNC_CLIENT);

	static final Set<String> PARTIQL_METHODS = Set.of("executeStatement", "batchExecuteStatement",
			"executeTransaction");

	static final List<String> UNSCOPED_CLIENT_TYPES = List.of(DYNAMODB_CLIENT, DYNAMODB_ASYNC_CLIENT,
			DYNAMODB_STREAMS_CLIENT, DYNAMODB_STREAMS_ASYNC_CLIENT, DYNAMODB_ENHANCED_CLIENT,
			DYNAMODB_ENHANCED_ASYNC_CLIENT, DYNAMODB_TABLE, DYNAMODB_ASYNC_TABLE, DYNAMODB_INDEX, DYNAMODB_ASYNC_INDEX);

	static final Set<String> CLIENT_FACTORY_METHODS = Set.of("builder", "create");

	static final Set<String> TENANT_SWITCH_METHODS = Set.of("open", "switchTo", "runAs", "callAs");

	/**
	 * The methods of a request override that decide who signs a request, how, or which code runs around it.
	 */
	static final Set<String> DANGEROUS_OVERRIDE_METHODS = Set.of("credentialsProvider", "tokenIdentityProvider",
			"signer", "addPlugin", "plugins", "executionAttributes", "putExecutionAttribute", "endpointProvider");

	/**
	 * The reflective ways to find or invoke a method, by owner type.
	 */
	static final Map<String, Set<String>> REFLECTIVE_METHODS = Map.of("java.lang.reflect.Method", Set.of("invoke"),
			"java.lang.Class", Set.of("getMethod", "getMethods", "getDeclaredMethod", "getDeclaredMethods"),
			"java.lang.invoke.MethodHandles$Lookup",
			Set.of("findVirtual", "findStatic", "findSpecial", "unreflect", "unreflectSpecial", "bind"),
			"java.lang.invoke.MethodHandle", Set.of("invoke", "invokeExact", "invokeWithArguments"));

	private TenancyTypes() {
	}

	/**
	 * Whether a type is one of the unscoped DynamoDB client types, a Spring Cloud AWS type that reaches DynamoDB, or
	 * a subtype of either.
	 */
	static boolean isUnscopedClient(JavaClass type) {
		return isAssignableToAny(type, UNSCOPED_CLIENT_TYPES) || isSpringCloudAwsClient(type);
	}

	/**
	 * Whether the type or one of its supertypes is a Spring Cloud AWS DynamoDB type other than the naming SPI, so
	 * that types added to that package in later versions count too.
	 */
	private static boolean isSpringCloudAwsClient(JavaClass type) {
		if (isSpringCloudAwsClientName(type)) {
			return true;
		}
		for (JavaClass supertype : type.getAllRawSuperclasses()) {
			if (isSpringCloudAwsClientName(supertype)) {
				return true;
			}
		}
		for (JavaClass supertype : type.getAllRawInterfaces()) {
			if (isSpringCloudAwsClientName(supertype)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSpringCloudAwsClientName(JavaClass type) {
		return type.getPackageName().equals(SPRING_CLOUD_AWS_DYNAMODB_PACKAGE)
				&& !SPRING_CLOUD_AWS_NAMING_TYPES.contains(type.getName()) && !type.getSimpleName().equals("package-info");
	}

	/**
	 * Whether a type belongs to the DynamoDB SDK (low-level, enhanced, streams, models) or to Spring Cloud AWS
	 * DynamoDB, or is the {@code TenancyAdminClient}.
	 */
	static boolean isDynamoDbType(JavaClass type) {
		JavaClass base = type.getBaseComponentType();
		if (base.getName().equals(TENANCY_ADMIN_CLIENT) || isUnscopedClient(base)) {
			return true;
		}
		String packageName = base.getPackageName();
		for (String dynamoDbPackage : DYNAMODB_PACKAGES) {
			if (packageName.equals(dynamoDbPackage) || packageName.startsWith(dynamoDbPackage + ".")) {
				return true;
			}
		}
		return false;
	}

	static boolean isAssignableToAny(JavaClass type, List<String> typeNames) {
		for (String typeName : typeNames) {
			if (type.isAssignableTo(typeName)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the class, one of its superclasses or interfaces is (meta-)annotated with {@code @TenantScoped}.
	 */
	static boolean isTenantScopedType(JavaClass type) {
		if (type.isMetaAnnotatedWith(TENANT_SCOPED)) {
			return true;
		}
		for (JavaClass superclass : type.getAllRawSuperclasses()) {
			if (superclass.isMetaAnnotatedWith(TENANT_SCOPED)) {
				return true;
			}
		}
		for (JavaClass superinterface : type.getAllRawInterfaces()) {
			if (superinterface.isMetaAnnotatedWith(TENANT_SCOPED)) {
				return true;
			}
		}
		return false;
	}

}
