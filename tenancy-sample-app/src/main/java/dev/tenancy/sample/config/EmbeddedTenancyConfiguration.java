package dev.tenancy.sample.config;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

import dev.tenancy.test.TenancyTestKit;

/**
 * The application's own AWS identity on the embedded default: the base credentials of the test kit that
 * {@link EmbeddedTenancyKitInitializer} started. With them the starter's STS client assumes the tenant role for each
 * organization; they may not sign DynamoDB requests themselves (the kit denies that as IAM does). On AWS (profile
 * {@value EmbeddedTenancyKitInitializer#AWS_PROFILE}) the SDK's default credentials chain takes their place.
 *
 * @author tenancy
 * @since 0.1
 */
@Configuration(proxyBeanMethods = false)
@Profile("!" + EmbeddedTenancyKitInitializer.AWS_PROFILE)
public class EmbeddedTenancyConfiguration {

	@Bean
	AwsCredentialsProvider tenancyAwsCredentialsProvider(TenancyTestKit tenancyTestKit) {
		return tenancyTestKit.baseCredentialsProvider();
	}

}
