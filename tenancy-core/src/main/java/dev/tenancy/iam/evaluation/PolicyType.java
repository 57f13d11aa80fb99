package dev.tenancy.iam.evaluation;

/**
 * The policy types (IAM "gates", docs/IAM.md R2) the evaluator knows, with the wording AWS uses for them in
 * access-denied messages (R32).
 *
 * @author tenancy
 * @since 0.1
 */
public enum PolicyType {

	/** The role's identity-based policies. */
	IDENTITY_BASED("identity-based"),

	/** The session policies passed to {@code AssumeRole} (inline and managed, one OR-ed gate). */
	SESSION("session");

	private final String wording;

	PolicyType(String wording) {
		this.wording = wording;
	}

	/**
	 * @return the type as AWS messages spell it, for example {@code identity-based} in "because no identity-based
	 * policy allows the dynamodb:GetItem action"
	 */
	public String wording() {
		return this.wording;
	}

}
