/**
 * Entity callbacks and application events around the template's conversions and writes, the way Spring Data modules
 * publish them: {@link dev.tenancy.core.event.BeforeConvertCallback} (before an entity becomes an item, for
 * example for auditing), {@link dev.tenancy.core.event.BeforeSaveCallback} (with the item about to be written),
 * {@link dev.tenancy.core.event.AfterSaveCallback} and {@link dev.tenancy.core.event.AfterConvertCallback}
 * (after an item was read), and the matching {@link dev.tenancy.core.event.TenancyMappingEvent}s. They run on
 * the caller's thread inside its tenant scope, and every event names the tenant.
 */
@NullMarked
package dev.tenancy.core.event;

import org.jspecify.annotations.NullMarked;
