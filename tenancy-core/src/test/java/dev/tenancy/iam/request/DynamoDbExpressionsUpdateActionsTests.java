package dev.tenancy.iam.request;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tenancy.iam.request.UpdateActions.Arithmetic;
import dev.tenancy.iam.request.UpdateActions.Call;
import dev.tenancy.iam.request.UpdateActions.Path;
import dev.tenancy.iam.request.UpdateActions.Placeholder;
import dev.tenancy.iam.request.UpdateActions.UpdateAction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@code UpdateExpression} parser behind the index-key rule (TH-23): clauses, actions, name placeholders and the
 * shape of SET values.
 */
class DynamoDbExpressionsUpdateActionsTests {

	private static final JsonNode NAMES = JsonMapper.builder().build().readTree("{\"#g\":\"gsi1pk\",\"#n\":\"name\"}");

	@Test
	void everyClauseInTheOrderWritten() {
		List<UpdateAction> actions = DynamoDbExpressions.updateActions(
				"SET #n = :n, a.b[2] = if_not_exists(a.b[2], :d) remove #g, c ADD n :one DELETE s :x", NAMES);

		assertThat(actions).containsExactly(new UpdateAction("SET", "name", false, new Placeholder(":n")),
				new UpdateAction("SET", "a", true,
						new Call("if_not_exists", List.of(new Path("a", true), new Placeholder(":d")))),
				new UpdateAction("REMOVE", "gsi1pk", false, null), new UpdateAction("REMOVE", "c", false, null),
				new UpdateAction("ADD", "n", false, new Placeholder(":one")),
				new UpdateAction("DELETE", "s", false, new Placeholder(":x")));
	}

	@Test
	void setValuesAreOperandsOrArithmetic() {
		List<UpdateAction> actions = DynamoDbExpressions.updateActions(
				"SET a = b + :c, d = list_append(if_not_exists(d, :e), :f), g = #g - :h, i = j", NAMES);

		assertThat(actions).extracting(UpdateAction::value)
			.containsExactly(new Arithmetic(new Path("b", false), '+', new Placeholder(":c")),
					new Call("list_append",
							List.of(new Call("if_not_exists", List.of(new Path("d", false), new Placeholder(":e"))),
									new Placeholder(":f"))),
					new Arithmetic(new Path("gsi1pk", false), '-', new Placeholder(":h")), new Path("j", false));
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET gsi1pk = :v", "SET #g = :v", "SET #n = :n, #g=:v REMOVE x", "set a = :a,gsi1pk = :b",
			"SET gsi1pkX = :v, xgsi1pk = :w, #gsi1pk = :x, a.gsi1pk = :y, b . #g = :z", "SET a = :gsi1pk",
			"REMOVE gsi1pk", "REMOVE #g", "ADD gsi1pk :n", "DELETE #g :s", "SET gsi1pk = :v + :w", "SET #g = :v - :w",
			"SET gsi1pk = x", "SET x = gsi1pk", "SET x = if_not_exists(#g, :v)", "SET gsi1pk = if_not_exists(gsi1pk, :v)",
			"SET gsi1pk.a = :v", "SET #g[1] = :v", "SET a = :v, #g = list_append(:l, :m)", "SET #g = :v REMOVE gsi1pk",
			"SET gsi1pk = :v, gsi1pk = :w" })
	void theShortcutAgreesWithTheParser(String expression) {
		JsonNode names = JsonMapper.builder()
			.build()
			.readTree("{\"#g\":\"gsi1pk\",\"#n\":\"name\",\"#gsi1pk\":\"other\"}");
		List<UpdateAction> parsed = DynamoDbExpressions.updateActions(expression, names)
			.stream()
			.filter((action) -> action.attribute().equals("gsi1pk") && !action.clause().equals("REMOVE"))
			.toList();
		List<UpdateAction> shortcut = UpdateActions.plainSets(expression, names, List.of("gsi1pk"));

		if (shortcut != null) {
			assertThat(shortcut).containsExactlyInAnyOrderElementsOf(parsed);
			assertThat(parsed).allSatisfy((action) -> {
				assertThat(action.clause()).isEqualTo("SET");
				assertThat(action.nested()).isFalse();
				assertThat(action.value()).isInstanceOf(Placeholder.class);
			});
		}
		else {
			assertThat(expression).as("needs the parser").containsAnyOf("REMOVE", "ADD", "DELETE", "+", "-", "(",
					"= x", "= gsi1pk", ".a", "[1]");
		}
	}

	@Test
	void theShortcutTakesPlainSetsAndSkipsLookAlikes() {
		assertThat(UpdateActions.plainSets("SET #a = :a, gsi1pkX = :x, :gsi1pk = :y, a.gsi1pk = :z", NAMES,
				List.of("gsi1pk"))).isEmpty();
		assertThat(UpdateActions.plainSets("SET #n = :n, #g = :v", NAMES, List.of("gsi1pk")))
			.containsExactly(new UpdateAction("SET", "gsi1pk", false, new Placeholder(":v")));
		assertThat(UpdateActions.plainSets("SET #n = :n REMOVE #g", NAMES, List.of("gsi1pk"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a = :v", "SET", "SET a", "SET a :v", "SET a = ", "SET a = :v b = :w",
			"SET a = (:v)", "SET a = :v + :w + :x", "SET a = f(:v", "AND a = :v", "REMOVE a = :v", "SET #missing = :v",
			"SET a = :v,", "ADD a" })
	void malformedExpressionsAreRejected(String expression) {
		assertThatIllegalArgumentException().isThrownBy(() -> DynamoDbExpressions.updateActions(expression, NAMES))
			.withMessageContaining("UpdateExpression");
	}

}
