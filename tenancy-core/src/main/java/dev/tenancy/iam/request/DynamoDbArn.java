package dev.tenancy.iam.request;

import java.util.Arrays;

import dev.tenancy.context.Printable;
import dev.tenancy.keys.ResourceArns;
import org.jspecify.annotations.Nullable;

/**
 * A well-formed DynamoDB resource ARN as a request names it:
 * {@code arn:<partition>:dynamodb:<region>:<account>:table/<table>}, optionally followed by {@code /index/<index>},
 * {@code /stream/<label>}, {@code /backup/<name>}, {@code /export/<name>} or {@code /import/<name>}. Anything else is
 * refused, because an ARN the evaluator cannot read could slip past a Deny that names the table.
 *
 * @param arn the ARN as given
 * @param table the table name
 * @param kind {@link #TABLE}, {@link #INDEX}, {@link #STREAM}, {@link #BACKUP}, {@link #EXPORT} or {@link #IMPORT}
 * @author tenancy
 * @since 0.1
 */
record DynamoDbArn(String arn, String table, String kind) {

	static final String TABLE = "table";

	static final String INDEX = "index";

	static final String STREAM = "stream";

	static final String BACKUP = "backup";

	static final String EXPORT = "export";

	static final String IMPORT = "import";

	private static final int MAX_LABEL_LENGTH = 255;

	/**
	 * Parse an ARN from a request.
	 * @param text the ARN
	 * @param field the request parameter it came from, for messages
	 * @param kinds the kinds of resource the parameter may name
	 * @return the parsed ARN
	 * @throws IllegalArgumentException if it is not a well-formed DynamoDB ARN of one of the kinds
	 */
	static DynamoDbArn parse(String text, String field, String... kinds) {
		String[] parts = text.split(":", 6);
		boolean valid = parts.length == 6 && "arn".equals(parts[0]) && isSegment(parts[1])
				&& "dynamodb".equals(parts[2]) && isSegment(parts[3]) && isAccount(parts[4])
				&& parts[5].startsWith("table/");
		DynamoDbArn parsed = valid ? resource(text, parts[5].substring("table/".length())) : null;
		if (parsed == null || !Arrays.asList(kinds).contains(parsed.kind)) {
			throw new IllegalArgumentException(String.format("The %s '%s' is not a DynamoDB %s ARN "
					+ "(arn:<partition>:dynamodb:<region>:<account>:table/<name>%s), so its resource cannot be "
					+ "determined and the request is refused.", field, Printable.of(text), String.join(" or ", kinds),
					(kinds.length == 1 && TABLE.equals(kinds[0])) ? "" : "/<kind>/<name>"));
		}
		return parsed;
	}

	/**
	 * The table a {@code TableName} parameter names: a table name, or a table ARN.
	 * @param nameOrArn the parameter
	 * @param arns partition, Region and account for a plain name
	 * @return the table ARN
	 * @throws IllegalArgumentException if it is neither a valid table name nor a table ARN
	 */
	static DynamoDbArn table(String nameOrArn, ResourceArns arns) {
		if (nameOrArn.startsWith("arn:")) {
			return parse(nameOrArn, "TableName", TABLE);
		}
		return new DynamoDbArn(arns.table(nameOrArn), nameOrArn, TABLE);
	}

	private static @Nullable DynamoDbArn resource(String arn, String path) {
		int slash = path.indexOf('/');
		if (slash < 0) {
			return ResourceArns.isValidName(path) ? new DynamoDbArn(arn, path, TABLE) : null;
		}
		String table = path.substring(0, slash);
		String rest = path.substring(slash + 1);
		int next = rest.indexOf('/');
		if (!ResourceArns.isValidName(table) || next < 0) {
			return null;
		}
		String kind = rest.substring(0, next);
		String label = rest.substring(next + 1);
		boolean valid = switch (kind) {
			case INDEX -> ResourceArns.isValidName(label);
			case STREAM, BACKUP, EXPORT, IMPORT -> isLabel(label);
			default -> false;
		};
		return valid ? new DynamoDbArn(arn, table, kind) : null;
	}

	private static boolean isSegment(String segment) {
		if (segment.isEmpty()) {
			return false;
		}
		for (int i = 0; i < segment.length(); i++) {
			char c = segment.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAccount(String account) {
		if (account.length() != 12) {
			return false;
		}
		for (int i = 0; i < account.length(); i++) {
			if (account.charAt(i) < '0' || account.charAt(i) > '9') {
				return false;
			}
		}
		return true;
	}

	private static boolean isLabel(String label) {
		if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH) {
			return false;
		}
		for (int i = 0; i < label.length(); i++) {
			char c = label.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
					|| c == '-' || c == ':')) {
				return false;
			}
		}
		return true;
	}

}
