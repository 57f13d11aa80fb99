package dev.tenancy.test.repository;

import dev.tenancy.annotation.TenantEntity;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbImmutable;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * An unversioned immutable entity sharing the table with {@link Project}.
 */
@DynamoDbImmutable(builder = Note.Builder.class)
@TenantEntity(table = "app", sortKeyPrefix = "NOTE#")
public final class Note {

	private final String tenant;

	private final String id;

	private final String text;

	private Note(Builder builder) {
		this.tenant = builder.tenant;
		this.id = builder.id;
		this.text = builder.text;
	}

	public static Builder builder() {
		return new Builder();
	}

	public static Note of(String id, String text) {
		return builder().id(id).text(text).build();
	}

	@DynamoDbPartitionKey
	@DynamoDbAttribute("pk")
	public String tenant() {
		return this.tenant;
	}

	@DynamoDbSortKey
	@DynamoDbAttribute("sk")
	public String id() {
		return this.id;
	}

	public String text() {
		return this.text;
	}

	@Override
	public String toString() {
		return "Note[" + this.id + "]";
	}

	public static final class Builder {

		private String tenant;

		private String id;

		private String text;

		private Builder() {
		}

		public Builder tenant(String tenant) {
			this.tenant = tenant;
			return this;
		}

		public Builder id(String id) {
			this.id = id;
			return this;
		}

		public Builder text(String text) {
			this.text = text;
			return this;
		}

		public Note build() {
			return new Note(this);
		}

	}

}
