package dev.tenancy.test;

import java.lang.reflect.AnnotatedElement;
import java.util.Optional;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link WithTenant}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class WithTenantExtension implements BeforeEachCallback, AfterEachCallback {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(WithTenantExtension.class);

	@Override
	public void beforeEach(ExtensionContext context) {
		Optional<WithTenant> annotation = find(context);
		if (annotation.isPresent()) {
			TenantScope scope = TenantContext.open(TenantId.of(annotation.get().value()));
			context.getStore(NAMESPACE).put(TenantScope.class, scope);
		}
	}

	@Override
	public void afterEach(ExtensionContext context) {
		TenantScope scope = context.getStore(NAMESPACE).remove(TenantScope.class, TenantScope.class);
		if (scope != null) {
			scope.close();
		}
	}

	private static Optional<WithTenant> find(ExtensionContext context) {
		for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
			Optional<AnnotatedElement> element = current.getElement();
			if (element.isPresent()) {
				Optional<WithTenant> found = AnnotationSupport.findAnnotation(element.get(), WithTenant.class);
				if (found.isPresent()) {
					return found;
				}
			}
		}
		return Optional.empty();
	}

}
