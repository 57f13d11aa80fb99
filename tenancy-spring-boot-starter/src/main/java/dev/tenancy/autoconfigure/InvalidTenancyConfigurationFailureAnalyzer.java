package dev.tenancy.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an {@link InvalidTenancyConfigurationException} as a Spring Boot startup failure that names the property,
 * the problem and what to set.
 *
 * @author tenancy
 * @since 0.1
 */
public class InvalidTenancyConfigurationFailureAnalyzer
		extends AbstractFailureAnalyzer<InvalidTenancyConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTenancyConfigurationException cause) {
		String value = (cause.getValue() != null) ? String.format("'%s'", cause.getValue()) : "not set";
		String description = String.format("Invalid tenancy configuration.%n%n    Property: %s%n    Value: %s%n"
				+ "    Reason: %s", cause.getProperty(), value, cause.getReason());
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
