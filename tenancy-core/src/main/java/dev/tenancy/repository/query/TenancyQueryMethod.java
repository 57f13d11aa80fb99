package dev.tenancy.repository.query;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import dev.tenancy.annotation.TenantIndex;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.DefaultParameters;
import org.springframework.data.repository.query.QueryMethod;
import org.springframework.util.ClassUtils;

/**
 * A {@link QueryMethod} of a tenant-scoped repository, with the index named by {@link TenantIndex} and the
 * {@link Query} it declares, if any.
 *
 * @author tenancy
 * @since 0.1
 */
public class TenancyQueryMethod extends QueryMethod {

	private final Method method;

	private final Class<?> repositoryInterface;

	private final @Nullable String indexName;

	private final @Nullable Query declaredQuery;

	/**
	 * @param method must not be {@literal null}
	 * @param metadata must not be {@literal null}
	 * @param factory must not be {@literal null}
	 */
	public TenancyQueryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory factory) {
		super(method, metadata, factory, DefaultParameters::new);
		this.method = method;
		this.repositoryInterface = metadata.getRepositoryInterface();
		TenantIndex index = AnnotatedElementUtils.findMergedAnnotation(method, TenantIndex.class);
		this.indexName = (index != null) ? index.value() : null;
		this.declaredQuery = AnnotatedElementUtils.findMergedAnnotation(method, Query.class);
	}

	/**
	 * @return the query the method declares with {@link Query}, or {@literal null} for a derived query
	 */
	public @Nullable Query declaredQuery() {
		return this.declaredQuery;
	}

	/**
	 * @return the index named by {@link TenantIndex} on the method, or {@literal null}
	 */
	public @Nullable String indexName() {
		return this.indexName;
	}

	/**
	 * @return the repository method
	 */
	public Method method() {
		return this.method;
	}

	/**
	 * @return the method as {@code Repository.method}, for messages
	 */
	public String describe() {
		return ClassUtils.getShortName(this.repositoryInterface) + "." + this.method.getName();
	}

}
