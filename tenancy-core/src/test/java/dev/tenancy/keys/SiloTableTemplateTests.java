package dev.tenancy.keys;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantTier;
import dev.tenancy.context.TenantTierResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SiloTableTemplateTests {

	private static final TenantId ACME = TenantId.of("acme");

	@Test
	void namesTheSiloTableOfAPooledTable() {
		assertThat(SiloTableTemplate.defaultTemplate().tableName("app", ACME)).isEqualTo("app-acme");
		assertThat(SiloTableTemplate.of("silo.{tenant}.{table}").tableName("app", ACME)).isEqualTo("silo.acme.app");
		assertThat(SiloTableTemplate.of("app-{tenant}").tableName("app", ACME)).isEqualTo("app-acme");
	}

	@Test
	void findsTheTenantOfASiloTableAndNoneForOtherTables() {
		SiloTableTemplate template = SiloTableTemplate.defaultTemplate();
		assertThat(template.tenantOf("app", "app-acme")).isEqualTo(ACME);
		assertThat(template.tenantOf("app", "app")).isNull();
		assertThat(template.tenantOf("app", "app-")).isNull();
		assertThat(template.tenantOf("app", "other-acme")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{table}", "{table}-{tenant}-{tenant}", "{table}{table}{tenant}", "app {tenant}",
			"app-{tenant}*", "${aws:x}{tenant}", "{Tenant}-{table}", "" })
	void rejectsTemplatesWithoutExactlyOneTenantOrWithForeignCharacters(String template) {
		assertThatIllegalArgumentException().isThrownBy(() -> SiloTableTemplate.of(template))
			.withMessageContaining("exactly one '{tenant}'");
	}

	@Test
	void rejectsATemplateWithoutTableForSeveralTables() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SiloTableTemplate.of("app-{tenant}").validate(List.of("projects", "tasks")))
			.withMessageContaining("would be one table");
		SiloTableTemplate.of("app-{tenant}").validate(List.of("projects"));
	}

	@Test
	void rejectsAPooledTableThatIsAnotherTablesSiloTable() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SiloTableTemplate.defaultTemplate().validate(List.of("app", "app-acme")))
			.withMessageContaining("names pooled table 'app-acme' as tenant 'acme''s silo table of 'app'");
	}

	@Test
	void rejectsTablesWhoseSiloTablesCouldCoincide() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SiloTableTemplate.of("{table}-{tenant}-silo").validate(List.of("app", "app-x")))
			.withMessageContaining("silo table of both");
		SiloTableTemplate.defaultTemplate().validate(List.of("projects", "tasks"));
	}

	@Test
	void rejectsATemplateGivingNamesOverTheDynamoDbLimitForTheLongestTenantId() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SiloTableTemplate.defaultTemplate().validate(List.of("t".repeat(210))))
			.withMessageContaining("for a tenant id of 48 characters, which is not a valid DynamoDB table name");
	}

	@Test
	void tenantTablesAddressThePooledTableForPooledTenantsAndTheSiloTableForSiloTenants() {
		TenantTables tables = TenantTables.tiered(TenantTierResolver.silo(List.of(ACME)),
				SiloTableTemplate.defaultTemplate());
		assertThat(tables.tierOf(ACME)).isEqualTo(TenantTier.SILO);
		assertThat(tables.tableName("app", ACME)).isEqualTo("app-acme");
		assertThat(tables.tableName("app", TenantId.of("globex"))).isEqualTo("app");
		assertThat(TenantTables.pooled().tableName("app", ACME)).isEqualTo("app");
	}

	@Test
	void tenantTablesFailClosedWhenTheResolverGivesNoTier() {
		TenantTables tables = TenantTables.tiered((tenant) -> null, SiloTableTemplate.defaultTemplate());
		assertThatIllegalStateException()
			.isThrownBy(() -> tables.tableName("app", ACME))
			.withMessageContaining("gave no tier for tenant 'acme'");
	}

	@Test
	void keySchemaGivesASiloTableTheKeysOfItsPooledTable() {
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table("app", "pk", "sk")
			.build()
			.withSiloTables(SiloTableTemplate.defaultTemplate());
		assertThat(schema.pooledTableOf("app-acme")).isEqualTo("app");
		assertThat(schema.pooledTableOf("other")).isNull();
		assertThat(DynamoDbKeySchema.builder().table("app", "pk").build().pooledTableOf("app-acme")).isNull();
	}

}
