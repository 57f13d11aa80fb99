package dev.tenancy.archunit;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.jspecify.annotations.Nullable;

/**
 * The {@link DescribedPredicate predicates} behind {@link TenancyConditions} and {@link TenancyRules}, for composing
 * rules of your own, e.g. {@code noClasses().that().resideInAPackage("..web..").should().accessTargetWhere(SCANS)}.
 * <p>
 * Every type is referred to by its fully qualified name, never by class literal: this module depends neither on the
 * AWS SDK nor on {@code tenancy-core}, and a predicate is simply never true when the type is absent from the
 * imported classes and the class path. Accesses are matched by their target owner's type hierarchy, so calls on a
 * subtype or an implementation of a client (your own wrapper, a mock) and calls through the interface all count, as
 * do method references ({@code table::scan}) and accesses inside lambdas, which ArchUnit attributes to the enclosing
 * method.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyConditions
 */
public final class TenancyPredicates {

	static final String DYNAMODB_CLIENT = "software.amazon.awssdk.services.dynamodb.DynamoDbClient";

	static final String DYNAMODB_ASYNC_CLIENT = "software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient";

	static final String DYNAMODB_ENHANCED_CLIENT = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient";

	static final String DYNAMODB_ENHANCED_ASYNC_CLIENT = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient";

	static final String DYNAMODB_TABLE = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable";

	static final String DYNAMODB_ASYNC_TABLE = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable";

	static final String DYNAMODB_INDEX = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex";

	static final String DYNAMODB_ASYNC_INDEX = "software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncIndex";

	static final String SCAN_REQUEST = "software.amazon.awssdk.services.dynamodb.model.ScanRequest";

	static final String SCAN_ENHANCED_REQUEST = "software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest";

	static final String TENANT_SCOPED = "dev.tenancy.annotation.TenantScoped";

	static final String CROSS_TENANT = "dev.tenancy.annotation.CrossTenant";

	static final String TENANT_SCOPED_REPOSITORY = "dev.tenancy.repository.TenantScopedRepository";

	static final String TENANT_CONTEXT = "dev.tenancy.context.TenantContext";

	static final String NO_REPOSITORY_BEAN = "org.springframework.data.repository.NoRepositoryBean";

	private static final List<String> SCANNABLE_TYPES = List.of(DYNAMODB_CLIENT, DYNAMODB_ASYNC_CLIENT, DYNAMODB_TABLE,
			DYNAMODB_ASYNC_TABLE, DYNAMODB_INDEX, DYNAMODB_ASYNC_INDEX);

	private static final Set<String> SCAN_METHODS = Set.of("scan", "scanPaginator");

	private static final List<String> SCAN_REQUEST_TYPES = List.of(SCAN_REQUEST, SCAN_ENHANCED_REQUEST);

	private static final List<String> PARTIQL_TYPES = List.of(DYNAMODB_CLIENT, DYNAMODB_ASYNC_CLIENT);

	private static final Set<String> PARTIQL_METHODS = Set.of("executeStatement", "batchExecuteStatement",
			"executeTransaction");

	private static final List<String> UNSCOPED_CLIENT_TYPES = List.of(DYNAMODB_CLIENT, DYNAMODB_ASYNC_CLIENT,
			DYNAMODB_ENHANCED_CLIENT, DYNAMODB_ENHANCED_ASYNC_CLIENT, DYNAMODB_TABLE, DYNAMODB_ASYNC_TABLE, DYNAMODB_INDEX,
			DYNAMODB_ASYNC_INDEX);

	private static final Set<String> TENANT_SWITCH_METHODS = Set.of("open", "switchTo", "runAs", "callAs");

	/**
	 * Calls and method references to {@code scan}/{@code scanPaginator} of {@code DynamoDbClient},
	 * {@code DynamoDbAsyncClient}, {@code DynamoDbTable}, {@code DynamoDbAsyncTable}, {@code DynamoDbIndex} or
	 * {@code DynamoDbAsyncIndex} (or a subtype), and any use of a {@code ScanRequest} or {@code ScanEnhancedRequest}
	 * or their builders (so {@code ScanRequest.builder()} counts).
	 */
	public static final DescribedPredicate<JavaAccess<?>> SCANS = DescribedPredicate.describe(
			"scan operations (scan or scanPaginator on a DynamoDB client, table or index, or a ScanRequest or "
					+ "ScanEnhancedRequest)",
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
	 * or anonymous class, of its enclosing class). Such a call does not go through the Spring proxy, so the
	 * interceptor behind {@code @TenantScoped} never runs. A target counts as {@code @TenantScoped} when the method is
	 * (meta-)annotated, or when it is neither private nor static and its class (or a superclass, the annotation being
	 * {@code @Inherited}) is annotated. Calls within interfaces are ignored: the default methods of a Spring Data
	 * repository run on the proxy, so their calls do go through it.
	 */
	public static final DescribedPredicate<JavaCodeUnitAccess<?>> SELF_INVOCATIONS_OF_TENANT_SCOPED_METHODS =
			DescribedPredicate.describe("calls to a @TenantScoped method of the calling class itself",
					TenancyPredicates::isSelfInvocationOfTenantScopedMethod);

