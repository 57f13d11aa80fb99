package dev.tenancy.repository.auditing;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.tenancy.core.TenancyMappingContext;
import dev.tenancy.core.TenantPersistentEntity;
import dev.tenancy.core.event.BeforeConvertCallback;

import org.springframework.core.Ordered;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.auditing.DateTimeProvider;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mapping.context.PersistentEntities;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * Audits an entity before the template converts it into its item, with Spring Data's {@link AuditingHandler}: marked
 * created while its {@code @CreatedDate} (or, without one, {@code @CreatedBy}) property is unset, else modified.
 * Entities without audit annotations pass unchanged.
 *
 * @author tenancy
 * @since 0.1
 */
public final class TenancyAuditingCallback implements BeforeConvertCallback<Object>, Ordered {

	/** Runs before the application's own before-convert callbacks of default order. */
	public static final int ORDER = 100;

	private final TenancyMappingContext mappingContext;

	private final SingletonSupplier<AuditingHandler> handler;

	/**
	 * @param mappingContext the mapping context the audit annotations are read from; must not be {@literal null}
	 * @param auditorAware supplies the auditor, or {@literal null} for none
	 * @param dateTimeProvider supplies the clock, or {@literal null} for the current time
	 */
	public TenancyAuditingCallback(TenancyMappingContext mappingContext,
			Supplier<@Nullable AuditorAware<?>> auditorAware, Supplier<@Nullable DateTimeProvider> dateTimeProvider) {
		Assert.notNull(mappingContext, "TenancyMappingContext must not be null");
		this.mappingContext = mappingContext;
		this.handler = SingletonSupplier.of(() -> {
			AuditingHandler handler = new AuditingHandler(PersistentEntities.of(this.mappingContext));
			AuditorAware<?> auditor = auditorAware.get();
			if (auditor != null) {
				handler.setAuditorAware(auditor);
			}
			DateTimeProvider clock = dateTimeProvider.get();
			if (clock != null) {
				handler.setDateTimeProvider(clock);
			}
			return handler;
		});
	}

	@Override
	public Object onBeforeConvert(Object entity, String table) {
		TenantPersistentEntity<?> metadata = this.mappingContext.getRequiredPersistentEntity(entity.getClass());
		AuditingHandler handler = this.handler.obtain();
		return isNew(metadata, entity) ? handler.markCreated(entity) : handler.markModified(entity);
	}

	private static boolean isNew(TenantPersistentEntity<?> metadata, Object entity) {
		PersistentProperty<?> created = metadata.getPersistentProperty(CreatedDate.class);
		if (created == null) {
			created = metadata.getPersistentProperty(CreatedBy.class);
		}
		return created == null || metadata.getPropertyAccessor(entity).getProperty(created) == null;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
