package dev.tenancy.test.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpServer} bound to the loopback interface, served by daemon threads named {@code tenancy-test-*}.
 * <p>
 * The listener can be {@linkplain #suspend() suspended} (connections are then refused, as with a service outage) and
 * {@linkplain #resume() resumed} on the same port. The JDK's dispatcher thread is started from a daemon thread, so it
 * is a daemon as well; it ends with {@link #close()}.
 *
 * @author tenancy
 * @since 0.1
 */
public final class LoopbackHttpServer implements AutoCloseable {

	private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

	private static final int REBIND_ATTEMPTS = 50;

	private final DaemonThreadFactory threads;

	private final HttpHandler handler;

	private final ExecutorService executor;

	private final int port;

	private final Object monitor = new Object();

	private @Nullable HttpServer server;

	private boolean closed;

	private LoopbackHttpServer(DaemonThreadFactory threads, HttpHandler handler, int requestedPort) {
		this.threads = threads;
		this.handler = handler;
		this.executor = Executors.newCachedThreadPool(threads);
		try {
			HttpServer bound = bind(requestedPort);
			this.server = bound;
			this.port = bound.getAddress().getPort();
		}
		catch (IOException ex) {
			this.executor.shutdownNow();
			throw new UncheckedIOException(String.format("Cannot start '%s' on loopback port %d.", threads.prefix(),
					requestedPort), ex);
		}
	}

	/**
	 * Bind and start a server.
	 * @param threads the factory for the request threads (its prefix also names the server in messages)
	 * @param port the port, or {@code 0} for a free one chosen by the operating system
	 * @param handler the handler for every path
	 * @return the started server
	 */
	public static LoopbackHttpServer start(DaemonThreadFactory threads, int port, HttpHandler handler) {
		return new LoopbackHttpServer(threads, handler, port);
	}

	/**
	 * @return the bound port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * @return {@code http://127.0.0.1:<port>}
	 */
	public URI uri() {
		return URI.create("http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + this.port);
	}

	/**
	 * Stop listening: new connections are refused and open ones are closed, until {@link #resume()}.
	 */
	public void suspend() {
		synchronized (this.monitor) {
			HttpServer current = this.server;
			this.server = null;
			if (current != null) {
				current.stop(0);
			}
		}
	}

	/**
	 * Listen again on the same port after {@link #suspend()}.
	 * @throws IllegalStateException if the port was taken by someone else in the meantime
	 */
	public void resume() {
		synchronized (this.monitor) {
			if (this.closed) {
				throw new IllegalStateException(String.format("Server '%s' is closed.", this.threads.prefix()));
			}
			if (this.server != null) {
				return;
			}
			for (int attempt = 1;; attempt++) {
				try {
					this.server = bind(this.port);
					return;
				}
				catch (BindException ex) {
					if (attempt == REBIND_ATTEMPTS) {
						throw new IllegalStateException(String.format("Cannot listen again on port %d for '%s': the "
								+ "port is in use.", this.port, this.threads.prefix()), ex);
					}
					pause();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
	}

	/**
	 * @return whether the server accepts connections
	 */
	public boolean isListening() {
		synchronized (this.monitor) {
			return this.server != null;
		}
	}

	private HttpServer bind(int port) throws IOException {
		enableNoDelay();
		HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		created.createContext("/", this.handler);
		created.setExecutor(this.executor);
		startOnDaemonThread(created);
		return created;
	}

	/**
	 * The JDK HTTP server reads {@code sun.net.httpserver.nodelay} once, when its first server is created. Without
	 * TCP_NODELAY, Nagle's algorithm against delayed ACKs on loopback makes every request wait about 40 ms; the kit
	 * turns it on unless the JVM was started with an explicit value.
	 */
	private static void enableNoDelay() {
		if (System.getProperty(NODELAY_PROPERTY) == null) {
			System.setProperty(NODELAY_PROPERTY, "true");
		}
	}

	private void startOnDaemonThread(HttpServer created) {
		// The JDK dispatcher thread inherits the daemon flag of the thread that calls start().
		Thread starter = this.threads.newThread(created::start);
		starter.start();
		try {
			starter.join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while starting " + this.threads.prefix(), ex);
		}
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a port", ex);
		}
	}

	/**
	 * Stop the server and its threads. Idempotent.
	 */
	@Override
	public void close() {
		synchronized (this.monitor) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		suspend();
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
