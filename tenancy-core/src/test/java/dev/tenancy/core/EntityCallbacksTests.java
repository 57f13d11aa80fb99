package dev.tenancy.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;
import dev.tenancy.core.event.AfterConvertCallback;
import dev.tenancy.core.event.AfterSaveCallback;
import dev.tenancy.core.event.BeforeConvertCallback;
import dev.tenancy.core.event.BeforeSaveCallback;
import dev.tenancy.core.event.TenancyMappingEvent;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * Entity callbacks and mapping events, as a template bean of an application context invokes and publishes them,
 * inside the caller's tenant scope.
 */
class EntityCallbacksTests {

	private static final TenantId ACME = TenantId.of("acme");

	private AnnotationConfigApplicationContext context;

	private DynamoDbClient client;

	private TenancyTemplate template;

	private Recorder recorder;

	private TenantScope scope;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext(Callbacks.class);
		this.client = this.context.getBean(DynamoDbClient.class);
		this.template = this.context.getBean(TenancyTemplate.class);
		this.recorder = this.context.getBean(Recorder.class);
		this.scope = TenantContext.open(ACME);
	}

	@AfterEach
	void stop() {
		this.scope.close();
		this.context.close();
	}

	@Test
	void aSaveRunsBeforeConvertBeforeSaveAndAfterSaveWithEventsFirst() {
		given(this.client.putItem(any(PutItemRequest.class))).willReturn(PutItemResponse.builder().build());

		Project saved = this.template.save(new Project("p-1", "Apollo", ProjectStatus.OPEN));

		ArgumentCaptor<PutItemRequest> request = ArgumentCaptor.forClass(PutItemRequest.class);
		verify(this.client).putItem(request.capture());
		assertThat(request.getValue().item()).containsEntry("owner", AttributeValue.fromS("set before convert"));
		assertThat(saved.getName()).isEqualTo("Apollo (after save)");
		assertThat(this.recorder.steps).containsExactly("event BeforeConvertEvent acme app",
				"callback beforeConvert acme", "event BeforeSaveEvent acme app",
				"callback beforeSave TENANT#acme", "event AfterSaveEvent acme app", "callback afterSave acme");
	}

	@Test
	void readsRunAfterConvertOnEveryEntity() {
		given(this.client.getItem(any(GetItemRequest.class))).willReturn(GetItemResponse.builder()
			.item(item("p-1", "Apollo"))
			.build());
		given(this.client.query(any(QueryRequest.class))).willReturn(QueryResponse.builder()
			.items(item("p-1", "Apollo"), item("p-2", "Gemini"))
			.build());

		Project found = this.template.findById("p-1", Project.class).orElseThrow();
		List<Project> all = this.template.findAll(Project.class);

		assertThat(found.getName()).isEqualTo("Apollo (after convert)");
		assertThat(all).extracting(Project::getName).containsExactly("Apollo (after convert)",
				"Gemini (after convert)");
		assertThat(this.recorder.steps).filteredOn((step) -> step.startsWith("event"))
			.containsExactly("event AfterConvertEvent acme app", "event AfterConvertEvent acme app",
					"event AfterConvertEvent acme app");
	}

	@Test
	void aTransactionRunsAfterSaveOnlyAfterTheCommit() {
		given(this.client.transactWriteItems(any(TransactWriteItemsRequest.class)))
			.willReturn(TransactWriteItemsResponse.builder().build());

		List<Object> written = this.template.transactWrite((tx) -> {
			tx.save(new Project("p-1", "Apollo", ProjectStatus.OPEN));
			assertThat(this.recorder.steps).doesNotContain("callback afterSave acme");
		});

		assertThat(written).singleElement().extracting((project) -> ((Project) project).getName())
			.isEqualTo("Apollo (after save)");
		assertThat(this.recorder.steps).endsWith("event AfterSaveEvent acme app", "callback afterSave acme");
	}

	@Test
	@DisplayName("A before-convert callback cannot move an entity into another tenant's partition")
	void aCallbackCannotMoveAnEntityToAnotherTenant() {
		this.recorder.foreignTenant = "globex";

		assertThatExceptionOfType(TenantKeyMismatchException.class)
			.isThrownBy(() -> this.template.save(new Project("p-1", "Apollo", ProjectStatus.OPEN)));
		assertThatExceptionOfType(TenantKeyMismatchException.class)
			.isThrownBy(() -> this.template.insert(new Project("p-2", "Gemini", ProjectStatus.OPEN)));
	}

	@Test
	void aTemplateOutsideAnApplicationContextRunsNoCallbacks() {
		DynamoDbClient plain = mock(DynamoDbClient.class);
		given(plain.putItem(any(PutItemRequest.class))).willReturn(PutItemResponse.builder().build());
		TenancyTemplate standalone = TenancyTemplate.builder()
			.client(plain)
			.keyTemplate(TenantKeyTemplate.defaultTemplate())
			.build();

		Project saved = standalone.save(new Project("p-1", "Apollo", ProjectStatus.OPEN));

		assertThat(saved.getName()).isEqualTo("Apollo");
		assertThat(this.recorder.steps).isEmpty();
	}

	private static Map<String, AttributeValue> item(String id, String name) {
		return new HashMap<>(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk",
				AttributeValue.fromS("PROJECT#" + id), "name", AttributeValue.fromS(name)));
	}

	@Configuration(proxyBeanMethods = false)
	static class Callbacks {

		@Bean
		DynamoDbClient dynamoDbClient() {
			return mock(DynamoDbClient.class);
		}

		@Bean
		TenancyTemplate tenancyTemplate(DynamoDbClient dynamoDbClient) {
			return TenancyTemplate.builder()
				.client(dynamoDbClient)
				.keyTemplate(TenantKeyTemplate.defaultTemplate())
				.build();
		}

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

		@Bean
		BeforeConvertCallback<Project> beforeConvert(Recorder recorder) {
			return (project, table) -> {
				recorder.steps.add("callback beforeConvert " + TenantContext.require("test"));
				project.setOwner("set before convert");
				if (recorder.foreignTenant != null) {
					project.setTenant(recorder.foreignTenant);
				}
				return project;
			};
		}

		@Bean
		BeforeSaveCallback<Project> beforeSave(Recorder recorder) {
			return (project, item, table) -> {
				recorder.steps.add("callback beforeSave " + item.get("pk").s());
				return project;
			};
		}

		@Bean
		AfterSaveCallback<Project> afterSave(Recorder recorder) {
			return (project, table) -> {
				recorder.steps.add("callback afterSave " + project.getTenant());
				project.setName(project.getName() + " (after save)");
				return project;
			};
		}

		@Bean
		AfterConvertCallback<Project> afterConvert() {
			return (project, table) -> {
				project.setName(project.getName() + " (after convert)");
				return project;
			};
		}

	}

	static final class Recorder {

		final List<String> steps = new ArrayList<>();

		String foreignTenant;

		@EventListener
		void on(TenancyMappingEvent<?> event) {
			this.steps.add("event " + event.getClass().getSimpleName() + " " + event.getTenant() + " "
					+ event.getTable());
		}

	}

}
