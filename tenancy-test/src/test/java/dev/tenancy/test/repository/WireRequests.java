package dev.tenancy.test.repository;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Records each request of the tenant-scoped client that is about to be sent, with the tenant it was sent for, so
 * that tests can show that a refused call never reached DynamoDB.
 */
public final class WireRequests implements ExecutionInterceptor {

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final List<QueryRequest> queries = new CopyOnWriteArrayList<>();

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		TenantId tenant = TenantContext.currentOrNull();
		this.requests.add(executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " " + tenant);
		if (context.request() instanceof QueryRequest query) {
			this.queries.add(query);
		}
	}

	/**
	 * @return the Query requests sent so far, as sent
	 */
	public List<QueryRequest> queries() {
		return List.copyOf(this.queries);
	}

	/**
	 * @return the requests sent so far, as {@code Operation tenant}
	 */
	public List<String> requests() {
		return List.copyOf(this.requests);
	}

	/**
	 * @return how many requests were sent so far
	 */
	public int count() {
		return this.requests.size();
	}

}
