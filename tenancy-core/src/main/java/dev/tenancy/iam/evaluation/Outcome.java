package dev.tenancy.iam.evaluation;

/**
 * The three results of an IAM authorization (docs/IAM.md R1).
 *
 * @author tenancy
 * @since 0.1
 */
public enum Outcome {

	/** Every gate has an applicable Allow and no gate has an applicable Deny. */
	ALLOWED,

	/** An applicable Deny statement in some gate; it wins over any Allow. */
	EXPLICIT_DENY,

	/** No explicit deny, but some gate has no applicable Allow. */
	IMPLICIT_DENY

}
