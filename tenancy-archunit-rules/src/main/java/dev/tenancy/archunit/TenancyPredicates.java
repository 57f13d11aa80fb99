package dev.tenancy.archunit;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;

import static dev.tenancy.archunit.TenancyTypes.isAssignableToAny;

/**
 * The {@link DescribedPredicate predicates} behind {@link TenancyConditions} and {@link TenancyRules}, for composing
 * rules of your own, e.g. {@code noClasses().that().resideInAPackage("..web..").should().accessTargetWhere(SCANS)}.
 * <p>
 * Every type is referred to by its fully qualified name, never by class literal: this module depends neither on the
 * AWS SDK, Spring Cloud AWS nor on {@code tenancy-core}, and a predicate is simply never true when the type is absent
 * from the imported classes and the class path. Accesses are matched by their target owner's type hierarchy, so calls
 * on a subtype or an implementation of a client (your own wrapper, a mock) and calls through the interface all count,
 * as do method references ({@code table::scan}) and accesses inside lambdas, which ArchUnit attributes to the
 * enclosing method.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyConditions
 */
public final class TenancyPredicates {

	/**
	 * Calls and method references to {@code scan}/{@code scanPaginator} of {@code DynamoDbClient},
	 * {@code DynamoDbAsyncClient}, {@code DynamoDbTable}, {@code DynamoDbAsyncTable}, {@code DynamoDbIndex} or
	 * {@code DynamoDbAsyncIndex}, to {@code scan}/{@code scanAll} of Spring Cloud AWS {@code DynamoDbOperations} (or a
	 * subtype of any, such as {@code DynamoDbTemplate}), and any use of a {@code ScanRequest} or
	 * {@code ScanEnhancedRequest} or their builders (so {@code ScanRequest.builder()} counts).
	 */
	public static final DescribedPredicate<JavaAccess<?>> SCANS = DescribedPredicate.describe(
			"scan operations (scan, scanPaginator or scanAll on a DynamoDB client, table, index or Spring Cloud AWS "
					+ "DynamoDbOperations, or a ScanRequest or ScanEnhancedRequest)",
			TenancyPredicates::isScan);

	/**
	 * Calls and method references to {@code executeStatement}, {@code batchExecuteStatement} or
	 * {@code executeTransaction} of {@code DynamoDbClient} or {@code DynamoDbAsyncClient} (or a subtype).
	 */
	public static final DescribedPredicate<JavaAccess<?>> PARTIQL_STATEMENTS = DescribedPredicate.describe(
			"PartiQL operations (executeStatement, batchExecuteStatement or executeTransaction on a DynamoDB client)",
			TenancyPredicates::isPartiQlStatement);

	/**
	 * Calls and method references to {@code TenantContext.open}, {@code switchTo}, {@code runAs} or {@code callAs}:
	 * code that chooses a tenant itself instead of taking it from the authenticated principal.
	 * {@code TenantContext.wrap} (which only carries the current tenant to another thread) does not count.
	 */
	public static final DescribedPredicate<JavaAccess<?>> TENANT_SWITCHES = DescribedPredicate.describe(
			"explicit tenant switches (TenantContext.open, switchTo, runAs or callAs)",
			TenancyPredicates::isTenantSwitch);

	/**
	 * Calls and method references from a class to a {@code @TenantScoped} method of the same class (or, from an inner
	 * or anonymous class, of its enclosing class) that can change the tenant the callee runs for. Such a call does not
	 * go through the Spring proxy, so the interceptor does not run for the callee; that is harmless only when the
	 * caller is itself a {@code @TenantScoped} method (or a private method called only from one), since the callee
	 * then runs in the scope the interceptor just opened or checked for the caller. Calls from lambdas, method
	 * references, inner classes, constructors and methods that are not tenant-scoped count. A target counts as
	 * {@code @TenantScoped} when the method is (meta-)annotated, or when it is neither private nor static and its class
	 * (or a supertype) is annotated. Calls within interfaces are ignored: the default methods of a Spring Data
	 * repository run on the proxy.
	 */
	public static final DescribedPredicate<JavaCodeUnitAccess<?>> SELF_INVOCATIONS_OF_TENANT_SCOPED_METHODS =
			DescribedPredicate.describe(
					"calls to a @TenantScoped method of the calling class itself that can change the tenant",
					access -> SelfInvocations.targetsOwnTenantScopedMethod(access)
							&& SelfInvocations.whyItCanChangeTheTenant(access).isPresent());

