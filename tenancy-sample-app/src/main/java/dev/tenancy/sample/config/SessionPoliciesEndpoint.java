package dev.tenancy.sample.config;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.stereotype.Component;

import dev.tenancy.context.InvalidTenantIdException;
import dev.tenancy.context.TenantId;
import dev.tenancy.sample.security.ColumnAccess;

/**
 * The {@code sessionpolicies} Actuator endpoint: {@code GET /actuator/sessionpolicies/{tenant}} returns both session
 * policies of a tenant, as passed to STS, keyed by column access: {@code FULL} (administrators) and
 * {@code RESTRICTED} (regular users). The starter's {@code tenancy} endpoint shows the role's ceiling and trust
 * policies and the unrestricted session policy.
 *
 * @author tenancy
 * @since 0.1
 */
@Component
@Endpoint(id = "sessionpolicies")
public class SessionPoliciesEndpoint {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
	};

	private final RoleSessionPolicies policies;

	/**
	 * @param policies the session policies per column access
	 */
	public SessionPoliciesEndpoint(RoleSessionPolicies policies) {
		this.policies = policies;
	}

	/**
	 * @param tenant the tenant id
	 * @return the tenant's session policies by column access
	 */
	@ReadOperation
	public Map<String, Object> sessionPolicies(@Selector String tenant) {
		TenantId tenantId;
		try {
			tenantId = TenantId.of(tenant);
		}
		catch (InvalidTenantIdException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), "Invalid tenant id");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		for (ColumnAccess access : ColumnAccess.values()) {
			result.put(access.name(), JSON.readValue(this.policies.policies(access).sessionPolicyJson(tenantId), MAP));
		}
		return result;
	}

}
