package dev.tenancy.test.sts;

/**
 * An STS error response: code, HTTP status, fault type and message, written as STS's XML {@code ErrorResponse}.
 *
 * @author tenancy
 * @since 0.1
 */
final class StsError extends RuntimeException {

	private final String code;

	private final int status;

	private final String type;

	private StsError(String code, int status, String type, String message) {
		super(message, null, false, false);
		this.code = code;
		this.status = status;
		this.type = type;
	}

	static StsError sender(String code, int status, String message) {
		return new StsError(code, status, "Sender", message);
	}

	static StsError receiver(String code, int status, String message) {
		return new StsError(code, status, "Receiver", message);
	}

	static StsError validation(String message) {
		return sender("ValidationError", 400, message);
	}

	static StsError accessDenied(String callerArn, String action, String resource) {
		return sender("AccessDenied", 403, String.format("User: %s is not authorized to perform: %s on resource: %s",
				callerArn, action, resource));
	}

	String code() {
		return this.code;
	}

	int status() {
		return this.status;
	}

	String type() {
		return this.type;
	}

}
