package dev.tenancy.autoconfigure;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * User configuration for auto-configuration tests: base credentials and an in-process {@link StubAwsHttpClient}, so
 * the auto-configured clients can be called without a network.
 */
@Configuration(proxyBeanMethods = false)
public class StubAwsConfiguration {

	@Bean
	public StubAwsHttpClient stubAwsHttpClient() {
		return new StubAwsHttpClient();
	}

	@Bean
	public StaticCredentialsProvider baseCredentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "base-secret"));
	}

}
