package dev.tenancy.core;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.tenancy.dynamodb.EnforcementLayer;
import dev.tenancy.dynamodb.TenantAccessDeniedException;
import dev.tenancy.keys.TenantKeyTemplate;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The read-side check (TH-14): an item whose partition key (and, for an index read, index key) does not belong to
 * the scope's tenant never reaches the caller; the read fails and the {@link TenantReadCheckListener} is told.
 */
final class ReadSideCheck {

	private static final Log logger = LogFactory.getLog(ReadSideCheck.class);

	private final TenantKeyTemplate keyTemplate;

	private final TenantReadCheckListener listener;

	ReadSideCheck(TenantKeyTemplate keyTemplate, TenantReadCheckListener listener) {
		this.keyTemplate = keyTemplate;
		this.listener = listener;
	}

	void check(TenantEntityMetadata<?> metadata, Map<String, AttributeValue> item, TenantKeys keys, String operation,
			@Nullable TenantIndexMetadata index) {
		AttributeValue partitionKey = item.get(metadata.partitionKeyAttribute());
		boolean own = partitionKey != null && keys.partitionKey().equals(partitionKey.s());
		if (own && index != null) {
			AttributeValue indexKey = item.get(index.partitionKeyAttribute());
			own = indexKey != null && indexKey.s() != null && this.keyTemplate.belongsTo(indexKey.s(), keys.tenant());
		}
		if (own) {
			return;
		}
		String indexName = (index != null) ? index.name() : null;
		try {
			this.listener.onForeignItem(keys.tenant(), operation, keys.table(metadata), indexName);
		}
		catch (RuntimeException ex) {
			logger.warn("TenantReadCheckListener failed; the foreign item is withheld regardless", ex);
		}
		String resource = (indexName != null) ? "table/" + keys.table(metadata) + "/index/" + indexName
				: "table/" + keys.table(metadata);
		throw new TenantAccessDeniedException(keys.tenant().value(), "dynamodb:" + operation, resource,
				EnforcementLayer.READ_CHECK, "DynamoDB returned an item whose partition key does not belong to the "
						+ "tenant; the item was withheld and the read failed. Check the table's key schema and index "
						+ "definitions.",
				null);
	}

}
