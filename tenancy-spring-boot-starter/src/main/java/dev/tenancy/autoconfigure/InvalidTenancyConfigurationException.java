package dev.tenancy.autoconfigure;

import java.io.Serial;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code tenancy.*} property, or a combination of them, is invalid. It names the property, the
 * offending value, why it is rejected and what to set instead; {@link InvalidTenancyConfigurationFailureAnalyzer}
 * turns it into Spring Boot's failure report.
 *
 * @author tenancy
 * @since 0.1
 */
public class InvalidTenancyConfigurationException extends IllegalStateException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	/**
	 * @param property the full property name, for example {@code tenancy.sts.role-arn}
	 * @param value the offending value as configured, or {@literal null} if the property is not set
	 * @param reason why the configuration is rejected, a full sentence
	 * @param action what to set instead, a full sentence
	 * @param cause the underlying exception, if any
	 */
	public InvalidTenancyConfigurationException(String property, @Nullable Object value, String reason, String action,
			@Nullable Throwable cause) {
		super(String.format("Invalid tenancy configuration: property '%s' %s: %s %s", property,
				(value != null) ? "with value '" + value + "'" : "(not set)", reason, action), cause);
		this.property = property;
		this.value = (value != null) ? value.toString() : null;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * @return the full property name, for example {@code tenancy.sts.role-arn}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * @return the offending value as configured, or {@literal null} if the property is not set
	 */
	public @Nullable String getValue() {
		return this.value;
	}

	/**
	 * @return why the configuration is rejected
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * @return what to set instead
	 */
	public String getAction() {
		return this.action;
	}

}
