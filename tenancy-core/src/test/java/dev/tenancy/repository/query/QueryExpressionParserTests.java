package dev.tenancy.repository.query;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.repository.query.QueryExpression.And;
import dev.tenancy.repository.query.QueryExpression.Comparator;
import dev.tenancy.repository.query.QueryExpression.Comparison;
import dev.tenancy.repository.query.QueryExpression.Not;
import dev.tenancy.repository.query.QueryExpression.Or;
import dev.tenancy.repository.query.QueryExpression.Presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The grammar of declared key conditions and filters: what it reads, and that it refuses everything else.
 */
class QueryExpressionParserTests {

	@Test
	void comparisonsOfEachKind() {
		assertThat(QueryExpressionParser.parse("a = :x")).isEqualTo(new Comparison("a", Comparator.EQ, List.of("x")));
		assertThat(QueryExpressionParser.parse("a<>:x")).isEqualTo(new Comparison("a", Comparator.NE, List.of("x")));
		assertThat(QueryExpressionParser.parse("a <= :x")).isEqualTo(new Comparison("a", Comparator.LE, List.of("x")));
		assertThat(QueryExpressionParser.parse("a >= :x")).isEqualTo(new Comparison("a", Comparator.GE, List.of("x")));
		assertThat(QueryExpressionParser.parse("a between :x and :y"))
			.isEqualTo(new Comparison("a", Comparator.BETWEEN, List.of("x", "y")));
		assertThat(QueryExpressionParser.parse("begins_with(a, :x)"))
			.isEqualTo(new Comparison("a", Comparator.BEGINS_WITH, List.of("x")));
		assertThat(QueryExpressionParser.parse("attribute_not_exists(a)")).isEqualTo(new Presence("a", false));
	}

	@Test
	void andBindsTighterThanOrAndNotTighterThanAnd() {
		Comparison a = new Comparison("a", Comparator.EQ, List.of("a"));
		Comparison b = new Comparison("b", Comparator.LT, List.of("b"));
		Comparison c = new Comparison("c", Comparator.GT, List.of("c"));
		assertThat(QueryExpressionParser.parse("a = :a OR NOT b < :b AND c > :c"))
			.isEqualTo(new Or(List.of(a, new And(List.of(new Not(b), c)))));
		assertThat(QueryExpressionParser.parse("(a = :a OR b < :b) AND c > :c"))
			.isEqualTo(new And(List.of(new Or(List.of(a, b)), c)));
	}

	@Test
	void aParameterMayBeNamedLikeAPartiQlClause() {
		assertThat(QueryExpressionParser.parse("id BETWEEN :from AND :where"))
			.isEqualTo(new Comparison("id", Comparator.BETWEEN, List.of("from", "where")));
	}

	static Stream<Arguments> refused() {
		return Stream.of(Arguments.of("SELECT * FROM \"app\"", "looks like PartiQL"),
				Arguments.of("delete from app where pk = :pk", "looks like PartiQL"),
				Arguments.of("id = :a; DROP", "';' at position 7"),
				Arguments.of("id = \"x\"", "'\"' at position 5"),
				Arguments.of("id = 'x'", "''' at position 5"),
				Arguments.of("id = 5", "'5' at position 5"),
				Arguments.of("#pk = :pk", "'#' at position 0"),
				Arguments.of("address.city = :c", "'.' at position 7"),
				Arguments.of("id = :a AND", "expected a property or a function at position 11"),
				Arguments.of("(id = :a", "expected ')' at position 8"),
				Arguments.of("id :a", "expected a comparison"),
				Arguments.of("id = :a id = :b", "expected AND, OR or the end at position 8"),
				Arguments.of("size(id) > :n", "'size' at position 0 of 'size(id) > :n' is no supported function"),
				Arguments.of("and = :x", "expected a property or a function at position 0"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refused")
	void everythingElseIsRefused(String text, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> QueryExpressionParser.parse(text))
			.withMessageContaining(reason);
	}

}
