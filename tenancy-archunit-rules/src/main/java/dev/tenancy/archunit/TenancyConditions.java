package dev.tenancy.archunit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvent;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static com.tngtech.archunit.lang.conditions.ArchConditions.accessTargetWhere;
import static com.tngtech.archunit.lang.conditions.ArchConditions.dependOnClassesThat;
import static dev.tenancy.archunit.TenancyTypes.ACCESS_VARIANT_RESOLVER;
import static dev.tenancy.archunit.TenancyTypes.CROSS_TENANT;
import static dev.tenancy.archunit.TenancyTypes.TENANT_RESOLVER;
import static dev.tenancy.archunit.TenancyTypes.TENANT_SCOPED;

/**
 * The {@link ArchCondition conditions} behind {@link TenancyRules}, each written to complete the sentence "classes
 * should ...", for composing rules of your own, e.g.
 * {@code noClasses().that().resideInAPackage("..web..").should(USE_UNSCOPED_DYNAMODB_CLIENTS)}.
 *
 * @author tenancy
 * @since 0.1
 * @see TenancyPredicates
 */
public final class TenancyConditions {

	private static final String CONSTRUCTOR_NAME = "<init>";

	/**
	 * Call or reference {@code scan}/{@code scanPaginator} on a DynamoDB client, table or index, or use a
	 * {@code ScanRequest}/{@code ScanEnhancedRequest}.
	 * @see TenancyPredicates#SCANS
	 * @see TenancyRules#NO_CLASSES_SHOULD_SCAN_DYNAMODB
	 */
	public static final ArchCondition<JavaClass> SCAN_DYNAMODB = accessTargetWhere(TenancyPredicates.SCANS)
		.as("scan DynamoDB (call scan or scanPaginator on a client, table or index, or build a ScanRequest or "
				+ "ScanEnhancedRequest)");

	/**
	 * Call or reference {@code executeStatement}, {@code batchExecuteStatement} or {@code executeTransaction}.
	 * @see TenancyPredicates#PARTIQL_STATEMENTS
	 * @see TenancyRules#NO_CLASSES_SHOULD_USE_PARTIQL
	 */
	public static final ArchCondition<JavaClass> USE_PARTIQL = accessTargetWhere(TenancyPredicates.PARTIQL_STATEMENTS)
		.as("use PartiQL (executeStatement, batchExecuteStatement or executeTransaction)");

	/**
	 * Depend in any way (field, parameter, return type, supertype, call, including {@code builder()} and
	 * {@code create()}) on an unscoped DynamoDB client type: the SDK clients (sync, async, streams, enhanced), tables,
	 * indexes, or the Spring Cloud AWS types that reach DynamoDB.
	 * @see TenancyPredicates#UNSCOPED_DYNAMODB_CLIENTS
	 * @see #USE_UNSCOPED_DYNAMODB_CLIENTS_OUTSIDE_CROSS_TENANT_CODE
	 */
	public static final ArchCondition<JavaClass> USE_UNSCOPED_DYNAMODB_CLIENTS = dependOnClassesThat(
			TenancyPredicates.UNSCOPED_DYNAMODB_CLIENTS)
		.as("use unscoped DynamoDB clients (DynamoDbClient, DynamoDbAsyncClient, DynamoDbStreamsClient, "
				+ "DynamoDbStreamsAsyncClient, DynamoDbEnhancedClient, DynamoDbEnhancedAsyncClient, DynamoDbTable, "
				+ "DynamoDbAsyncTable, DynamoDbIndex, DynamoDbAsyncIndex, Spring Cloud AWS DynamoDbOperations/"
				+ "DynamoDbTemplate and the other io.awspring.cloud.dynamodb types that reach DynamoDB, or a subtype, "
				+ "including their builder() and create())");

	/**
	 * Like {@link #USE_UNSCOPED_DYNAMODB_CLIENTS}, except in {@code @CrossTenant} code: a class annotated with it (and
	 * the classes nested in it), a method or constructor annotated with it (and its lambdas and the anonymous classes
	 * declared in it). {@code @CrossTenant} code uses the cross-tenant client by design, but it may not build a client
	 * of its own: calls to {@code builder()} or {@code create()} of a client type count there too.
	 */
	public static final ArchCondition<JavaClass> USE_UNSCOPED_DYNAMODB_CLIENTS_OUTSIDE_CROSS_TENANT_CODE = new CrossTenantClientUsage();

	/**
	 * Depend in any way on the {@code TenancyAdminClient}.
	 * @see TenancyPredicates#TENANCY_ADMIN_CLIENT
	 */
	public static final ArchCondition<JavaClass> USE_THE_TENANCY_ADMIN_CLIENT = dependOnClassesThat(
			TenancyPredicates.TENANCY_ADMIN_CLIENT)
		.as("use the TenancyAdminClient");

