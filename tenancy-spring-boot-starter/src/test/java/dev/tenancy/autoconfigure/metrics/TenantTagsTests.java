package dev.tenancy.autoconfigure.metrics;

import org.junit.jupiter.api.Test;

import dev.tenancy.context.TenantId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link TenantTags}.
 */
class TenantTagsTests {

	@Test
	void tagsTheFirstTenantsWithTheirIdAndLaterOnesAsOther() {
		TenantTags tags = new TenantTags(2);
		assertThat(tags.valueOf(TenantId.of("acme"))).isEqualTo("acme");
		assertThat(tags.valueOf(TenantId.of("globex"))).isEqualTo("globex");
		assertThat(tags.valueOf(TenantId.of("initech"))).isEqualTo(TenantTags.OTHER);
		assertThat(tags.valueOf(TenantId.of("acme"))).isEqualTo("acme");
	}

	@Test
	void unknownTenantAndZeroBoundAreOther() {
		assertThat(new TenantTags(5).valueOf((String) null)).isEqualTo(TenantTags.OTHER);
		assertThat(new TenantTags(0).valueOf(TenantId.of("acme"))).isEqualTo(TenantTags.OTHER);
	}

	@Test
	void otherCannotCollideWithATenantId() {
		assertThatIllegalArgumentException().isThrownBy(() -> TenantId.of(TenantTags.OTHER));
	}

	@Test
	void rejectsANegativeBound() {
		assertThatIllegalArgumentException().isThrownBy(() -> new TenantTags(-1))
			.withMessage("Maximum tenant tags must be zero or more, not '-1'.");
	}

}
