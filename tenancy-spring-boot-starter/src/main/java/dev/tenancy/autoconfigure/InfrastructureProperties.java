package dev.tenancy.autoconfigure;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Infrastructure as code ({@code tenancy.infrastructure.*}): the choices of the CloudFormation and Terraform export
 * (Actuator {@code /actuator/tenancy/infrastructure/{format}} and the export command), which is generated from the
 * application's own policies, key schema and tiers.
 *
 * @author tenancy
 * @since 0.4
 */
public class InfrastructureProperties {

	/**
	 * Key that encrypts the tables at rest: 'aws-owned' (DynamoDB's default), 'aws-managed' (the account's
	 * aws/dynamodb key) or 'customer-managed' (the key of 'kms-key-arn', or a template input without it).
	 */
	private Encryption encryption = Encryption.AWS_OWNED;

	/**
	 * ARN of the customer managed KMS key (or of its alias) that encrypts the tables; without it the exported
	 * template takes the key as an input (CloudFormation parameter 'KmsKeyArn', Terraform variable 'kms_key_arn').
	 */
	private @Nullable String kmsKeyArn;

	/**
	 * VPC endpoint (for example 'vpce-0123456789abcdef0') through which alone the tenant role may call DynamoDB
	 * (a Deny on 'aws:SourceVpce' next to the ceiling policy). Unset: no network condition.
	 */
	private @Nullable String sourceVpce;

	/**
	 * Name of the deploy role, which holds the tables' control plane and no item access. Default: the tenant role's
	 * name with '-deploy'.
	 */
	private @Nullable String deployRoleName;

	/**
	 * IAM role or user that may assume the deploy role, for example the CI role. Unset: the account itself (its
	 * administrators then grant sts:AssumeRole on the deploy role).
	 */
	private @Nullable String deployPrincipalArn;

	/**
	 * Types ('S', 'N' or 'B') of key attributes by attribute name, over the types the mapped entities give (for
	 * example a number sort key of an index). Partition keys hold the tenant's key and are always strings.
	 */
	private Map<String, ScalarAttributeType> attributeTypes = new LinkedHashMap<>();

	/**
	 * Export the infrastructure in this format ('cloudformation' or 'terraform') at startup, write it to
	 * 'export-file' and stop the application.
	 */
	private @Nullable String export;

	/**
	 * File the export command writes; default 'tenancy.template.json' (CloudFormation) or 'tenancy.tf.json'
	 * (Terraform) in the working directory.
	 */
	private @Nullable Path exportFile;

	public Encryption getEncryption() {
		return this.encryption;
	}

	public void setEncryption(Encryption encryption) {
		this.encryption = encryption;
	}

	public @Nullable String getKmsKeyArn() {
		return this.kmsKeyArn;
	}

	public void setKmsKeyArn(@Nullable String kmsKeyArn) {
		this.kmsKeyArn = kmsKeyArn;
	}

	public @Nullable String getSourceVpce() {
		return this.sourceVpce;
	}

	public void setSourceVpce(@Nullable String sourceVpce) {
		this.sourceVpce = sourceVpce;
	}

	public @Nullable String getDeployRoleName() {
		return this.deployRoleName;
	}

	public void setDeployRoleName(@Nullable String deployRoleName) {
		this.deployRoleName = deployRoleName;
	}

	public @Nullable String getDeployPrincipalArn() {
		return this.deployPrincipalArn;
	}

	public void setDeployPrincipalArn(@Nullable String deployPrincipalArn) {
		this.deployPrincipalArn = deployPrincipalArn;
	}

	public Map<String, ScalarAttributeType> getAttributeTypes() {
		return this.attributeTypes;
	}

	public void setAttributeTypes(Map<String, ScalarAttributeType> attributeTypes) {
		this.attributeTypes = attributeTypes;
	}

	public @Nullable String getExport() {
		return this.export;
	}

	public void setExport(@Nullable String export) {
		this.export = export;
	}

	public @Nullable Path getExportFile() {
		return this.exportFile;
	}

	public void setExportFile(@Nullable Path exportFile) {
		this.exportFile = exportFile;
	}

	/**
	 * The key that encrypts the tables at rest.
	 */
	public enum Encryption {

		/** DynamoDB's AWS owned key. */
		AWS_OWNED,

		/** The account's AWS managed key aws/dynamodb. */
		AWS_MANAGED,

		/** A customer managed KMS key. */
		CUSTOMER_MANAGED

	}

}
