package dev.tenancy.test.dynamodb;

import java.net.URI;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * DynamoDB Local in a Docker container ({@code amazon/dynamodb-local}) started with Testcontainers, with one shared
 * in-memory database and telemetry disabled. Use it where a test should run against the published image instead of
 * the in-process server; it needs {@code org.testcontainers:testcontainers} on the test classpath (an optional
 * dependency of this module) and a reachable Docker engine ({@link #isDockerAvailable()}).
 *
 * @author tenancy
 * @since 0.1
 */
public final class ContainerDynamoDbLocal implements LocalDynamoDb {

	/** The image used by {@link #start()}, the same DynamoDB Local version as the in-process server. */
	public static final String DEFAULT_IMAGE = "amazon/dynamodb-local:2.6.1";

	private static final int CONTAINER_PORT = 8000;

	private final GenericContainer<?> container;

	private final URI endpoint;

	private ContainerDynamoDbLocal(String image) {
		GenericContainer<?> created = new GenericContainer<>(DockerImageName.parse(image));
		created.withExposedPorts(CONTAINER_PORT);
		created.withCommand("-jar", "DynamoDBLocal.jar", "-inMemory", "-sharedDb", "-disableTelemetry");
		created.waitingFor(Wait.forListeningPort());
		created.start();
		this.container = created;
		this.endpoint = URI.create("http://" + created.getHost() + ":" + created.getMappedPort(CONTAINER_PORT));
	}

	/**
	 * Whether containers can be started: Testcontainers is on the classpath and finds a Docker engine.
	 * @return {@code true} if {@link #start()} can work
	 */
	public static boolean isDockerAvailable() {
		try {
			Class.forName("org.testcontainers.DockerClientFactory", false,
					ContainerDynamoDbLocal.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
		return Docker.available();
	}

	/**
	 * Start {@value #DEFAULT_IMAGE}.
	 * @return the running container
	 * @throws IllegalStateException if no Docker engine is available
	 */
	public static ContainerDynamoDbLocal start() {
		return start(DEFAULT_IMAGE);
	}

	/**
	 * Start a DynamoDB Local image.
	 * @param image the image name, for example {@code amazon/dynamodb-local:2.6.1}
	 * @return the running container
	 * @throws IllegalStateException if no Docker engine is available
	 */
	public static ContainerDynamoDbLocal start(String image) {
		if (!isDockerAvailable()) {
			throw new IllegalStateException(String.format("Cannot start '%s': Testcontainers finds no Docker engine. "
					+ "Use InProcessDynamoDbLocal instead, or start Docker.", image));
		}
		return new ContainerDynamoDbLocal(image);
	}

	@Override
	public URI endpoint() {
		return this.endpoint;
	}

	@Override
	public void close() {
		this.container.stop();
	}

	@Override
	public String toString() {
		return "ContainerDynamoDbLocal[" + this.endpoint + "]";
	}

	private static final class Docker {

		private Docker() {
		}

		static boolean available() {
			return DockerClientFactory.instance().isDockerAvailable();
		}

	}

}
