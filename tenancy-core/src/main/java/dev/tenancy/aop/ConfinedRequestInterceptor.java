package dev.tenancy.aop;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The execution interceptor of the SDK client behind a {@link CrossTenantAccess}: in
 * {@link #beforeExecution(Context.BeforeExecution, ExecutionAttributes) beforeExecution}, which the synchronous client
 * runs on the thread that sends the request, it refuses the request unless a {@link dev.tenancy.annotation.CrossTenant}
 * call that unlocks this access runs there, and refuses request overrides that could replace the access's credentials
 * or checks. It backs up the {@link ConfinedCredentialsProvider}, which refuses first.
 *
 * @author tenancy
 * @since 0.1
 */
final class ConfinedRequestInterceptor implements ExecutionInterceptor {

	private final String access;

	ConfinedRequestInterceptor(String access) {
		this.access = access;
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
		String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		CrossTenantCall.requireUnlocked(this.access, "DynamoDB " + operation);
		CrossTenantAccess.refuseUnsafeOverrides(this.access, operation, context.request());
	}

	@Override
	public String toString() {
		return "ConfinedRequestInterceptor[" + this.access + "]";
	}

}
