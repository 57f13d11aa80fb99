package dev.tenancy.infrastructure;

import java.util.Arrays;
import java.util.function.Function;

import dev.tenancy.context.Printable;
import org.jspecify.annotations.Nullable;

/**
 * The formats {@link TenancyInfrastructure} is exported in.
 *
 * @author tenancy
 * @since 0.4
 */
public enum InfrastructureFormat {

	/** A CloudFormation template, JSON ({@link CloudFormationTemplate}). */
	CLOUDFORMATION("cloudformation", "tenancy.template.json", CloudFormationTemplate::render),

	/** A Terraform configuration in JSON syntax ({@link TerraformConfiguration}). */
	TERRAFORM("terraform", "tenancy.tf.json", TerraformConfiguration::render);

	private final String id;

	private final String fileName;

	private final Function<TenancyInfrastructure, String> renderer;

	InfrastructureFormat(String id, String fileName, Function<TenancyInfrastructure, String> renderer) {
		this.id = id;
		this.fileName = fileName;
		this.renderer = renderer;
	}

	/**
	 * @param id {@code cloudformation} or {@code terraform}, in any case
	 * @return the format
	 * @throws IllegalArgumentException for another value
	 */
	public static InfrastructureFormat of(@Nullable String id) {
		for (InfrastructureFormat format : values()) {
			if (format.id.equalsIgnoreCase(String.valueOf(id).trim())) {
				return format;
			}
		}
		throw new IllegalArgumentException(String.format("Unknown infrastructure format '%s'; expected one of %s.",
				Printable.of(id), Arrays.stream(values()).map(InfrastructureFormat::id).toList()));
	}

	/**
	 * @return the format's id, {@code cloudformation} or {@code terraform}
	 */
	public String id() {
		return this.id;
	}

	/**
	 * @return a file name for the exported document, for example {@code tenancy.tf.json}
	 */
	public String fileName() {
		return this.fileName;
	}

	/**
	 * @param infrastructure the infrastructure
	 * @return the document in this format
	 */
	public String render(TenancyInfrastructure infrastructure) {
		return this.renderer.apply(infrastructure);
	}

	@Override
	public String toString() {
		return this.id;
	}

}
