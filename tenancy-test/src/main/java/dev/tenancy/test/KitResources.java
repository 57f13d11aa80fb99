package dev.tenancy.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What a {@link TenancyTestKit} must close: the processes it started, closed in reverse order, and the SDK clients it
 * built, closed first.
 *
 * @author tenancy
 * @since 0.2
 */
final class KitResources {

	private static final Log logger = LogFactory.getLog(TenancyTestKit.class);

	private final String kitName;

	private final List<AutoCloseable> started = new ArrayList<>();

	private final List<SdkAutoCloseable> clients = new ArrayList<>();

	private volatile boolean closed;

	KitResources(String kitName) {
		this.kitName = kitName;
	}

	/**
	 * @param resource a started process or HTTP client, closed after every client and every later resource
	 * @return the resource
	 */
	<T extends AutoCloseable> T register(T resource) {
		synchronized (this.started) {
			this.started.add(resource);
		}
		return resource;
	}

	/**
	 * @param client an SDK client, closed before the registered resources
	 * @return the client
	 * @throws IllegalStateException (after closing the client) if the kit is closed
	 */
	<T extends SdkAutoCloseable> T track(T client) {
		synchronized (this.started) {
			if (this.closed) {
				client.close();
				throw new IllegalStateException(String.format("Tenancy test kit '%s' is closed.", this.kitName));
			}
			this.clients.add(client);
		}
		return client;
	}

	boolean isClosed() {
		return this.closed;
	}

	/**
	 * Close the clients, then the registered resources in reverse order, logging failures.
	 * @return whether this call closed them ({@code false} if they were closed before)
	 */
	boolean close() {
		List<AutoCloseable> toClose;
		synchronized (this.started) {
			if (this.closed) {
				return false;
			}
			this.closed = true;
			toClose = new ArrayList<>(this.clients);
			List<AutoCloseable> resources = new ArrayList<>(this.started);
			Collections.reverse(resources);
			toClose.addAll(resources);
			this.clients.clear();
			this.started.clear();
		}
		for (AutoCloseable resource : toClose) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				logger.warn("Closing " + resource + " failed", ex);
			}
		}
		return true;
	}

}