	/**
	 * Call or reference a request override builder's {@code credentialsProvider}, {@code tokenIdentityProvider},
	 * {@code signer}, {@code addPlugin}, {@code plugins}, {@code executionAttributes}, {@code putExecutionAttribute}
	 * or {@code endpointProvider}.
	 * @see TenancyPredicates#REQUEST_OVERRIDES_OF_CREDENTIALS_OR_PLUGINS
	 */
	public static final ArchCondition<JavaClass> OVERRIDE_REQUEST_CREDENTIALS_OR_PLUGINS = accessTargetWhere(
			TenancyPredicates.REQUEST_OVERRIDES_OF_CREDENTIALS_OR_PLUGINS)
		.as("override the credentials, signer, plugins, execution attributes or endpoint provider of requests");

	/**
	 * Find or invoke methods reflectively in a class that also touches DynamoDB: depends on a DynamoDB type (a class
	 * literal is enough), reads a field of such a type, or calls a method returning one.
	 * @see TenancyPredicates#REFLECTIVE_INVOCATIONS
	 */
	public static final ArchCondition<JavaClass> INVOKE_DYNAMODB_CLIENTS_REFLECTIVELY = new ReflectiveDynamoDbAccess();

	/**
	 * Implement {@code TenantResolver} or {@code AccessVariantResolver} (directly or through a superclass), declare a
	 * method returning one (which is how lambdas and method references of that type show in bytecode), or create one
	 * with {@code new}.
	 * @see TenancyPredicates#TENANT_RESOLVERS
	 * @see TenancyPredicates#ACCESS_VARIANT_RESOLVERS
	 */
	public static final ArchCondition<JavaClass> IMPLEMENT_TENANT_RESOLVERS = new ArchCondition<>(
			"implement or create TenantResolvers or AccessVariantResolvers") {

		@Override
		public void check(JavaClass type, ConditionEvents events) {
			List<ConditionEvent> found = new ArrayList<>();
			resolvers(type, TENANT_RESOLVER, TenancyPredicates.TENANT_RESOLVERS, "a TenantResolver", found);
			resolvers(type, ACCESS_VARIANT_RESOLVER, TenancyPredicates.ACCESS_VARIANT_RESOLVERS,
					"an AccessVariantResolver", found);
			if (found.isEmpty()) {
				events.add(SimpleConditionEvent.violated(type, ConditionEvent.createMessage(type,
						"neither implements nor creates a TenantResolver or an AccessVariantResolver")));
			}
			found.forEach(events::add);
		}

		private void resolvers(JavaClass type, String resolverType, DescribedPredicate<JavaClass> implementations,
				String described, List<ConditionEvent> found) {
			String simpleName = resolverType.substring(resolverType.lastIndexOf('.') + 1);
			if (implementations.test(type)) {
				found.add(SimpleConditionEvent.satisfied(type,
						ConditionEvent.createMessage(type, "implements " + simpleName)));
			}
			for (JavaMethod method : type.getMethods()) {
				if (implementations.test(method.getRawReturnType())
						|| method.getRawReturnType().getName().equals(resolverType)) {
					found.add(SimpleConditionEvent.satisfied(method, ConditionEvent.createMessage(method,
							"returns " + described + " (a lambda, method reference or factory)")));
				}
			}
			for (JavaCodeUnitAccess<?> access : type.getCodeUnitAccessesFromSelf()) {
				JavaClass created = access.getTargetOwner();
				if (access.getTarget().getName().equals(CONSTRUCTOR_NAME) && implementations.test(created)
						&& !access.getOriginOwner().isAssignableTo(created.getName())) {
					found.add(SimpleConditionEvent.satisfied(access, access.getOrigin().getDescription() + " creates "
							+ described + " <" + created.getName() + "> in " + access.getSourceCodeLocation()));
				}
			}
		}

	};

	/**
	 * Call or reference {@code TenantContext.open}, {@code switchTo}, {@code runAs} or {@code callAs}.
	 * @see TenancyPredicates#TENANT_SWITCHES
	 * @see TenancyRules#tenantSwitchingShouldOnlyHappenIn(String...)
	 */
	public static final ArchCondition<JavaClass> SWITCH_TENANTS = accessTargetWhere(TenancyPredicates.TENANT_SWITCHES)
		.as("switch tenants explicitly (TenantContext.open, switchTo, runAs or callAs)");

