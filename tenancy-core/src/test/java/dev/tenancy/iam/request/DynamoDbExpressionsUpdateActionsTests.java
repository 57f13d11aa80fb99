package dev.tenancy.iam.request;

import java.util.ArrayList;
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
 * shape of SET values; and the single pass of the extractor that finds the common case.
 */
class DynamoDbExpressionsUpdateActionsTests {

	private static final JsonNode NAMES = JsonMapper.builder().build().readTree("{\"#g\":\"gsi1pk\",\"#n\":\"name\"}");

	private static final JsonNode NAMES_WITH_A = JsonMapper.builder().build().readTree("{\"#a\":\"a\"}");

	@Test
	void everyClauseInTheOrderWritten() {
		List<UpdateAction> actions = UpdateActions.parse(
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
		List<UpdateAction> actions = UpdateActions.parse(
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
			"SET gsi1pk = :v, gsi1pk = :w", "REMOVE a, gsi1pk.b[0], x SET #g = :v", "SET a = f(:x, #g)",
			"SET a = f(:x, b), #g = :v ADD c :n", "SET a = list_append(:x, :y), gsi1pk = :v, b = :w DELETE s :t",
			"SET x = :x REMOVE y, #g ADD n :n" })
	void theSinglePassAgreesWithTheParser(String expression) {
		JsonNode names = JsonMapper.builder()
			.build()
			.readTree("{\"#g\":\"gsi1pk\",\"#n\":\"name\",\"#gsi1pk\":\"other\"}");
		List<UpdateAction> parsed = UpdateActions.parse(expression, names)
			.stream()
			.filter((action) -> action.attribute().equals("gsi1pk"))
			.toList();
		List<String> attributes = new ArrayList<>();
		List<String> expected = new ArrayList<>();
		DynamoDbExpressions.analyse(expression, "UpdateExpression", names, null, expected, null, null);

		List<UpdateAction> found = UpdateActions.analyse(expression, names, attributes, List.of("gsi1pk"));

		assertThat(attributes).as("the attributes of dynamodb:Attributes").isEqualTo(expected);
		if (found != null) {
			assertThat(found).containsExactlyElementsOf(parsed);
			assertThat(parsed).allSatisfy((action) -> {
				assertThat(action.clause()).isEqualTo("SET");
				assertThat(action.nested()).isFalse();
				assertThat(action.value()).isInstanceOf(Placeholder.class);
			});
		}
		else {
			assertThat(expression).as("needs the parser").containsAnyOf("REMOVE", "ADD gsi1pk", "DELETE #g", "+", "-",
					"(", "= x", "= gsi1pk", ".a", "[1]", "#g)");
		}
	}

	@Test
	void theSinglePassTakesPlainSetsAndSkipsLookAlikes() {
		List<String> gsi1pk = List.of("gsi1pk");
		assertThat(UpdateActions.analyse("SET #a = :a, gsi1pkX = :x, a.gsi1pk = :z", NAMES_WITH_A, new ArrayList<>(),
				gsi1pk)).isEmpty();
		assertThat(UpdateActions.analyse("SET #n = :n, #g = :v", NAMES, new ArrayList<>(), gsi1pk))
			.containsExactly(new UpdateAction("SET", "gsi1pk", false, new Placeholder(":v")));
		assertThat(UpdateActions.analyse("SET #n = :n REMOVE #g", NAMES, new ArrayList<>(), gsi1pk)).isNull();
		assertThat(UpdateActions.analyse("SET #g = :v", NAMES, new ArrayList<>(), List.of())).isEmpty();
	}

	@Test
	void anAttributeSpeltLikeAKeywordOrAFunctionNeedsTheParser() {
		assertThat(UpdateActions.analyse("SET #g = :v, add = :w", NAMES, new ArrayList<>(), List.of("add"))).isNull();
		assertThat(UpdateActions.analyse("SET a = size(:v)", NAMES, new ArrayList<>(), List.of("size"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "SET gsi1pk = :v b = :w", "SET gsi1pk = :v AND b = :w", "SET gsi1pk = :v :w",
			"SET gsi1pk = :v)", "SET gsi1pk :v", "SET gsi1pk = ", "SET a = f(gsi1pk = :v)", "SET gsi1pk = = :v" })
	void aPlainSetThatDoesNotEndAnActionNeedsTheParser(String expression) {
		assertThat(UpdateActions.analyse(expression, NAMES, new ArrayList<>(), List.of("gsi1pk"))).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "a = :v", "SET", "SET a", "SET a :v", "SET a = ", "SET a = :v b = :w",
			"SET a = (:v)", "SET a = :v + :w + :x", "SET a = f(:v", "AND a = :v", "REMOVE a = :v", "SET #missing = :v",
			"SET a = :v,", "ADD a" })
	void malformedExpressionsAreRejected(String expression) {
		assertThatIllegalArgumentException().isThrownBy(() -> UpdateActions.parse(expression, NAMES))
			.withMessageContaining("UpdateExpression");
	}

}
