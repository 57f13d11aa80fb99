package com.example.invoicing;

import dev.tenancy.annotation.TenantEntity;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;

@DynamoDbBean
@TenantEntity(table = "invoicing", sortKeyPrefix = "INVOICE#")
public class Invoice {

	private String tenant;

	private String id;

	private String customer;

	private long amountCents;

	public Invoice() {
	}

	public Invoice(String id, String customer, long amountCents) {
		this.id = id;
		this.customer = customer;
		this.amountCents = amountCents;
	}

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

	public String getCustomer() {
		return this.customer;
	}

	public void setCustomer(String customer) {
		this.customer = customer;
	}

	public long getAmountCents() {
		return this.amountCents;
	}

	public void setAmountCents(long amountCents) {
		this.amountCents = amountCents;
	}

}
