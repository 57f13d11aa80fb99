package dev.tenancy.core;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.KeyCondition.Operator;
import dev.tenancy.dynamodb.IsolationMode;
import dev.tenancy.dynamodb.TenantRequestGuard;
import dev.tenancy.dynamodb.TenantScopedDynamoDbClientFactory;
import dev.tenancy.dynamodb.TenantSessionPolicies;
import dev.tenancy.iam.evaluation.PolicyEvaluator;
import dev.tenancy.iam.policy.TenancyPolicies;
import dev.tenancy.iam.request.DynamoDbRequestContextExtractor;
import dev.tenancy.keys.DynamoDbKeySchema;
import dev.tenancy.keys.ResourceArns;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.Note;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request the template makes passes the client-side guard's evaluation of the tenant's generated session
 * policy: the repository layer only ever needs what the policy grants.
 */
class TenancyTemplateGuardTests {

	private final StubHttpClient http = new StubHttpClient();

	private final List<String> denials = new CopyOnWriteArrayList<>();

	private TenantScopedDynamoDbClientFactory factory;

	private TenancyTemplate template;

	@BeforeEach
	void setUp() {
		ResourceArns arns = ResourceArns.of("aws", "us-east-1", "123456789012");
		DynamoDbKeySchema schema = DynamoDbKeySchema.builder()
			.table("app", "pk", "sk")
			.index("app", "byStatus", "gsi1pk", "priority")
			.index("app", "byOwner", "gsi2pk")
			.build();
		TenancyPolicies policies = TenancyPolicies.builder().arns(arns).keySchema(schema).build();
		TenantRequestGuard guard = new TenantRequestGuard(new DynamoDbRequestContextExtractor(arns, schema),
				PolicyEvaluator.create(),
				new TenantSessionPolicies(policies, "arn:aws:iam::123456789012:role/TenantRole", "tenant", 100),
				(tenant, operation, decision) -> this.denials.add(operation + ": " + decision));
		this.factory = TenantScopedDynamoDbClientFactory.builder()
			.mode(IsolationMode.APPLICATION)
			.httpClient(this.http)
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:1"))
			.baseCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "secret")))
			.guard(guard)
			.build();
		this.template = new TenancyTemplate(this.factory.client(), TenantKeyTemplate.defaultTemplate());
	}

	@AfterEach
	void tearDown() {
		this.factory.close();
	}

	static Stream<Arguments> operations() {
		Project project = new Project("p-1", "Apollo", ProjectStatus.OPEN);
		project.setOwner("ann");
		Project versioned = new Project("p-2", "Gemini", ProjectStatus.OPEN);
		versioned.setVersion(3L);
		TenancyQuery byStatus = TenancyQuery.index("byStatus", List.of(AttributeValue.fromS("OPEN")));
		return Stream.of(
				operation("save", (TenancyTemplate t) -> t.save(project), "PutItem"),
				operation("insert", (TenancyTemplate t) -> t.insert(Note.of("n-1", "x")), "PutItem"),
				operation("saveAll", (TenancyTemplate t) -> t
					.saveAll(IntStream.range(0, 30).mapToObj((i) -> Note.of("n-" + i, "x")).toList()),
						"BatchWriteItem", "BatchWriteItem"),
				operation("findById", (TenancyTemplate t) -> t.findById("p-1", Project.class), "GetItem"),
				operation("existsById", (TenancyTemplate t) -> t.existsById("p-1", Project.class), "GetItem"),
				operation("findAllById", (TenancyTemplate t) -> t.findAllById(List.of("a", "b"), Project.class),
						"BatchGetItem"),
				operation("findAll", (TenancyTemplate t) -> t.findAll(Project.class), "Query"),
				operation("count", (TenancyTemplate t) -> t.count(Project.class), "Query"),
				operation("find on the sort key", (TenancyTemplate t) -> t.find(TenancyQuery.table()
					.withSortKeyCondition(KeyCondition.of(Operator.GT, AttributeValue.fromS("m"))), Project.class),
						"Query"),
				operation("find on an index", (TenancyTemplate t) -> t.find(byStatus, Project.class), "Query"),
				operation("count on an index", (TenancyTemplate t) -> t.count(byStatus, Project.class), "Query"),
				operation("exists on an index", (TenancyTemplate t) -> t.exists(byStatus, Project.class), "Query"),
				operation("scroll an index", (TenancyTemplate t) -> t.scroll(byStatus.withLimit(Limit.of(2)),
						ScrollPosition.forward(Map.of("id", "p-1", "priority", 2)), Project.class), "Query"),
				operation("deleteById", (TenancyTemplate t) -> t.deleteById("p-1", Project.class), "DeleteItem"),
				operation("delete versioned", (TenancyTemplate t) -> t.delete(versioned), "DeleteItem"),
				operation("deleteAll", (TenancyTemplate t) -> t.deleteAll(Project.class), "Query"),
				operation("transactWrite", (TenancyTemplate t) -> t.transactWrite((tx) -> tx.insert(Note.of("n-1", "x"))
					.save(versioned)
					.deleteById(Project.class, "p-9")
					.requireExists(Project.class, "p-1")), "TransactWriteItems"));
	}

	private static Arguments operation(String name, Consumer<TenancyTemplate> call, String... wire) {
		return Arguments.of(name, call, List.of(wire));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("operations")
	void theGuardAllowsEveryRequestOfTheTemplate(String name, Consumer<TenancyTemplate> call, List<String> wire) {
		TenantContext.runAs(TenantId.of("acme"), () -> call.accept(this.template));

		assertThat(this.denials).isEmpty();
		assertThat(this.http.operations).containsExactlyElementsOf(wire);
	}

}
