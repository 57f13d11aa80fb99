package dev.tenancy.test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.tenancy.context.TenantId;
import dev.tenancy.test.fixtures.TestItem;
import dev.tenancy.test.sts.StsOutage;
import dev.tenancy.test.support.DaemonThreadFactory;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests that a stopped {@link TenancyTestKit} leaves no open ports and none of its threads behind.
 */
class TenancyTestKitShutdownTests {

	@Test
	void stopClosesEveryPortAndEndsEveryThread() throws Exception {
		Set<Thread> nonDaemonBefore = nonDaemonThreads();
		TenancyTestKit kit = TenancyTestKit.builder().start();
		String prefix = DaemonThreadFactory.PREFIX + kit.name() + "-";
		List<URI> endpoints = List.of(kit.dynamoDbEndpoint(), kit.dynamoDbLocalEndpoint(), kit.stsEndpoint());
		exercise(kit);
		assertThat(threadsNamed(prefix)).isNotEmpty();
		assertThat(endpoints).allSatisfy((endpoint) -> assertThat(accepts(endpoint)).isTrue());

		kit.close();

		assertThat(kit.isRunning()).isFalse();
		assertThat(endpoints).allSatisfy((endpoint) -> assertThat(accepts(endpoint)).as(endpoint.toString()).isFalse());
		awaitNoThreadsNamed(prefix);
		Set<Thread> leaked = nonDaemonThreads();
		leaked.removeAll(nonDaemonBefore);
		assertThat(leaked).as("non-daemon threads started by the kit").isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> kit.dynamoDbClientFor(TenantId.of("late"), null));
		kit.close();
	}

	private static void exercise(TenancyTestKit kit) {
		kit.createTable("ShutdownItems", TestItem.SCHEMA);
		DynamoDbClient acme = kit.dynamoDbClientFor(TenantId.of("acme"), null);
		DynamoDbEnhancedClient.builder().dynamoDbClient(acme).build().table("ShutdownItems", TestItem.SCHEMA)
			.putItem(TestItem.of("TENANT#acme", "ITEM#1", "x"));
		assertThat(DynamoDbEnhancedClient.builder().dynamoDbClient(kit.dynamoDbLocalClient()).build()
			.table("ShutdownItems", TestItem.SCHEMA)
			.getItem(Key.builder().partitionValue("TENANT#acme").sortValue("ITEM#1").build())
			.payload()).isEqualTo("x");
		kit.sts().faults().outage(StsOutage.CONNECTION_REFUSED);
		kit.sts().faults().endOutage();
	}

	private static boolean accepts(URI endpoint) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 2000);
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unexpected failure connecting to " + endpoint, ex);
		}
	}

	private static void awaitNoThreadsNamed(String prefix) throws InterruptedException {
		for (int i = 0; i < 100 && !threadsNamed(prefix).isEmpty(); i++) {
			Thread.sleep(100);
		}
		assertThat(threadsNamed(prefix)).as("threads of the stopped kit").isEmpty();
	}

	private static List<String> threadsNamed(String prefix) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.sorted()
			.toList();
	}

	private static Set<Thread> nonDaemonThreads() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.isAlive() && !thread.isDaemon())
			.collect(Collectors.toSet());
	}

}
