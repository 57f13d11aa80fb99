package dev.tenancy.repository.query;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.core.TenancyOperations;
import dev.tenancy.core.TenancyQuery;

/**
 * The {@code Stream} result of a derived query: it reads the query's results a page at a time, as the stream is
 * consumed, through keyset windows of {@link TenancyOperations#scroll}. The first page is read when the query method
 * is called, in the caller's tenant scope, so that a denial or a missing tenant surfaces there.
 * <p>
 * The stream keeps the tenant of the caller: each later page is read in a scope of that tenant, so it may be consumed
 * after the repository call returned (for example by a web layer writing a response). It can never read for another
 * tenant: consuming it on a thread bound to a different tenant fails with
 * {@link dev.tenancy.context.TenantScopeConflictException} before any request is sent. Closing the stream (or
 * exhausting it) stops it; no page is read afterwards.
 *
 * @param <T> the entity type
 * @author tenancy
 * @since 0.2
 */
final class TenantScopedStream<T> implements Iterator<T> {

	/** Items per page when the query has no smaller limit. */
	static final int PAGE_SIZE = 100;

	private final TenancyOperations operations;

	private final TenancyQuery query;

	private final Class<T> type;

	private final TenantId tenant;

	private final int pageSize;

	private final long maximum;

	private Window<T> window;

	private int index;

	private long returned;

	private volatile boolean closed;

	private TenantScopedStream(TenancyOperations operations, TenancyQuery query, Class<T> type, TenantId tenant) {
		this.operations = operations;
		this.query = query;
		this.type = type;
		this.tenant = tenant;
		Limit limit = query.limit();
		this.maximum = limit.isLimited() ? limit.max() : Long.MAX_VALUE;
		this.pageSize = (int) Math.min(this.maximum, PAGE_SIZE);
		this.window = read(ScrollPosition.keyset());
	}

	/**
	 * Read the first page in the caller's tenant scope and return the stream of all results.
	 * @param operations the template
	 * @param query the query
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the stream
	 * @throws dev.tenancy.context.MissingTenantException if no tenant is bound
	 */
	static <T> Stream<T> of(TenancyOperations operations, TenancyQuery query, Class<T> type) {
		TenantId tenant = TenantContext.require("streaming the results of a tenant-scoped query");
		TenantScopedStream<T> pages = new TenantScopedStream<>(operations, query, type, tenant);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(pages::close);
	}

	@Override
	public boolean hasNext() {
		if (this.closed || this.returned >= this.maximum) {
			return false;
		}
		if (this.index < this.window.size()) {
			return true;
		}
		if (!this.window.hasNext() || this.window.isEmpty()) {
			close();
			return false;
		}
		this.window = read(this.window.positionAt(this.window.size() - 1));
		this.index = 0;
		return hasNext();
	}

	@Override
	public T next() {
		if (!hasNext()) {
			throw new NoSuchElementException("The stream of tenant '" + this.tenant + "' has no more results.");
		}
		this.returned++;
		return this.window.getContent().get(this.index++);
	}

	@SuppressWarnings("try") // the scope is opened for its effect on the thread
	private Window<T> read(ScrollPosition position) {
		TenancyQuery page = this.query.withLimit(Limit.of(this.pageSize));
		try (TenantScope scope = TenantContext.open(this.tenant)) {
			return this.operations.scroll(page, position, this.type);
		}
	}

	private void close() {
		this.closed = true;
		this.window = Window.from(List.of(), (position) -> ScrollPosition.keyset());
	}

}
