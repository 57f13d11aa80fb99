package dev.tenancy.iam.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;

/**
 * An immutable, precompiled view of one principal for the {@link PolicyEvaluator}: its ARN, the identity-based
 * policies of its role, its session policies if any, and its global condition keys ({@code aws:PrincipalTag/...},
 * {@code aws:userid}, {@code aws:PrincipalArn}, {@code aws:PrincipalAccount}, {@code aws:PrincipalType},
 * {@code aws:SecureTransport}, ...).
 * <p>
 * Policies are compiled once in {@link Builder#build()}: wildcard patterns, operator dispatch, and policy variables on
 * the session's own keys (substituted right away), so that evaluation neither parses nor compiles. Build one session
 * per set of credentials and reuse it; it is thread-safe.
 * <p>
 * Keys defined here and all principal keys ({@code aws:Principal*}, {@code aws:userid}, {@code aws:username},
 * {@code aws:SourceIdentity}, web-identity keys) come from the session only: a request context can neither override
 * nor supply them. In particular {@code aws:username} is absent for a role session (docs/IAM.md R16) unless set here,
 * and {@code aws:SecureTransport} (always present, default {@code true}) is a property of the session: a gateway that
 * also serves plain HTTP builds a session with {@code secureTransport(false)} for such requests.
 *
 * @author tenancy
 * @since 0.1
 */
public final class PrincipalSession {

	private static final String SECURE_TRANSPORT = "aws:securetransport";

	private final String principalArn;

	private final SessionKeys keys;

	private final CompiledGate identity;

	private final @Nullable CompiledGate session;

	/** Allow messages per (identity statement, session statement), filled lazily (benign race on Strings). */
	private final @Nullable String[] allowMessages;

	private PrincipalSession(String principalArn, SessionKeys keys, CompiledGate identity,
			@Nullable CompiledGate session) {
		this.principalArn = principalArn;
		this.keys = keys;
		this.identity = identity;
		this.session = session;
		this.allowMessages = new String[Math.max(1, identity.size() * ((session != null) ? session.size() : 1))];
	}

