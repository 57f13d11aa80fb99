package dev.tenancy.autoconfigure.metrics;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * Requests for the metrics tests.
 */
final class TenancyMetricsTestSupport {

	private TenancyMetricsTestSupport() {
	}

	static GetItemRequest getItem(String table, String keyTenant) {
		return GetItemRequest.builder()
			.tableName(table)
			.key(Map.of("pk", AttributeValue.fromS("TENANT#" + keyTenant), "sk", AttributeValue.fromS("PROJECT#1")))
			.build();
	}

}
