package dev.tenancy.sample.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers authentication failures (401) and access denials (403) raised in the security filter chain with the same
 * RFC 9457 problem details as the controllers, by handing the exception to the MVC exception resolvers (and so to
 * {@code ProblemDetailsAdvice}).
 *
 * @author tenancy
 * @since 0.1
 */
public final class ProblemDetailsSecurityHandler implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final HandlerExceptionResolver resolver;

	private final String challenge;

	/**
	 * @param resolver the application's exception resolver ({@code handlerExceptionResolver})
	 * @param challenge the {@code WWW-Authenticate} challenge of a 401, for example {@code Basic realm="tenancy"}
	 */
	public ProblemDetailsSecurityHandler(HandlerExceptionResolver resolver, String challenge) {
		this.resolver = resolver;
		this.challenge = challenge;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, this.challenge);
		this.resolver.resolveException(request, response, null, authException);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) {
		this.resolver.resolveException(request, response, null, accessDeniedException);
	}

}
