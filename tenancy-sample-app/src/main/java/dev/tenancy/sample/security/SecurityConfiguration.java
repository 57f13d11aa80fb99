package dev.tenancy.sample.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security for the REST API: stateless, every request authenticated, problem details for 401 and 403.
 * <p>
 * With a JWT issuer configured (a {@link JwtDecoder} bean, for example from
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} in the {@code aws} profile) the API is an OAuth2
 * resource server: the organization is the JWT's {@code tenancy.tenant-claim}, the roles come from its groups claim
 * ({@link JwtRolesConverter}). Otherwise the local users of {@code sample.security.users} sign in with HTTP basic
 * authentication. Administrator-only operations are guarded with method security on the services.
 *
 * @author tenancy
 * @since 0.1
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(SampleSecurityProperties.class)
public class SecurityConfiguration {

	/**
	 * The API's filter chain; only in a servlet web application (the infrastructure export runs without one).
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ObjectProvider<JwtDecoder> jwtDecoder,
			SampleSecurityProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/error")
			.permitAll()
			.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/**")
			.hasRole("ADMIN")
			.anyRequest()
			.authenticated())
			// A stateless API authenticated per request (basic or bearer), no cookies: nothing for CSRF to ride on.
			.csrf((csrf) -> csrf.disable())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		JwtDecoder decoder = jwtDecoder.getIfAvailable();
		ProblemDetailsSecurityHandler problems;
		if (decoder != null) {
			problems = new ProblemDetailsSecurityHandler(resolver, "Bearer");
			JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
			converter.setPrincipalClaimName(properties.jwt().principalClaim());
			converter.setJwtGrantedAuthoritiesConverter(new JwtRolesConverter(properties.jwt().rolesClaim()));
			http.oauth2ResourceServer((server) -> server.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems)
				.jwt((jwt) -> jwt.decoder(decoder).jwtAuthenticationConverter(converter)));
		}
		else {
			problems = new ProblemDetailsSecurityHandler(resolver, "Basic realm=\"tenancy-sample\"");
			http.httpBasic((basic) -> basic.authenticationEntryPoint(problems));
		}
		http.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems)
			.accessDeniedHandler(problems));
		return http.build();
	}

	@Bean
	LocalUserDetailsService localUserDetailsService(SampleSecurityProperties properties) {
		return new LocalUserDetailsService(properties.users());
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

}
