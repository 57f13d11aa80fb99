package dev.tenancy.autoconfigure;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Token vending ({@code tenancy.sts.*}): the tenant role and its STS sessions (isolation mode 'iam').
 *
 * @author tenancy
 * @since 0.1
 */
public class StsProperties {

	/**
	 * ARN of the IAM role assumed for every tenant, for example 'arn:aws:iam::123456789012:role/tenant-data'.
	 * Required in isolation mode 'iam'.
	 */
	private @Nullable String roleArn;

	/**
	 * Duration of each tenant's STS session, from 15 minutes to 12 hours and at most the role's maximum session
	 * duration (1 hour when the application itself runs as a role session).
	 */
	private Duration sessionDuration = Duration.ofHours(1);

	/**
	 * Time before expiry at which a tenant's session is refreshed in the background.
	 */
	private Duration refreshAhead = Duration.ofMinutes(5);

	/**
	 * Time before expiry after which a session is no longer used and requests wait for a new one.
	 */
	private Duration staleTime = Duration.ofMinutes(1);

	/**
	 * Maximum number of tenants whose session is cached; beyond it the least recently used sessions are closed.
	 */
	private long cacheSize = 10000;

	/**
	 * External id required by the tenant role's trust policy, if any.
	 */
	private @Nullable String externalId;

	/**
	 * Endpoint of STS, for example a local STS in tests. When not set, the Region's endpoint.
	 */
	private @Nullable URI endpoint;

	public @Nullable String getRoleArn() {
		return this.roleArn;
	}

	public void setRoleArn(@Nullable String roleArn) {
		this.roleArn = roleArn;
	}

	public Duration getSessionDuration() {
		return this.sessionDuration;
	}

	public void setSessionDuration(Duration sessionDuration) {
		this.sessionDuration = sessionDuration;
	}

	public Duration getRefreshAhead() {
		return this.refreshAhead;
	}

	public void setRefreshAhead(Duration refreshAhead) {
		this.refreshAhead = refreshAhead;
	}

	public Duration getStaleTime() {
		return this.staleTime;
	}

	public void setStaleTime(Duration staleTime) {
		this.staleTime = staleTime;
	}

	public long getCacheSize() {
		return this.cacheSize;
	}

	public void setCacheSize(long cacheSize) {
		this.cacheSize = cacheSize;
	}

	public @Nullable String getExternalId() {
		return this.externalId;
	}

	public void setExternalId(@Nullable String externalId) {
		this.externalId = externalId;
	}

	public @Nullable URI getEndpoint() {
		return this.endpoint;
	}

	public void setEndpoint(@Nullable URI endpoint) {
		this.endpoint = endpoint;
	}

}
