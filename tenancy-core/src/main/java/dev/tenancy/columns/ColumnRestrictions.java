package dev.tenancy.columns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.util.Assert;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import dev.tenancy.context.AccessVariant;
import dev.tenancy.context.AccessVariantResolver;
import dev.tenancy.context.TenantId;
import dev.tenancy.credentials.TenantCredentialsProvider;
import dev.tenancy.credentials.VariantRoutingTenantCredentialsProvider;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.dynamodb.VariantSessionPolicies;
import dev.tenancy.iam.evaluation.PrincipalSession;
import dev.tenancy.iam.policy.ColumnRestriction;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.policy.TenancyPoliciesBuilder;

/**
 * Column restrictions per {@link AccessVariant}: the attributes each restricted variant of a tenant may read and
 * write, the policies of every variant and the {@link AccessVariantResolver} that decides a caller's variant.
 * <p>
 * Each restricted variant gets its own session policy, derived from the application's unrestricted
 * {@link TenancyPolicies} with the variant's {@link ColumnRestriction} (a {@code dynamodb:Attributes} allow-list,
 * {@code dynamodb:Select = SPECIFIC_ATTRIBUTES}, restricted {@code dynamodb:ReturnValues}, and no {@code PutItem} or
 * {@code BatchWriteItem}). The three places that act for a caller then follow its variant:
 * <ul>
 * <li>{@link #credentials(Function)}: requests are signed with the session of the caller's variant, so IAM refuses a
 * hidden attribute;</li>
 * <li>{@link #guardSessions(String, String, long)}: the guard evaluates the same variant's policy before sending;</li>
 * <li>{@link #repositoryClient(DynamoDbClient)}: repositories send a projection and write with {@code UpdateItem}
 * for restricted callers, so their ordinary calls are allowed.</li>
 * </ul>
 * Without restricted variants ({@link #none(TenancyPolicies)}) every caller is unrestricted and each of the three is
 * the plain, single-variant one.
 * <pre class="code">
 * ColumnRestrictions restrictions = ColumnRestrictions.builder(tenancyPolicies)
 *     .variant(AccessVariant.of("restricted"), ColumnRestriction.of("name", "status"))
 *     .resolver(AuthorityAccessVariantResolver.builder(AccessVariant.of("restricted"))
 *         .variant(AccessVariant.UNRESTRICTED, "ROLE_ADMIN")
 *         .build())
 *     .build();
 * </pre>
 *
 * @author tenancy
 * @since 0.1
 */
public final class ColumnRestrictions {

	private final Map<AccessVariant, TenancyPolicies> policies;

	private final Map<AccessVariant, Set<String>> attributes;

	private final AccessVariantResolver resolver;

	private ColumnRestrictions(Map<AccessVariant, TenancyPolicies> policies, Map<AccessVariant, Set<String>> attributes,
			AccessVariantResolver resolver) {
		this.policies = Collections.unmodifiableMap(policies);
		this.attributes = Collections.unmodifiableMap(attributes);
		this.resolver = resolver;
	}

	/**
	 * @param policies the application's policies
	 * @return no column restriction: every caller is {@link AccessVariant#UNRESTRICTED}
	 */
	public static ColumnRestrictions none(TenancyPolicies policies) {
		return builder(policies).build();
	}

	/**
	 * @param unrestricted the application's (unrestricted) policies, which must not restrict columns themselves
	 * @return a builder
	 * @throws IllegalArgumentException if the policies already carry a column restriction
	 */
	public static Builder builder(TenancyPolicies unrestricted) {
		return new Builder(unrestricted);
	}

	/**
	 * @return every variant, {@link AccessVariant#UNRESTRICTED} first, then the restricted ones in the order they were
	 * added
	 */
	public Set<AccessVariant> variants() {
		return this.policies.keySet();
	}

	/**
	 * @return whether any variant is column-restricted
	 */
	public boolean restrictsColumns() {
		return !this.attributes.isEmpty();
	}

