package dev.tenancy.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Column restrictions ({@code tenancy.column-restrictions.*}): access variants whose STS sessions may read and write
 * only some attributes of the tenant's items, and which callers get which variant.
 * <pre class="code">
 * tenancy:
 *   column-restrictions:
 *     default-variant: restricted
 *     unrestricted-authorities: ROLE_ADMIN
 *     variants:
 *       restricted:
 *         attributes:
 *           project: name, description, status, version
 *           task: projectId, title, status
 * </pre>
 *
 * @author tenancy
 * @since 0.1
 */
public class ColumnRestrictionsProperties {

	/**
	 * Column-restricted access variants by name (1 to 15 lower-case letters and digits). Each gets its own STS session
	 * policy per tenant, allowing only its attributes (plus the key attributes) and no PutItem or BatchWriteItem;
	 * repositories send projections and write with UpdateItem for its callers.
	 */
	private Map<String, Variant> variants = new LinkedHashMap<>();

	/**
	 * The variant of every caller no authority places, including code without a principal. Required when variants
	 * are declared; must name one of them.
	 */
	private @Nullable String defaultVariant;

	/**
	 * Authorities that give a caller the unrestricted sessions (every attribute), for example ROLE_ADMIN.
	 */
	private List<String> unrestrictedAuthorities = new ArrayList<>();

	public Map<String, Variant> getVariants() {
		return this.variants;
	}

	public void setVariants(Map<String, Variant> variants) {
		this.variants = variants;
	}

	public @Nullable String getDefaultVariant() {
		return this.defaultVariant;
	}

	public void setDefaultVariant(@Nullable String defaultVariant) {
		this.defaultVariant = defaultVariant;
	}

	public List<String> getUnrestrictedAuthorities() {
		return this.unrestrictedAuthorities;
	}

	public void setUnrestrictedAuthorities(List<String> unrestrictedAuthorities) {
		this.unrestrictedAuthorities = unrestrictedAuthorities;
	}

	/**
	 * One column-restricted access variant.
	 */
	public static class Variant {

		/**
		 * The non-key attributes the variant may read and write, per entity (the entity names are labels for
		 * readability; the session policy allows the union). Key and index-key attributes are always allowed.
		 */
		private Map<String, List<String>> attributes = new LinkedHashMap<>();

		/**
		 * Authorities that give a caller this variant. A caller holding authorities of several variants gets the
		 * unrestricted sessions if it holds an unrestricted authority, otherwise the variant declared first.
		 */
		private List<String> authorities = new ArrayList<>();

		public Map<String, List<String>> getAttributes() {
			return this.attributes;
		}

		public void setAttributes(Map<String, List<String>> attributes) {
			this.attributes = attributes;
		}

		public List<String> getAuthorities() {
			return this.authorities;
		}

		public void setAuthorities(List<String> authorities) {
			this.authorities = authorities;
		}

	}

}
