package dev.tenancy.test.boot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.context.TenantId;
import dev.tenancy.core.TenantEntityMetadata;
import dev.tenancy.keys.SiloTableTemplate;
import dev.tenancy.keys.TenantTables;
import dev.tenancy.repository.config.TenantRepositoryDefinitions;
import dev.tenancy.test.TenancyTestKit;
import dev.tenancy.test.dynamodb.DynamoDbTables;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.Assert;

/**
 * Creates the tables of the application's tenant entities in the test kit as soon as the mapping context that names
 * them exists, before any repository can use them: for each table, one {@code CreateTable} with the primary key, the
 * union of the key attributes and every secondary index of all the entity types stored in it (the single-table
 * design), through the kit's admin path. A table that exists already (another application context of the JVM created
 * it) is left as it is.
 * <p>
 * The entities are those of the application's tenant-scoped repositories. The silo tenants the mapping context's
 * {@link TenantTables} know up front get their silo tables the same way, each like its pooled table.
 *
 * @author tenancy
 * @since 0.1
 */
final class DevServicesTables implements BeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(DevServicesTables.class);

	private final TenancyTestKit kit;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	DevServicesTables(TenancyTestKit kit) {
		Assert.notNull(kit, "TenancyTestKit must not be null");
		this.kit = kit;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof TenancyMappingContext mappingContext && this.beanFactory != null) {
			createTables(mappingContext, TenantRepositoryDefinitions.tenantEntityTypes(this.beanFactory));
		}
		return bean;
	}

	void createTables(TenancyMappingContext mappingContext, List<Class<?>> entityTypes) {
		Map<String, List<TableSchema<?>>> schemasByTable = new LinkedHashMap<>();
		for (Class<?> type : entityTypes) {
			TenantEntityMetadata<?> metadata = mappingContext.getRequiredMetadata(type);
			schemasByTable.computeIfAbsent(metadata.tableName(), (table) -> new ArrayList<>()).add(metadata.schema());
		}
		addSiloTables(mappingContext.tenantTables(), schemasByTable);
		DynamoDbClient admin = this.kit.adminDynamoDbClient();
		List<String> existing = admin.listTables().tableNames();
		schemasByTable.forEach((table, schemas) -> {
			if (existing.contains(table)) {
				return;
			}
			CreateTableRequest request = DynamoDbTables.createTableRequest(table, schemas);
			try {
				admin.createTable(request);
				logger.info(String.format("Tenancy dev services: created table '%s' in test kit '%s' (keys %s, "
						+ "indexes %s).", table, this.kit.name(), request.keySchema(), indexNames(request)));
			}
			catch (ResourceInUseException ex) {
				// Created concurrently by another application context of this JVM.
			}
		});
	}

	/** The tables of the silo tenants the tier resolver knows up front: each like its pooled table. */
	private static void addSiloTables(TenantTables tenantTables, Map<String, List<TableSchema<?>>> schemasByTable) {
		SiloTableTemplate silo = tenantTables.siloTables();
		if (silo == null) {
			return;
		}
		for (TenantId tenant : tenantTables.resolver().knownSiloTenants()) {
			new ArrayList<>(schemasByTable.entrySet()).forEach((pooled) -> schemasByTable
				.put(silo.tableName(pooled.getKey(), tenant), pooled.getValue()));
		}
	}

	private static List<String> indexNames(CreateTableRequest request) {
		List<String> names = new ArrayList<>();
		request.globalSecondaryIndexes().forEach((index) -> names.add(index.indexName()));
		request.localSecondaryIndexes().forEach((index) -> names.add(index.indexName() + " (local)"));
		return names;
	}

}
