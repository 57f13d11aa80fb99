package dev.tenancy.test.dynamodb;

import java.net.InetAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBClient;
import com.amazonaws.services.dynamodbv2.local.shared.access.sqlite.SQLiteDBAccess;
import com.amazonaws.services.dynamodbv2.local.shared.jobs.JobsRegister;
import dev.tenancy.test.support.DaemonThreadFactory;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * DynamoDB Local ({@code com.amazonaws:DynamoDBLocal}) running inside this JVM as an HTTP server on a loopback port,
 * with one shared in-memory database (the equivalent of {@code -inMemory -sharedDb}); telemetry is never enabled.
 * <p>
 * The server is assembled from DynamoDB Local's own request handlers on a Jetty server of our own instead of
 * {@code ServerRunner.createServerFromCommandLineArgs}, because that entry point binds all network interfaces, rejects
 * port 0, prints to standard output, and leaves a non-daemon background thread sleeping for minutes after
 * {@code stop()}. Here the connector binds {@code 127.0.0.1} (port 0 picks a free port, so there is no bind race),
 * every thread is a daemon named {@code tenancy-test-<name>-…}, and {@link #close()} interrupts DynamoDB Local's
 * background jobs.
 * <p>
 * DynamoDB Local 2.6 still stores data with SQLite through sqlite4java, also in memory, but it ships the native
 * libraries for Linux, macOS and Windows (x86, x86_64, aarch64) inside its jar and extracts and loads them itself, into
 * {@code org.sqlite.tmpdir} (default {@code java.io.tmpdir}); {@code sqlite4java.library.path} and the separate
 * {@code com.almworks.sqlite4java} native artifacts are not needed. Where the temporary directory is not executable,
 * set {@code org.sqlite.tmpdir}, or point {@code org.sqlite.lib.path} at a directory containing the library.
 *
 * @author tenancy
 * @since 0.1
 */
public final class InProcessDynamoDbLocal implements LocalDynamoDb {

	private static final Log logger = LogFactory.getLog(InProcessDynamoDbLocal.class);

	private final ExecutorService jobs;

	private final LocalDynamoDBServerHandler handler;

	private final Server server;

	private final URI endpoint;

	private boolean closed;

	private InProcessDynamoDbLocal(String threadName, int port) {
		DaemonThreadFactory jobThreads = DaemonThreadFactory.named(threadName + "-jobs");
		this.jobs = Executors.newFixedThreadPool(10, jobThreads);
		LocalDBClient client;
		try {
			client = new LocalDBClient(new SQLiteDBAccess(), new JobsRegister(this.jobs, false));
		}
		catch (RuntimeException | LinkageError ex) {
			this.jobs.shutdownNow();
			throw new IllegalStateException("DynamoDB Local could not open its in-memory SQLite database. If the "
					+ "native SQLite library failed to load, set the system property 'org.sqlite.tmpdir' to a writable "
					+ "directory that allows executing libraries, or 'org.sqlite.lib.path' to a directory containing "
					+ "libsqlite4java.", ex);
		}
		this.handler = new LocalDynamoDBServerHandler(new SharedDatabaseRequestHandler(client), null);
		String prefix = DaemonThreadFactory.named(threadName).prefix();
		QueuedThreadPool threads = new QueuedThreadPool(32, 2);
		threads.setName(prefix);
		threads.setDaemon(true);
		this.server = new Server(threads, new ScheduledExecutorScheduler(prefix + "-scheduler", true), null);
		ServerConnector connector = new ServerConnector(this.server, 1, 1);
		connector.setHost(InetAddress.getLoopbackAddress().getHostAddress());
		connector.setPort(port);
		this.server.addConnector(connector);
		ContextHandler context = new ContextHandler();
		context.setHandler(this.handler);
		this.server.setHandler(new ContextHandlerCollection(context));
		try {
			this.server.start();
		}
		catch (Exception ex) {
			close();
			throw new IllegalStateException(String.format("DynamoDB Local could not listen on loopback port %d.", port),
					ex);
		}
		this.endpoint = URI.create("http://" + connector.getHost() + ":" + connector.getLocalPort());
		if (logger.isDebugEnabled()) {
			logger.debug("DynamoDB Local listening on " + this.endpoint);
		}
	}

	/**
	 * Start DynamoDB Local on a free loopback port.
	 * @return the running instance
	 */
	public static InProcessDynamoDbLocal start() {
		return start("dynamodb-local", 0);
	}

	/**
	 * Start DynamoDB Local.
	 * @param threadName the middle part of its thread names, {@code tenancy-test-<threadName>-…}
	 * @param port the loopback port, or {@code 0} for a free one
	 * @return the running instance
	 */
	public static InProcessDynamoDbLocal start(String threadName, int port) {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException(String.format("Port %d is out of range.", port));
		}
		return new InProcessDynamoDbLocal(threadName, port);
	}

	@Override
	public URI endpoint() {
		return this.endpoint;
	}

	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.server.stop();
		}
		catch (Exception ex) {
			logger.warn("Stopping DynamoDB Local's HTTP server failed", ex);
		}
		this.handler.close();
		this.jobs.shutdownNow();
		try {
			this.jobs.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public String toString() {
		return "InProcessDynamoDbLocal[" + this.endpoint + "]";
	}

}
