package dev.tenancy.autoconfigure.repository.sample;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

import dev.tenancy.annotation.TenantEntity;
import dev.tenancy.annotation.TenantIndexKey;

/**
 * A tenant entity with one tenant index.
 */
@DynamoDbBean
@TenantEntity(table = "notes", sortKeyPrefix = "NOTE#")
@TenantIndexKey(index = "byAuthor", prefix = "AUTHOR", attributes = "author")
public class Note {

	private String tenant;

	private String id;

	private String author;

	private String authorKey;

	@DynamoDbPartitionKey
	@DynamoDbAttribute("pk")
	public String getTenant() {
		return this.tenant;
	}

	public void setTenant(String tenant) {
		this.tenant = tenant;
	}

	@DynamoDbSortKey
	@DynamoDbAttribute("sk")
	public String getId() {
		return this.id;
	}

	public void setId(String id) {
		this.id = id;
	}

	public String getAuthor() {
		return this.author;
	}

	public void setAuthor(String author) {
		this.author = author;
	}

	@DynamoDbSecondaryPartitionKey(indexNames = "byAuthor")
	@DynamoDbAttribute("gsi1pk")
	public String getAuthorKey() {
		return this.authorKey;
	}

	public void setAuthorKey(String authorKey) {
		this.authorKey = authorKey;
	}

}
