package dev.tenancy.archunit;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaCodeUnitReference;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import org.jspecify.annotations.Nullable;

import static dev.tenancy.archunit.TenancyTypes.TENANT_SCOPED;
import static dev.tenancy.archunit.TenancyTypes.isTenantScopedType;

/**
 * Which calls of a class to its own {@code @TenantScoped} methods can change the tenant the callee runs for.
 * <p>
 * Such a call does not go through the Spring proxy, so the interceptor does not run for the callee. Had it run, it
 * would have asked the resolver for the tenant and then reused an open scope of that tenant, opened one, or refused a
 * scope of another tenant. When the caller is itself a {@code @TenantScoped} method entered through the proxy, on the
 * same thread, that interceptor has just done exactly this for the same resolver, so the callee runs in the very scope
 * it would have got: the call is harmless. Every other call can run the callee in a scope the interceptor would have
 * refused, or in none, and is reported:
 * <ul>
 * <li>from a lambda or through a method reference, which may run later, on another thread or in another scope;</li>
 * <li>from an inner or anonymous class, for the same reason;</li>
 * <li>from a constructor or initializer, which Spring calls before there is a proxy;</li>
 * <li>from a method that is not {@code @TenantScoped} itself (no annotation on it or its class hierarchy, or static),
 * or from a private method unless every call to it comes directly from code that runs in the scope.</li>
 * </ul>
 */
final class SelfInvocations {

	private static final String DEFERRED = ", which may run later, on another thread or in another tenant's scope";

	private SelfInvocations() {
	}

	/**
	 * Whether the access calls or references a {@code @TenantScoped} method of the calling instance: the same class
	 * or, from an inner class, its enclosing class. Calls within interfaces are ignored: the default methods of a
	 * Spring Data repository run on the proxy.
	 */
	static boolean targetsOwnTenantScopedMethod(JavaCodeUnitAccess<?> access) {
		JavaClass targetOwner = access.getTargetOwner();
		if (targetOwner.isInterface() || !isSameInstance(access.getOriginOwner(), targetOwner)) {
			return false;
		}
		Optional<? extends JavaCodeUnit> target = access.getTarget().resolveMember();
		return target.isPresent() && target.get() instanceof JavaMethod method && isTenantScoped(method, targetOwner);
	}

	/**
	 * Why a self-invocation can change the tenant of the callee, or empty when it runs in the caller's scope anyway.
	 * @param access an access for which {@link #targetsOwnTenantScopedMethod(JavaCodeUnitAccess)} holds
	 */
	static Optional<String> whyItCanChangeTheTenant(JavaCodeUnitAccess<?> access) {
		if (access instanceof JavaCodeUnitReference<?>) {
			return Optional.of("through a method reference" + DEFERRED);
		}
		if (access.isDeclaredInLambda()) {
			return Optional.of("from a lambda" + DEFERRED);
		}
		if (!access.getOriginOwner().isAssignableTo(access.getTargetOwner().getName())) {
			return Optional.of("from an inner or anonymous class" + DEFERRED);
		}
		JavaCodeUnit origin = access.getOrigin();
		if (!origin.isMethod()) {
			return Optional.of("from a constructor or initializer, which runs before there is a proxy");
		}
		if (runsInTheTenantScope(origin, new HashSet<>())) {
			return Optional.empty();
		}
		return Optional.of("from <" + origin.getFullName() + ">, which does not run in the tenant scope itself (it is "
				+ "not @TenantScoped, is static, or is private and called from such code)");
	}

	/**
	 * Whether the code unit only ever runs inside a scope that the interceptor opened or checked for it: a method
	 * the proxy intercepts, or a private method called only directly from such code.
	 */
	private static boolean runsInTheTenantScope(JavaCodeUnit codeUnit, Set<JavaCodeUnit> visiting) {
		if (!(codeUnit instanceof JavaMethod method) || method.getModifiers().contains(JavaModifier.STATIC)) {
			return false;
		}
		if (!method.getModifiers().contains(JavaModifier.PRIVATE)) {
			return isTenantScoped(method, method.getOwner());
		}
		if (!visiting.add(method)) {
			return true;
		}
		Set<? extends JavaCodeUnitAccess<?>> callers = method.getAccessesToSelf();
		if (callers.isEmpty()) {
			return false;
		}
		for (JavaCodeUnitAccess<?> caller : callers) {
			if (caller instanceof JavaCodeUnitReference<?> || caller.isDeclaredInLambda()
					|| !caller.getOriginOwner().equals(method.getOwner())
					|| !runsInTheTenantScope(caller.getOrigin(), visiting)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether the method is (meta-)annotated with {@code @TenantScoped}, or is neither private nor static and its class
	 * (seen through {@code owner}) or a supertype is annotated.
	 */
	private static boolean isTenantScoped(JavaMethod method, JavaClass owner) {
		if (method.isMetaAnnotatedWith(TENANT_SCOPED)) {
			return true;
		}
		Set<JavaModifier> modifiers = method.getModifiers();
		if (modifiers.contains(JavaModifier.PRIVATE) || modifiers.contains(JavaModifier.STATIC)) {
			return false;
		}
		return isTenantScopedType(owner) || isTenantScopedType(method.getOwner());
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

}