	/**
	 * Classes assignable to {@code DynamoDbClient}, {@code DynamoDbAsyncClient}, {@code DynamoDbStreamsClient},
	 * {@code DynamoDbStreamsAsyncClient}, {@code DynamoDbEnhancedClient}, {@code DynamoDbEnhancedAsyncClient},
	 * {@code DynamoDbTable}, {@code DynamoDbAsyncTable}, {@code DynamoDbIndex} or {@code DynamoDbAsyncIndex}, and the
	 * types of Spring Cloud AWS's {@code io.awspring.cloud.dynamodb} package that reach DynamoDB
	 * ({@code DynamoDbOperations}, {@code DynamoDbTemplate}, {@code DynamoDbLockRepository}, ... and their subtypes;
	 * all but the table-name and table-schema resolvers): handles to DynamoDB that are not confined to the current
	 * tenant.
	 */
	public static final DescribedPredicate<JavaClass> UNSCOPED_DYNAMODB_CLIENTS = DescribedPredicate.describe(
			"unscoped DynamoDB clients (DynamoDbClient, DynamoDbAsyncClient, DynamoDbStreamsClient, "
					+ "DynamoDbStreamsAsyncClient, DynamoDbEnhancedClient, DynamoDbEnhancedAsyncClient, DynamoDbTable, "
					+ "DynamoDbAsyncTable, DynamoDbIndex, DynamoDbAsyncIndex, Spring Cloud AWS DynamoDbOperations, "
					+ "DynamoDbTemplate and the other io.awspring.cloud.dynamodb types that reach DynamoDB, or a subtype)",
			TenancyTypes::isUnscopedClient);

	/**
	 * The class {@code dev.tenancy.dynamodb.TenancyAdminClient}: the application's own, unscoped access for table
	 * creation and migrations.
	 */
	public static final DescribedPredicate<JavaClass> TENANCY_ADMIN_CLIENT = DescribedPredicate.describe(
			"the TenancyAdminClient", type -> type.getName().equals(TenancyTypes.TENANCY_ADMIN_CLIENT));

	/**
	 * Types of the DynamoDB SDK (low-level, enhanced and streams clients, requests, responses, models), of Spring
	 * Cloud AWS DynamoDB, and the {@code TenancyAdminClient}.
	 */
	public static final DescribedPredicate<JavaClass> DYNAMODB_TYPES = DescribedPredicate.describe(
			"DynamoDB types (software.amazon.awssdk.services.dynamodb.., software.amazon.awssdk.enhanced.dynamodb.., "
					+ "io.awspring.cloud.dynamodb.., TenancyAdminClient)",
			TenancyTypes::isDynamoDbType);

	/**
	 * Calls and method references to the methods of a request override builder
	 * ({@code AwsRequestOverrideConfiguration.Builder}, {@code RequestOverrideConfiguration.Builder}) that replace who
	 * signs a request or what runs around it: {@code credentialsProvider}, {@code tokenIdentityProvider},
	 * {@code signer}, {@code addPlugin}, {@code plugins}, {@code executionAttributes}, {@code putExecutionAttribute}
	 * and {@code endpointProvider}. Timeouts, headers, query parameters, metric publishers and API names do not count.
	 */
	public static final DescribedPredicate<JavaAccess<?>> REQUEST_OVERRIDES_OF_CREDENTIALS_OR_PLUGINS = DescribedPredicate
		.describe("request overrides of credentials, signer, plugins, execution attributes or endpoint provider",
				TenancyPredicates::isDangerousRequestOverride);

	/**
	 * Calls and method references that find or invoke methods reflectively: {@code Method.invoke},
	 * {@code Class.getMethod(s)}/{@code getDeclaredMethod(s)}, {@code MethodHandles.Lookup.find*}/{@code unreflect*}/
	 * {@code bind}, {@code MethodHandle.invoke}/{@code invokeExact}/{@code invokeWithArguments}.
	 */
	public static final DescribedPredicate<JavaAccess<?>> REFLECTIVE_INVOCATIONS = DescribedPredicate.describe(
			"reflective method lookups or invocations (Method.invoke, Class.getMethod, getDeclaredMethod, "
					+ "MethodHandles.Lookup.find*, MethodHandle.invoke*)",
			TenancyPredicates::isReflectiveInvocation);

