/**
 * A tenant's lifecycle: moving it between tiers ({@link dev.tenancy.lifecycle.TenantLifecycle#move}, resumable, with
 * a {@link dev.tenancy.lifecycle.MoveJournal}), exporting its items as JSON lines and purging them when it is
 * offboarded ({@link dev.tenancy.lifecycle.TenantLifecycle#purge}), with an audit record of each. The data-plane work
 * runs under the tenant's own STS session and guard, never the application's identity.
 */
@NullMarked
package dev.tenancy.lifecycle;

import org.jspecify.annotations.NullMarked;
