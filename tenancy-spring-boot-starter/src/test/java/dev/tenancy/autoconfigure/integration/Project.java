package dev.tenancy.autoconfigure.integration;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

/**
 * An item of the integration test's single table.
 */
@DynamoDbBean
public class Project {

	private String pk;

	private String sk;

	private String name;

	public Project() {
	}

	Project(String pk, String sk, String name) {
		this.pk = pk;
		this.sk = sk;
		this.name = name;
	}

	@DynamoDbPartitionKey
	public String getPk() {
		return this.pk;
	}

	public void setPk(String pk) {
		this.pk = pk;
	}

	@DynamoDbSortKey
	public String getSk() {
		return this.sk;
	}

	public void setSk(String sk) {
		this.sk = sk;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

}
