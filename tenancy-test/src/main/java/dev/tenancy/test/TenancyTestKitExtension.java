package dev.tenancy.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link TenancyTest}: resolves {@link TenancyTestKit} parameters to the
 * {@linkplain TenancyTestKit#shared() shared kit} and registers it in the root extension context's store, so that it
 * is stopped when the test run ends.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyTestKitExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(TenancyTestKitExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TenancyTestKit.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return kit(extensionContext);
	}

	/**
	 * The shared kit, registered for shutdown at the end of the run of {@code context}'s engine.
	 * @param context any extension context of the run
	 * @return the shared kit
	 */
	public static TenancyTestKit kit(ExtensionContext context) {
		context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(SharedKitShutdown.class, (key) -> new SharedKitShutdown(), SharedKitShutdown.class);
		return TenancyTestKit.shared();
	}

	/**
	 * Stops the shared kit when the root store is closed at the end of the run.
	 */
	private static final class SharedKitShutdown implements AutoCloseable {

		@Override
		public void close() {
			TenancyTestKit.closeShared();
		}

	}

}
