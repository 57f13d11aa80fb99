package dev.tenancy.archunit;

import java.util.ArrayList;
import java.util.List;

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
import static dev.tenancy.archunit.TenancyPredicates.CROSS_TENANT;
import static dev.tenancy.archunit.TenancyPredicates.TENANT_SCOPED;

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
	 * {@code create()}) on a DynamoDB client, table or index type.
	 * @see TenancyPredicates#UNSCOPED_DYNAMODB_CLIENTS
	 * @see TenancyRules#unscopedDynamoDbClientsShouldOnlyBeUsedIn(String...)
	 */
	public static final ArchCondition<JavaClass> USE_UNSCOPED_DYNAMODB_CLIENTS = dependOnClassesThat(
			TenancyPredicates.UNSCOPED_DYNAMODB_CLIENTS)
		.as("use unscoped DynamoDB clients, tables or indexes (DynamoDbClient, DynamoDbAsyncClient, "
				+ "DynamoDbEnhancedClient, DynamoDbEnhancedAsyncClient, DynamoDbTable, DynamoDbAsyncTable, DynamoDbIndex, "
				+ "DynamoDbAsyncIndex or a subtype, including their builder() and create())");

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
	 * Spring proxy and with it the tenant interceptor.
	 * @see TenancyPredicates#SELF_INVOCATIONS_OF_TENANT_SCOPED_METHODS
	 * @see TenancyRules#NO_CLASSES_SHOULD_CALL_THEIR_OWN_TENANT_SCOPED_METHODS
	 */
	public static final ArchCondition<JavaClass> CALL_THEIR_OWN_TENANT_SCOPED_METHODS = new ArchCondition<>(
			"call their own @TenantScoped methods") {

		@Override
		public void check(JavaClass type, ConditionEvents events) {
			boolean found = false;
			for (JavaCodeUnitAccess<?> access : type.getCodeUnitAccessesFromSelf()) {
				if (TenancyPredicates.SELF_INVOCATIONS_OF_TENANT_SCOPED_METHODS.test(access)) {
					events.add(SimpleConditionEvent.satisfied(access, selfInvocationMessage(access)));
					found = true;
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

	private static String selfInvocationMessage(JavaCodeUnitAccess<?> access) {
		return String.format("%s %s @TenantScoped method <%s> on its own instance, bypassing the Spring proxy, in %s",
				access.getOrigin().getDescription(), (access instanceof JavaCall<?>) ? "calls" : "references",
				access.getTarget().getFullName(), access.getSourceCodeLocation());
	}

}