	/**
	 * @return a builder for a session of any principal
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder preset for a role session created by {@code AssumeRole} (docs/IAM.md R16): principal ARN
	 * {@code arn:<partition>:sts::<account>:assumed-role/<role>/<session>}, {@code aws:userid}
	 * {@code <roleId>:<session>}, {@code aws:PrincipalType} {@code AssumedRole}, {@code aws:PrincipalAccount},
	 * {@code aws:PrincipalArn} (the role ARN {@code arn:<partition>:iam::<account>:role/<role>}), and no
	 * {@code aws:username}.
	 * @param partition the partition, for example {@code aws}
	 * @param accountId the account id
	 * @param roleName the role name (without path)
	 * @param roleId the role's unique id, for example {@code AROAEXAMPLE}
	 * @param sessionName the role session name
	 * @return a builder; add policies and tags, then {@link Builder#build()}
	 */
	public static Builder assumedRole(String partition, String accountId, String roleName, String roleId,
			String sessionName) {
		Assert.hasText(partition, "Partition must not be empty");
		Assert.hasText(accountId, "Account id must not be empty");
		Assert.hasText(roleName, "Role name must not be empty");
		Assert.hasText(roleId, "Role id must not be empty");
		Assert.hasText(sessionName, "Session name must not be empty");
		return new Builder()
			.principalArn("arn:" + partition + ":sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName)
			.contextKey("aws:userid", roleId + ":" + sessionName)
			.contextKey("aws:PrincipalType", "AssumedRole")
			.contextKey("aws:PrincipalAccount", accountId)
			.contextKey("aws:PrincipalArn", "arn:" + partition + ":iam::" + accountId + ":role/" + roleName);
	}

	/**
	 * @return the principal ARN that denial messages name, for example
	 * {@code arn:aws:sts::123456789012:assumed-role/TenantRole/t1-session}
	 */
	public String principalArn() {
		return this.principalArn;
	}

	/**
	 * @return the session's global condition keys, lower-cased names to values (unmodifiable)
	 */
	public Map<String, List<String>> contextKeys() {
		return this.keys.asMap();
	}

	/**
	 * @return the identity-based policies (unmodifiable)
	 */
	public List<IamPolicy> identityPolicies() {
		return this.identity.policies();
	}

	/**
	 * @return the session policies (unmodifiable), empty if none was passed
	 */
	public List<IamPolicy> sessionPolicies() {
		return (this.session != null) ? this.session.policies() : List.of();
	}

	/**
	 * @return whether session policies were passed, so that they must allow too (docs/IAM.md R2)
	 */
	public boolean hasSessionPolicy() {
		return this.session != null;
	}

	CompiledGate identityGate() {
		return this.identity;
	}

	@Nullable CompiledGate sessionGate() {
		return this.session;
	}

	String allowMessage(CompiledStatement identityStatement, @Nullable CompiledStatement sessionStatement) {
		int index = identityStatement.ordinal()
				* ((this.session != null) ? this.session.size() : 1)
				+ ((sessionStatement != null) ? sessionStatement.ordinal() : 0);
		String message = this.allowMessages[index];
		if (message == null) {
			message = "Allowed by identity-based policy statement " + identityStatement.label()
					+ ((sessionStatement != null) ? " and session policy statement " + sessionStatement.label() : "");
			this.allowMessages[index] = message;
		}
		return message;
	}

	@Override
	public String toString() {
		return "PrincipalSession[" + this.principalArn + ", " + this.identity.size() + " identity statement(s), "
				+ ((this.session != null) ? this.session.size() + " session statement(s)" : "no session policy") + "]";
	}

	/**
	 * Builder for {@link PrincipalSession}; not thread-safe.
	 *
	 * @author tenancy
	 * @since 0.1
	 */
	public static final class Builder {

		private @Nullable String principalArn;

		private final List<CompiledGate.PolicyDocument> identityPolicies = new ArrayList<>();

		private @Nullable List<CompiledGate.PolicyDocument> sessionPolicies;

		private final Map<String, List<String>> keys = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * @param principalArn the principal ARN used in messages
		 * @return this builder
		 */
		public Builder principalArn(String principalArn) {
			Assert.hasText(principalArn, "Principal ARN must not be empty");
			this.principalArn = principalArn;
			return this;
		}

		/**
		 * Add an identity-based policy of the role. Built policies are taken as they are; for JSON prefer
		 * {@link #identityPolicyJson(String)}, which keeps what {@link IamPolicy#fromJson(String)} loses.
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder identityPolicy(IamPolicy policy) {
			Assert.notNull(policy, "Identity policy must not be null");
			this.identityPolicies.add(new CompiledGate.PolicyDocument(policy, true));
			return this;
		}

		/**
		 * Add an identity-based policy from JSON. Unlike {@link IamPolicy#fromJson(String)} this honours a missing
		 * {@code Version} (variables are then literal, docs/IAM.md R6) and bare boolean/number condition values.
		 * @param json the policy document
		 * @return this builder
		 * @throws IllegalArgumentException if the document is not a valid policy
		 */
		public Builder identityPolicyJson(String json) {
			Assert.hasText(json, "Identity policy JSON must not be empty");
			this.identityPolicies.add(PolicyJsonReader.read(json));
			return this;
		}

		/**
		 * Replace the identity-based policies of the role (OR-ed together).
		 * @param policies the policies
		 * @return this builder
		 */
		public Builder identityPolicies(Collection<IamPolicy> policies) {
			Assert.notNull(policies, "Identity policies must not be null");
			this.identityPolicies.clear();
			policies.forEach(this::identityPolicy);
			return this;
		}

		/**
		 * Set the session policy passed to {@code AssumeRole}, replacing any other.
		 * @param policy the policy, or {@literal null} if none was passed: the identity policies alone decide
		 * (docs/IAM.md R2)
		 * @return this builder
		 */
		public Builder sessionPolicy(@Nullable IamPolicy policy) {
			this.sessionPolicies = (policy != null) ? List.of(new CompiledGate.PolicyDocument(policy, true)) : null;
			return this;
		}

		/**
		 * Set the session policy from JSON, like {@link #identityPolicyJson(String)}.
		 * @param json the policy document, or {@literal null} if none was passed
		 * @return this builder
		 */
		public Builder sessionPolicyJson(@Nullable String json) {
			this.sessionPolicies = (json != null) ? List.of(PolicyJsonReader.read(json)) : null;
			return this;
		}

		/**
		 * Set the inline and managed session policies, evaluated as one OR-ed gate (docs/IAM.md R2c).
		 * @param policies the policies; empty means none was passed
		 * @return this builder
		 */
		public Builder sessionPolicies(Collection<IamPolicy> policies) {
			Assert.notNull(policies, "Session policies must not be null");
			Assert.noNullElements(policies, "Session policies must not contain null");
			this.sessionPolicies = policies.isEmpty() ? null
					: policies.stream().map((policy) -> new CompiledGate.PolicyDocument(policy, true)).toList();
			return this;
		}

		/**
		 * Set a principal (role or session) tag, available as {@code aws:PrincipalTag/<key>}. Tag keys are
		 * case-insensitive: a later tag with the same key in another case replaces the earlier one, as a session tag
		 * overrides a role tag (docs/IAM.md R16).
		 * @param key the tag key
		 * @param value the tag value
		 * @return this builder
		 */
		public Builder tag(String key, String value) {
			Assert.hasText(key, "Tag key must not be empty");
			Assert.notNull(value, "Tag value must not be null");
			return contextKey("aws:PrincipalTag/" + key, value);
		}

		/**
		 * Set a global condition key of the session, replacing earlier values of the same key (any case).
		 * @param key the key, any case (docs/IAM.md R9), for example {@code aws:SourceIdentity}
		 * @param values its values: one for a single-valued key; none for a present key with an empty value set
		 * @return this builder
		 */
		public Builder contextKey(String key, String... values) {
			Assert.hasText(key, "Condition key must not be empty");
			Assert.noNullElements(values, "Values of condition key '" + key + "' must not contain null");
			this.keys.put(key.toLowerCase(Locale.ROOT), List.of(values));
			return this;
		}

		/**
		 * @param secureTransport the value of {@code aws:SecureTransport} (always present, docs/IAM.md R16); default
		 * {@code true}
		 * @return this builder
		 */
		public Builder secureTransport(boolean secureTransport) {
			return contextKey(SECURE_TRANSPORT, Boolean.toString(secureTransport));
		}

		/**
		 * Compile the policies against the session's keys.
		 * @return the session
		 * @throws IllegalStateException if the principal ARN is missing
		 * @throws IllegalArgumentException if a policy is not a valid identity or session policy (for example a
		 * statement with a Principal, or without Action or Resource)
		 */
		public PrincipalSession build() {
			Assert.state(this.principalArn != null,
					"Principal ARN must be set; call principalArn(...) or start from assumedRole(...).");
			Map<String, List<String>> context = new LinkedHashMap<>(this.keys);
			context.putIfAbsent(SECURE_TRANSPORT, List.of("true"));
			SessionKeys sessionKeys = new SessionKeys(Collections.unmodifiableMap(context));
			CompiledGate identity = CompiledGate.compile(this.identityPolicies, sessionKeys);
			CompiledGate session = (this.sessionPolicies != null)
					? CompiledGate.compile(this.sessionPolicies, sessionKeys) : null;
			return new PrincipalSession(this.principalArn, sessionKeys, identity, session);
		}

	}

}