	/**
	 * Classes assignable to {@code DynamoDbClient}, {@code DynamoDbAsyncClient}, {@code DynamoDbEnhancedClient},
	 * {@code DynamoDbEnhancedAsyncClient}, {@code DynamoDbTable}, {@code DynamoDbAsyncTable}, {@code DynamoDbIndex}
	 * or {@code DynamoDbAsyncIndex}: handles to DynamoDB that are not confined to the current tenant.
	 */
	public static final DescribedPredicate<JavaClass> UNSCOPED_DYNAMODB_CLIENTS = DescribedPredicate.describe(
			"unscoped DynamoDB clients, tables or indexes (DynamoDbClient, DynamoDbAsyncClient, DynamoDbEnhancedClient, "
					+ "DynamoDbEnhancedAsyncClient, DynamoDbTable, DynamoDbAsyncTable, DynamoDbIndex, "
					+ "DynamoDbAsyncIndex or a subtype)",
			type -> isAssignableToAny(type, UNSCOPED_CLIENT_TYPES));

	/**
	 * Interfaces extending {@code TenantScopedRepository}, except {@code TenantScopedRepository} itself and
	 * intermediate interfaces annotated with Spring Data's {@code @NoRepositoryBean}.
	 */
	public static final DescribedPredicate<JavaClass> TENANT_SCOPED_REPOSITORIES = DescribedPredicate.describe(
			"are repository interfaces extending TenantScopedRepository",
			type -> type.isInterface() && !type.getName().equals(TENANT_SCOPED_REPOSITORY)
					&& type.isAssignableTo(TENANT_SCOPED_REPOSITORY) && !type.isMetaAnnotatedWith(NO_REPOSITORY_BEAN));

	private TenancyPredicates() {
	}

	private static boolean isScan(JavaAccess<?> access) {
		if (!(access instanceof JavaCodeUnitAccess<?>)) {
			return false;
		}
		JavaClass owner = access.getTargetOwner();
		return (SCAN_METHODS.contains(access.getTarget().getName()) && isAssignableToAny(owner, SCANNABLE_TYPES))
				|| isScanRequestType(owner.getName());
	}

	private static boolean isScanRequestType(String typeName) {
		for (String requestType : SCAN_REQUEST_TYPES) {
			if (typeName.equals(requestType) || typeName.startsWith(requestType + "$")) {
				return true;
			}
		}
		return false;
	}

	private static boolean isPartiQlStatement(JavaAccess<?> access) {
		return access instanceof JavaCodeUnitAccess<?> && PARTIQL_METHODS.contains(access.getTarget().getName())
				&& isAssignableToAny(access.getTargetOwner(), PARTIQL_TYPES);
	}

	private static boolean isTenantSwitch(JavaAccess<?> access) {
		return access instanceof JavaCodeUnitAccess<?> && TENANT_SWITCH_METHODS.contains(access.getTarget().getName())
				&& access.getTargetOwner().getName().equals(TENANT_CONTEXT);
	}

	private static boolean isSelfInvocationOfTenantScopedMethod(JavaCodeUnitAccess<?> access) {
		JavaClass targetOwner = access.getTargetOwner();
		if (targetOwner.isInterface() || !isSameInstance(access.getOriginOwner(), targetOwner)) {
			return false;
		}
		Optional<? extends JavaCodeUnit> target = access.getTarget().resolveMember();
		if (target.isEmpty() || !(target.get() instanceof JavaMethod method)) {
			return false;
		}
		if (method.isMetaAnnotatedWith(TENANT_SCOPED)) {
			return true;
		}
		Set<JavaModifier> modifiers = method.getModifiers();
		if (modifiers.contains(JavaModifier.PRIVATE) || modifiers.contains(JavaModifier.STATIC)) {
			return false;
		}
		return isTenantScopedClass(targetOwner) || isTenantScopedClass(method.getOwner());
	}

	/**
	 * Whether code in {@code origin} can reach {@code target} through {@code this}: the same class, or an enclosing
	 * class of an inner (non-static) class.
	 */
	private static boolean isSameInstance(JavaClass origin, JavaClass target) {
		@Nullable JavaClass current = origin;
		while (current != null) {
			if (current.getName().equals(target.getName())) {
				return true;
			}
			current = current.isInnerClass() ? current.getEnclosingClass().orElse(null) : null;
		}
		return false;
	}

	/**
	 * Whether the class or one of its superclasses is (meta-)annotated with {@code @TenantScoped}, which is
	 * {@code @Inherited}.
	 */
	private static boolean isTenantScopedClass(JavaClass type) {
		if (type.isMetaAnnotatedWith(TENANT_SCOPED)) {
			return true;
		}
		for (JavaClass superclass : type.getAllRawSuperclasses()) {
			if (superclass.isMetaAnnotatedWith(TENANT_SCOPED)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isAssignableToAny(JavaClass type, List<String> typeNames) {
		for (String typeName : typeNames) {
			if (type.isAssignableTo(typeName)) {
				return true;
			}
		}
		return false;
	}

}
