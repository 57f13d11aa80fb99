package dev.tenancy.test.sts;

/**
 * How {@link LocalSts} fails during a simulated outage ({@link StsFaults#outage(StsOutage)}).
 *
 * @author tenancy
 * @since 0.1
 */
public enum StsOutage {

	/** The listener is closed: connections are refused ({@link java.net.ConnectException} in clients). */
	CONNECTION_REFUSED,

	/** Every request is answered with HTTP 503 and the error code {@code ServiceUnavailable}. */
	SERVICE_UNAVAILABLE

}