	/**
	 * @param variant a variant
	 * @return the policies of its sessions
	 * @throws IllegalArgumentException if the variant is not configured
	 */
	public TenancyPolicies policies(AccessVariant variant) {
		TenancyPolicies variantPolicies = this.policies.get(variant);
		Assert.isTrue(variantPolicies != null,
				() -> "Access variant '" + variant + "' is not configured; the variants are " + variants() + ".");
		return variantPolicies;
	}

	/**
	 * @param variant a restricted variant
	 * @return every attribute its sessions may name: the key and index-key attributes and the allowed ones
	 * @throws IllegalArgumentException if the variant is not a configured restricted variant
	 */
	public Set<String> attributes(AccessVariant variant) {
		Set<String> variantAttributes = this.attributes.get(variant);
		Assert.isTrue(variantAttributes != null, () -> "Access variant '" + variant + "' is not a configured "
				+ "column-restricted variant; the restricted variants are " + this.attributes.keySet() + ".");
		return variantAttributes;
	}

	/**
	 * @return the resolver that decides a caller's variant
	 */
	public AccessVariantResolver resolver() {
		return this.resolver;
	}

	/**
	 * The tenant credentials: the sessions of the caller's variant.
	 * @param sessionsOf opens the sessions of one variant with the given policies; called once per variant
	 * @return the credentials provider
	 */
	public TenantCredentialsProvider credentials(Function<Variant, TenantCredentialsProvider> sessionsOf) {
		Assert.notNull(sessionsOf, "Sessions must not be null");
		if (!restrictsColumns()) {
			return sessionsOf.apply(new Variant(AccessVariant.UNRESTRICTED, policies(AccessVariant.UNRESTRICTED)));
		}
		Map<AccessVariant, TenantCredentialsProvider> sessions = new LinkedHashMap<>();
		try {
			this.policies.forEach((variant, variantPolicies) -> sessions.put(variant,
					sessionsOf.apply(new Variant(variant, variantPolicies))));
		}
		catch (RuntimeException ex) {
			sessions.values().forEach(TenantCredentialsProvider::close);
			throw ex;
		}
		return new VariantRoutingTenantCredentialsProvider(sessions, this.resolver);
	}

	/**
	 * The sessions the guard evaluates: the policy of the caller's variant.
	 * @param roleArn the tenant role's ARN
	 * @param tagKey the session tag key that carries the tenant id
	 * @param maximumTenants how many compiled tenant sessions to keep per variant
	 * @return the guard's sessions
	 */
	public Function<TenantId, PrincipalSession> guardSessions(String roleArn, String tagKey, long maximumTenants) {
		if (!restrictsColumns()) {
			return new TenantSessionPolicies(policies(AccessVariant.UNRESTRICTED), roleArn, tagKey, maximumTenants);
		}
		Map<AccessVariant, TenantSessionPolicies> sessions = new LinkedHashMap<>();
		this.policies.forEach((variant, variantPolicies) -> sessions.put(variant,
				new TenantSessionPolicies(variantPolicies, roleArn, tagKey, maximumTenants, variant)));
		return new VariantSessionPolicies(sessions, this.resolver);
	}

	/**
	 * The client tenant-scoped repositories use: the tenant-scoped client, behind a
	 * {@link ColumnRestrictingDynamoDbClient} when a variant restricts columns.
	 * @param tenantScoped the tenant-scoped client
	 * @return the repositories' client
	 */
	public DynamoDbClient repositoryClient(DynamoDbClient tenantScoped) {
		if (!restrictsColumns()) {
			return tenantScoped;
		}
		return new ColumnRestrictingDynamoDbClient(tenantScoped,
				policies(AccessVariant.UNRESTRICTED).keySchema(), this.attributes, this.resolver);
	}

	@Override
	public String toString() {
		return "ColumnRestrictions" + this.attributes;
	}

	/**
	 * One variant and its policies.
	 * @param variant the variant
	 * @param policies the policies of its sessions
	 */
	public record Variant(AccessVariant variant, TenancyPolicies policies) {
	}

