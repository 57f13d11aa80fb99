package dev.tenancy.sample.web;

import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Window;

/**
 * One page of a keyset-paged list: the items and, when there are more, the cursor of the next page (pass it as
 * {@code cursor}).
 *
 * @param items the items of this page
 * @param next the cursor of the next page, absent on the last page
 * @param <T> the item type
 * @author tenancy
 * @since 0.1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageView<T>(List<T> items, @Nullable String next) {

	/**
	 * @param items the items, copied
	 * @param next the cursor of the next page
	 */
	public PageView {
		items = List.copyOf(items);
	}

	static <E, T> PageView<T> of(Window<E> window, Function<E, T> view, Cursors cursors) {
		return new PageView<>(window.map(view).getContent(), cursors.next(window));
	}

}