	/**
	 * Classes implementing {@code dev.tenancy.context.TenantResolver}, directly or through a superclass, other than
	 * the interface itself.
	 */
	public static final DescribedPredicate<JavaClass> TENANT_RESOLVERS = DescribedPredicate.describe(
			"TenantResolver implementations",
			type -> !type.getName().equals(TenancyTypes.TENANT_RESOLVER) && type.isAssignableTo(TenancyTypes.TENANT_RESOLVER));

	/**
	 * Classes implementing {@code dev.tenancy.context.AccessVariantResolver}, directly or through a superclass, other
	 * than the interface itself.
	 */
	public static final DescribedPredicate<JavaClass> ACCESS_VARIANT_RESOLVERS = DescribedPredicate.describe(
			"AccessVariantResolver implementations",
			type -> !type.getName().equals(TenancyTypes.ACCESS_VARIANT_RESOLVER)
					&& type.isAssignableTo(TenancyTypes.ACCESS_VARIANT_RESOLVER));

	/**
	 * Interfaces extending {@code TenantScopedRepository}, except {@code TenantScopedRepository} itself and
	 * intermediate interfaces annotated with Spring Data's {@code @NoRepositoryBean}.
	 */
	public static final DescribedPredicate<JavaClass> TENANT_SCOPED_REPOSITORIES = DescribedPredicate.describe(
			"are repository interfaces extending TenantScopedRepository",
			type -> type.isInterface() && !type.getName().equals(TenancyTypes.TENANT_SCOPED_REPOSITORY)
					&& type.isAssignableTo(TenancyTypes.TENANT_SCOPED_REPOSITORY)
					&& !type.isMetaAnnotatedWith(TenancyTypes.NO_REPOSITORY_BEAN));

	private TenancyPredicates() {
	}

	private static boolean isScan(JavaAccess<?> access) {
		if (!(access instanceof JavaCodeUnitAccess<?>)) {
			return false;
		}
		JavaClass owner = access.getTargetOwner();
		return (TenancyTypes.SCAN_METHODS.contains(access.getTarget().getName())
				&& isAssignableToAny(owner, TenancyTypes.SCANNABLE_TYPES)) || isScanRequestType(owner.getName());
	}

	private static boolean isScanRequestType(String typeName) {
		for (String requestType : TenancyTypes.SCAN_REQUEST_TYPES) {
			if (typeName.equals(requestType) || typeName.startsWith(requestType + "$")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isPartiQlStatement(JavaAccess<?> access) {
		return access instanceof JavaCodeUnitAccess<?>
				&& TenancyTypes.PARTIQL_METHODS.contains(access.getTarget().getName())
				&& isAssignableToAny(access.getTargetOwner(), TenancyTypes.PARTIQL_TYPES);
	}

	private static boolean isTenantSwitch(JavaAccess<?> access) {
		return access instanceof JavaCodeUnitAccess<?>
				&& TenancyTypes.TENANT_SWITCH_METHODS.contains(access.getTarget().getName())
				&& access.getTargetOwner().getName().equals(TenancyTypes.TENANT_CONTEXT);
	}

	private static boolean isDangerousRequestOverride(JavaAccess<?> access) {
		return access instanceof JavaCodeUnitAccess<?>
				&& TenancyTypes.DANGEROUS_OVERRIDE_METHODS.contains(access.getTarget().getName())
				&& access.getTargetOwner().isAssignableTo(TenancyTypes.REQUEST_OVERRIDE_BUILDER);
	}

	private static boolean isReflectiveInvocation(JavaAccess<?> access) {
		if (!(access instanceof JavaCodeUnitAccess<?>)) {
			return false;
		}
		Set<String> methods = TenancyTypes.REFLECTIVE_METHODS.get(access.getTargetOwner().getName());
		return methods != null && methods.contains(access.getTarget().getName());
	}

}
