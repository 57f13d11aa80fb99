package dev.tenancy.repository.auditing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

import dev.tenancy.context.TenantContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.context.TenantScope;
import dev.tenancy.core.TenancyTemplate;
import dev.tenancy.keys.TenantKeyTemplate;
import dev.tenancy.repository.Project;
import dev.tenancy.repository.ProjectStatus;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * {@code @EnableTenancyAuditing}: created and modified dates and auditors on every kind of write, inside the
 * caller's tenant scope.
 */
class TenancyAuditingTests {

	private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");

	private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");

	private AnnotationConfigApplicationContext context;

	private DynamoDbClient client;

	private TenancyTemplate template;

	private AtomicReference<Instant> now;

	private TenantScope scope;

	@BeforeEach
	@SuppressWarnings("unchecked")
	void start() {
		this.context = new AnnotationConfigApplicationContext(Audited.class);
		this.client = this.context.getBean(DynamoDbClient.class);
		this.template = this.context.getBean(TenancyTemplate.class);
		this.now = this.context.getBean(AtomicReference.class);
		this.now.set(T1);
		given(this.client.putItem(any(PutItemRequest.class))).willReturn(PutItemResponse.builder().build());
		this.scope = TenantContext.open(TenantId.of("acme"));
	}

	@AfterEach
	void stop() {
		this.scope.close();
		this.context.close();
	}

	@Test
	void aNewEntityIsMarkedCreatedAndModified() {
		AuditedInvoice saved = this.template.insert(new AuditedInvoice("2026-001", "Initech"));

		assertThat(saved.getCreatedAt()).isEqualTo(T1);
		assertThat(saved.getModifiedAt()).isEqualTo(T1);
		assertThat(saved.getCreatedBy()).isEqualTo("alice@acme");
		assertThat(saved.getModifiedBy()).isEqualTo("alice@acme");
		ArgumentCaptor<PutItemRequest> request = ArgumentCaptor.forClass(PutItemRequest.class);
		verify(this.client).putItem(request.capture());
		assertThat(request.getValue().item()).containsEntry("createdAt", AttributeValue.fromS(T1.toString()))
			.containsEntry("createdBy", AttributeValue.fromS("alice@acme"));
	}

	@Test
	@DisplayName("#15 entities with BigDecimal and java.time properties are audited (JDK value types are not introspected)")
	void entitiesWithJdkValueTypesAreAudited() {
		AuditedInvoice invoice = new AuditedInvoice("2026-004", "Initech");
		invoice.setAmount(new BigDecimal("12.50"));
		invoice.setDueDate(LocalDate.of(2026, 12, 31));

		AuditedInvoice saved = this.template.insert(invoice);

		assertThat(saved.getCreatedAt()).isEqualTo(T1);
		assertThat(saved.getAmount()).isEqualByComparingTo("12.50");
	}

	@Test
	void anEntityThatWasCreatedIsOnlyMarkedModified() {
		AuditedInvoice created = this.template.save(new AuditedInvoice("2026-001", "Initech"));
		this.now.set(T2);

		AuditedInvoice modified = this.template.save(created);

		assertThat(modified.getCreatedAt()).isEqualTo(T1);
		assertThat(modified.getModifiedAt()).isEqualTo(T2);
	}

	@Test
	void batchesAndTransactionsAreAuditedToo() {
		given(this.client.batchWriteItem(any(BatchWriteItemRequest.class)))
			.willReturn(BatchWriteItemResponse.builder().build());
		given(this.client.transactWriteItems(any(TransactWriteItemsRequest.class)))
			.willReturn(TransactWriteItemsResponse.builder().build());

		List<AuditedInvoice> batch = this.template.saveAll(List.of(new AuditedInvoice("2026-002", "Globex")));
		List<Object> transaction = this.template
			.transactWrite((tx) -> tx.insert(new AuditedInvoice("2026-003", "Umbrella")));

		assertThat(batch).singleElement().extracting(AuditedInvoice::getCreatedAt).isEqualTo(T1);
		assertThat(transaction).singleElement()
			.extracting((entity) -> ((AuditedInvoice) entity).getCreatedBy())
			.isEqualTo("alice@acme");
	}

	@Test
	void entitiesWithoutAuditAnnotationsPassUnchanged() {
		Project saved = this.template.save(new Project("p-1", "Apollo", ProjectStatus.OPEN));

		assertThat(saved.getName()).isEqualTo("Apollo");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableTenancyAuditing
	static class Audited {

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
		AtomicReference<Instant> now() {
			return new AtomicReference<>(T1);
		}

		@Bean
		DateTimeProvider dateTimeProvider(AtomicReference<Instant> now) {
			return () -> Optional.of(now.get());
		}

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.of("alice@" + TenantContext.require("auditing"));
		}

	}

}