	/**
	 * Builds {@link ColumnRestrictions}.
	 */
	public static final class Builder {

		private final TenancyPolicies unrestricted;

		private final Map<AccessVariant, ColumnRestriction> restrictions = new LinkedHashMap<>();

		private AccessVariantResolver resolver = AccessVariantResolver.UNRESTRICTED;

		private Builder(TenancyPolicies unrestricted) {
			Assert.notNull(unrestricted, "Policies must not be null");
			Assert.isNull(unrestricted.columnRestriction(), "The application's TenancyPolicies already restrict "
					+ "columns; give the unrestricted variant unrestricted policies and declare each restriction as a "
					+ "variant of ColumnRestrictions.");
			this.unrestricted = unrestricted;
		}

		/**
		 * Add a column-restricted variant.
		 * @param variant the variant, not {@link AccessVariant#UNRESTRICTED}
		 * @param restriction the non-key attributes the variant may read and write
		 * @return this builder
		 * @throws IllegalArgumentException if the variant is unrestricted or already added
		 */
		public Builder variant(AccessVariant variant, ColumnRestriction restriction) {
			Assert.notNull(variant, "Variant must not be null");
			Assert.notNull(restriction, "Restriction must not be null");
			Assert.isTrue(variant.restricted(), "The unrestricted variant has no column restriction; name the "
					+ "restricted variant differently, for example 'restricted'.");
			Assert.isTrue(this.restrictions.putIfAbsent(variant, restriction) == null,
					() -> "Access variant '" + variant + "' is declared twice; declare each variant once.");
			return this;
		}

		/**
		 * The resolver that decides a caller's variant; required when a variant is added. Default: every caller is
		 * unrestricted.
		 * @param resolver the resolver
		 * @return this builder
		 */
		public Builder resolver(AccessVariantResolver resolver) {
			Assert.notNull(resolver, "Resolver must not be null");
			this.resolver = resolver;
			return this;
		}

		/**
		 * @return the column restrictions
		 * @throws dev.tenancy.iam.policy.SessionPolicyTooLargeException if a variant's session policy for the longest
		 * tenant id exceeds STS's limit
		 * @throws IllegalStateException if variants are declared but no resolver decides between them
		 */
		public ColumnRestrictions build() {
			Assert.state(this.restrictions.isEmpty() || this.resolver != AccessVariantResolver.UNRESTRICTED,
					() -> "Column-restricted variants " + this.restrictions.keySet() + " are declared, but no "
							+ "AccessVariantResolver decides which callers get them, so every caller would be "
							+ "unrestricted. Set a resolver, for example an AuthorityAccessVariantResolver.");
			Map<AccessVariant, TenancyPolicies> policies = new LinkedHashMap<>();
			Map<AccessVariant, Set<String>> attributes = new LinkedHashMap<>();
			policies.put(AccessVariant.UNRESTRICTED, this.unrestricted);
			this.restrictions.forEach((variant, restriction) -> {
				policies.put(variant, restricted(restriction));
				Set<String> names = new LinkedHashSet<>(this.unrestricted.keySchema().keyAttributes());
				names.addAll(restriction.attributes());
				attributes.put(variant, Collections.unmodifiableSet(names));
			});
			return new ColumnRestrictions(policies, attributes, this.resolver);
		}

		private TenancyPolicies restricted(ColumnRestriction restriction) {
			TenancyPoliciesBuilder builder = TenancyPolicies.builder()
				.arns(this.unrestricted.arns())
				.keySchema(this.unrestricted.keySchema())
				.keyTemplate(this.unrestricted.keyTemplate())
				.actions(this.unrestricted.actions())
				.tenantTagKey(this.unrestricted.tenantTagKey())
				.tenantTables(this.unrestricted.tenantTables())
				.columnRestriction(restriction);
			String applicationPrincipalArn = this.unrestricted.applicationPrincipalArn();
			if (applicationPrincipalArn != null) {
				builder.applicationPrincipalArn(applicationPrincipalArn);
			}
			return builder.build();
		}

	}

}
