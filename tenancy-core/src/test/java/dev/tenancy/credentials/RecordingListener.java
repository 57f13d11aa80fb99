package dev.tenancy.credentials;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import dev.tenancy.context.TenantId;

/**
 * A {@link TenantCredentialsListener} that records every call.
 */
final class RecordingListener implements TenantCredentialsListener {

	record Event(TenantId tenant, Duration latency, @Nullable Throwable failure) {
	}

	final List<Event> events = new CopyOnWriteArrayList<>();

	@Override
	public void onAssumeRole(TenantId tenant, Duration latency, @Nullable Throwable failure) {
		this.events.add(new Event(tenant, latency, failure));
	}

	long successes() {
		return this.events.stream().filter((event) -> event.failure() == null).count();
	}

	long failures() {
		return this.events.stream().filter((event) -> event.failure() != null).count();
	}

}
