package dev.tenancy.keys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ResourceArns}.
 *
 * @author tenancy
 */
class ResourceArnsTests {

	final ResourceArns arns = ResourceArns.of("aws-cn", "cn-north-1", "123456789012");

	@Test
	void tableAndIndexArns() {
		assertThat(this.arns.table("Projects")).isEqualTo("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/Projects");
		assertThat(this.arns.index("Projects", "GSI_1.x-y"))
			.isEqualTo("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/Projects/index/GSI_1.x-y");
		assertThat(this.arns).isEqualTo(ResourceArns.of("aws-cn", "cn-north-1", "123456789012"));
		assertThat(this.arns.partition()).isEqualTo("aws-cn");
		assertThat(this.arns.region()).isEqualTo("cn-north-1");
		assertThat(this.arns.accountId()).isEqualTo("123456789012");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ab", "Pro*", "Pro?x", "a/b", "tab le", "${aws:username}", "T\u00e4ble" })
	void invalidNamesAreRejected(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> this.arns.table(name))
			.withMessageStartingWith("Invalid table name '")
			.withMessageEndingWith("a DynamoDB table name is 3 to 255 characters of letters, digits, '_', '.' and '-'.");
		assertThatIllegalArgumentException().isThrownBy(() -> this.arns.index("Projects", name))
			.withMessageStartingWith("Invalid index name '");
	}

	@Test
	void invalidPartsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceArns.of("aws", "eu-central-1", "1234"))
			.withMessage("Invalid account id '1234': an AWS account id is exactly 12 digits.");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceArns.of("AWS", "eu-central-1", "123456789012"))
			.withMessage("Invalid partition 'AWS': expected lower-case letters, digits and '-', for example 'aws'.");
		assertThatIllegalArgumentException().isThrownBy(() -> ResourceArns.of("aws", "", "123456789012"))
			.withMessage("The region must not be empty; expected lower-case letters, digits and '-', for example "
					+ "'eu-central-1'.");
	}

}
