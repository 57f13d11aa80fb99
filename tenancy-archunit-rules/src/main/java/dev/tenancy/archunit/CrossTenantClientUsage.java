package dev.tenancy.archunit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvent;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import static dev.tenancy.archunit.TenancyTypes.CROSS_TENANT;

/**
 * Uses of unscoped DynamoDB clients outside {@code @CrossTenant} code, plus clients that {@code @CrossTenant} code
 * builds itself ({@code builder()}, {@code create()}): it is meant to use the cross-tenant client it is given.
 * <p>
 * {@code @CrossTenant} code is a class annotated with it (directly or through a meta-annotation) and the classes
 * nested in it, a method or constructor annotated with it and everything ArchUnit attributes to that code unit
 * (lambdas included), and the local and anonymous classes declared in it. Fields, constructors and other methods of a
 * class that merely declares a {@code @CrossTenant} method are not.
 */
final class CrossTenantClientUsage extends ArchCondition<JavaClass> {

	CrossTenantClientUsage() {
		super(TenancyConditions.USE_UNSCOPED_DYNAMODB_CLIENTS.getDescription() + " outside @CrossTenant code");
	}

	@Override
	public void check(JavaClass type, ConditionEvents events) {
		List<ConditionEvent> found = new ArrayList<>();
		if (isCrossTenantClass(type)) {
			reportClientsBuiltIn(type.getAccessesFromSelf(), found);
		}
		else {
			List<JavaCodeUnit> crossTenantCode = type.getCodeUnits()
				.stream()
				.filter(codeUnit -> codeUnit.isMetaAnnotatedWith(CROSS_TENANT))
				.toList();
			for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
				if (TenancyTypes.isUnscopedClient(dependency.getTargetClass())
						&& crossTenantCode.stream().noneMatch(codeUnit -> isFrom(dependency, codeUnit))) {
					found.add(SimpleConditionEvent.satisfied(dependency, dependency.getDescription()));
				}
			}
			crossTenantCode.forEach(codeUnit -> reportClientsBuiltIn(codeUnit.getAccessesFromSelf(), found));
		}
		if (found.isEmpty()) {
			events.add(SimpleConditionEvent.violated(type, ConditionEvent.createMessage(type,
					"uses no unscoped DynamoDB client outside @CrossTenant code")));
		}
		found.forEach(events::add);
	}

	private static void reportClientsBuiltIn(Iterable<? extends JavaAccess<?>> accesses, List<ConditionEvent> found) {
		for (JavaAccess<?> access : accesses) {
			if (TenancyTypes.CLIENT_FACTORY_METHODS.contains(access.getTarget().getName())
					&& TenancyTypes.isUnscopedClient(access.getTargetOwner())) {
				found.add(SimpleConditionEvent.satisfied(access, access.getDescription()
						+ ", building a client of its own in @CrossTenant code"));
			}
		}
	}

	/**
	 * Whether the dependency originates in the code unit: ArchUnit describes every dependency of a member starting
	 * with the member's own description, e.g. {@code Method <a.B.m()> calls method <...>}.
	 */
	private static boolean isFrom(Dependency dependency, JavaCodeUnit codeUnit) {
		return dependency.getDescription().startsWith(codeUnit.getDescription() + " ");
	}

	/**
	 * Whether the class, a class it is nested in, or a code unit it is declared in is {@code @CrossTenant}.
	 */
	private static boolean isCrossTenantClass(JavaClass type) {
		if (type.isMetaAnnotatedWith(CROSS_TENANT)) {
			return true;
		}
		Optional<JavaCodeUnit> enclosingCodeUnit = type.getEnclosingCodeUnit();
		if (enclosingCodeUnit.isPresent() && enclosingCodeUnit.get().isMetaAnnotatedWith(CROSS_TENANT)) {
			return true;
		}
		Optional<JavaClass> enclosingClass = type.getEnclosingClass();
		return enclosingClass.isPresent() && isCrossTenantClass(enclosingClass.get());
	}

}
