package dev.tenancy.dynamodb;

import java.io.Serial;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * A DynamoDB failure that maps to no more specific {@link org.springframework.dao.DataAccessException}.
 *
 * @author tenancy
 * @since 0.1
 */
public class UncategorizedDynamoDbException extends UncategorizedDataAccessException {

	@Serial
	private static final long serialVersionUID = 1L;

	/**
	 * @param message the detail message
	 * @param cause the SDK exception
	 */
	public UncategorizedDynamoDbException(String message, Throwable cause) {
		super(message, cause);
	}

}
