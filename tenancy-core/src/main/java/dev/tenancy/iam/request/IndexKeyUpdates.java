package dev.tenancy.iam.request;

import java.util.ArrayList;
import java.util.List;

import dev.tenancy.iam.request.UpdateActions.UpdateAction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What the {@code UpdateExpression}s of one request do to index partition keys, as
 * {@link DynamoDbRequestContextExtractor#extract(String, JsonNode, IndexKeyUpdates)} finds it while it reads them, for
 * {@link IndexKeyConfinement#check(dev.tenancy.context.TenantId, String, JsonNode, IndexKeyUpdates)}: so the rule
 * does not read an expression a second time. For each update of the request (an {@code UpdateItem}, or an
 * {@code Update} of {@code TransactWriteItems}) whose expression refers to index partition keys only as plain
 * {@code SET} targets of a value placeholder, it holds those actions; for any other
 * update it holds nothing, and the rule parses that expression itself. An entry applies only to the very request
 * object, expression and names it was found for.
 * <p>
 * Create one per request and use it for that request only; not thread-safe.
 *
 * @author tenancy
 * @since 0.2
 */
public final class IndexKeyUpdates {

	/** The first update's entry (most requests have one update), or {@literal null}. */
	private @Nullable Entry first;

	/** The entries of further updates, or {@literal null}. */
	private @Nullable List<Entry> more;

	void record(JsonNode request, String expression, @Nullable JsonNode names, List<UpdateAction> actions) {
		Entry entry = new Entry(request, expression, names, actions);
		if (this.first == null) {
			this.first = entry;
		}
		else {
			if (this.more == null) {
				this.more = new ArrayList<>();
			}
			this.more.add(entry);
		}
	}

	/**
	 * @param request an update request object
	 * @param expression its {@code UpdateExpression}
	 * @param names its {@code ExpressionAttributeNames}, or {@literal null}
	 * @return the actions on index partition keys found for exactly these, or {@literal null} if none were recorded
	 */
	@Nullable List<UpdateAction> actions(JsonNode request, String expression, @Nullable JsonNode names) {
		if (this.first != null && this.first.isFor(request, expression, names)) {
			return this.first.actions;
		}
		if (this.more != null) {
			for (Entry entry : this.more) {
				if (entry.isFor(request, expression, names)) {
					return entry.actions;
				}
			}
		}
		return null;
	}

	private record Entry(JsonNode request, String expression, @Nullable JsonNode names, List<UpdateAction> actions) {

		/** Whether this entry was made for these very objects (identity, not equality). */
		boolean isFor(JsonNode request, String expression, @Nullable JsonNode names) {
			return this.request == request && this.expression == expression && this.names == names;
		}

	}

}