	/**
	 * Be annotated with {@code @CrossTenant}, or declare a method annotated with it (directly or through a
	 * meta-annotation).
	 * @see TenancyRules#crossTenantCodeShouldOnlyResideIn(String...)
	 */
	public static final ArchCondition<JavaClass> DECLARE_CROSS_TENANT_CODE = new ArchCondition<>(
			"declare @CrossTenant code (be annotated with @CrossTenant or declare methods annotated with it)") {

		@Override
		public void check(JavaClass type, ConditionEvents events) {
			boolean found = false;
			if (type.isMetaAnnotatedWith(CROSS_TENANT)) {
				events.add(SimpleConditionEvent.satisfied(type,
						ConditionEvent.createMessage(type, "is annotated with @CrossTenant")));
				found = true;
			}
			for (JavaMethod method : type.getMethods()) {
				if (method.isMetaAnnotatedWith(CROSS_TENANT)) {
					events.add(SimpleConditionEvent.satisfied(method,
							ConditionEvent.createMessage(method, "is annotated with @CrossTenant")));
					found = true;
				}
			}
			if (!found) {
				events.add(SimpleConditionEvent.violated(type,
						ConditionEvent.createMessage(type, "declares no @CrossTenant code")));
			}
		}

	};

	/**
	 * Be annotated with exactly one of {@code @TenantScoped} and {@code @CrossTenant}: directly, through a
	 * meta-annotation, or on a super-interface. Both at once is a violation too, since it leaves open which identity
	 * the calls run under.
	 * @see TenancyRules#TENANT_SCOPED_REPOSITORIES_SHOULD_DECLARE_THEIR_TENANCY
	 */
	public static final ArchCondition<JavaClass> BE_ANNOTATED_WITH_TENANT_SCOPED_OR_CROSS_TENANT = new ArchCondition<>(
			"be annotated with @TenantScoped or @CrossTenant (directly, through a meta-annotation or on a "
					+ "super-interface)") {

		@Override
		public void check(JavaClass type, ConditionEvents events) {
			List<JavaClass> candidates = new ArrayList<>();
			candidates.add(type);
			candidates.addAll(type.getAllRawInterfaces());
			boolean tenantScoped = candidates.stream().anyMatch(candidate -> candidate.isMetaAnnotatedWith(TENANT_SCOPED));
			boolean crossTenant = candidates.stream().anyMatch(candidate -> candidate.isMetaAnnotatedWith(CROSS_TENANT));
			if (tenantScoped && crossTenant) {
				events.add(SimpleConditionEvent.violated(type, ConditionEvent.createMessage(type,
						"is annotated with both @TenantScoped and @CrossTenant (directly or on a super-interface)")));
			}
			else if (!tenantScoped && !crossTenant) {
				events.add(SimpleConditionEvent.violated(type, ConditionEvent.createMessage(type,
						"is annotated with neither @TenantScoped nor @CrossTenant (directly or on a super-interface)")));
			}
			else {
				events.add(SimpleConditionEvent.satisfied(type, ConditionEvent.createMessage(type,
						"is annotated with " + (tenantScoped ? "@TenantScoped" : "@CrossTenant"))));
			}
		}

	};

	/**
	 * Call or reference a {@code @TenantScoped} method of the same class through {@code this}, which bypasses the
	 * Spring proxy and with it the tenant interceptor, from code that does not already run in the tenant scope (see
	 * {@link TenancyPredicates#SELF_INVOCATIONS_OF_TENANT_SCOPED_METHODS}).
	 * @see TenancyPredicates#SELF_INVOCATIONS_OF_TENANT_SCOPED_METHODS
	 * @see TenancyRules#NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS
	 */
	public static final ArchCondition<JavaClass> CALL_THEIR_OWN_TENANT_SCOPED_METHODS = new ArchCondition<>(
			"call their own @TenantScoped methods from code that does not run in the tenant scope") {

		@Override
		public void check(JavaClass type, ConditionEvents events) {
			boolean found = false;
			for (JavaCodeUnitAccess<?> access : type.getCodeUnitAccessesFromSelf()) {
				if (SelfInvocations.targetsOwnTenantScopedMethod(access)) {
					Optional<String> reason = SelfInvocations.whyItCanChangeTheTenant(access);
					if (reason.isPresent()) {
						events.add(SimpleConditionEvent.satisfied(access, selfInvocationMessage(access, reason.get())));
						found = true;
					}
				}
			}
			if (!found) {
				events.add(SimpleConditionEvent.violated(type,
						ConditionEvent.createMessage(type, "does not call its own @TenantScoped methods")));
			}
		}

	};

	private TenancyConditions() {
	}

	private static String selfInvocationMessage(JavaCodeUnitAccess<?> access, String reason) {
		return String.format("%s %s @TenantScoped method <%s> on its own instance, bypassing the Spring proxy, %s, in %s",
				access.getOrigin().getDescription(), (access instanceof JavaCall<?>) ? "calls" : "references",
				access.getTarget().getFullName(), reason, access.getSourceCodeLocation());
	}

}
