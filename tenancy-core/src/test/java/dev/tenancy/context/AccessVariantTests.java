package dev.tenancy.context;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AccessVariantTests {

	@Test
	void roleSessionNamesNameTheVariant() {
		TenantId acme = TenantId.of("acme");
		assertThat(AccessVariant.UNRESTRICTED.roleSessionName(acme)).isEqualTo("tenant-acme");
		assertThat(AccessVariant.of("restricted").roleSessionName(acme)).isEqualTo("restricted-acme");
		assertThat(AccessVariant.of("unrestricted")).isEqualTo(AccessVariant.UNRESTRICTED);
		assertThat(AccessVariant.of("restricted").restricted()).isTrue();
		assertThat(AccessVariant.UNRESTRICTED.restricted()).isFalse();
	}

	@Test
	void theLongestNamesFitARoleSessionName() {
		String longestTenant = "t".repeat(TenantId.MAX_LENGTH);
		String longestVariant = "v".repeat(AccessVariant.MAX_LENGTH);
		assertThat(AccessVariant.of(longestVariant).roleSessionName(TenantId.of(longestTenant))).hasSize(64);
		assertThat(AccessVariant.UNRESTRICTED.roleSessionName(TenantId.of(longestTenant))).hasSizeLessThanOrEqualTo(64);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "tenant", "Restricted", "1st", "read-only", "read.only", "read_only",
			"vvvvvvvvvvvvvvvv", "r\u0435stricted" })
	void namesThatCouldBeMistakenOrDoNotFitAreRefused(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> AccessVariant.of(name))
			.withMessageContaining("is not valid");
	}

}
