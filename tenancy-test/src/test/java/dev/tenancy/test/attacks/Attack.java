package dev.tenancy.test.attacks;

import java.util.function.Consumer;

import dev.tenancy.context.TenantId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One row of the attack matrix: a threat id (TH-n), what the attacker does with a DynamoDB client, and how each wall
 * must name the denial.
 *
 * @param threat the threat id, for example {@code TH-1}
 * @param description what the attack does
 * @param tenant the attacking tenant: its scope (guard) or its STS session (gateway)
 * @param grant which generated grant the attacker holds
 * @param guardAction the action the guard's denial names
 * @param guardResource the resource the guard's denial names
 * @param iamAction the action IAM's {@code AccessDeniedException} names
 * @param iamResource the resource IAM's {@code AccessDeniedException} names
 * @param call the attack
 * @author tenancy
 * @since 0.1
 */
record Attack(String threat, String description, TenantId tenant, Grant grant, String guardAction,
		String guardResource, String iamAction, String iamResource, Consumer<DynamoDbClient> call) {

	/**
	 * An attack both walls must deny naming the same action and resource.
	 * @param threat the threat id
	 * @param description what the attack does
	 * @param tenant the attacking tenant
	 * @param action the denied action
	 * @param resource the denied resource
	 * @param call the attack
	 * @return the attack, with the tenant's full grant
	 */
	static Attack of(String threat, String description, String tenant, String action, String resource,
			Consumer<DynamoDbClient> call) {
		return new Attack(threat, description, TenantId.of(tenant), Grant.TENANT, action, resource, action, resource,
				call);
	}

	/**
	 * @param action the action the guard names instead (Scan and PartiQL are refused before policy evaluation)
	 * @param resource the resource the guard names instead
	 * @return a copy
	 */
	Attack guardNames(String action, String resource) {
		return new Attack(this.threat, this.description, this.tenant, this.grant, action, resource, this.iamAction,
				this.iamResource, this.call);
	}

	/**
	 * @return a copy run with the column-restricted grant
	 */
	Attack columnRestricted() {
		return new Attack(this.threat, this.description, this.tenant, Grant.COLUMN_RESTRICTED, this.guardAction,
				this.guardResource, this.iamAction, this.iamResource, this.call);
	}

	@Override
	public String toString() {
		return this.threat + " " + this.description;
	}

	/**
	 * The generated grant an attacker holds.
	 */
	enum Grant {

		/** The tenant's full data-plane grant. */
		TENANT,

		/** The grant with a {@link dev.tenancy.iam.policy.ColumnRestriction} (TH-12). */
		COLUMN_RESTRICTED

	}

}
