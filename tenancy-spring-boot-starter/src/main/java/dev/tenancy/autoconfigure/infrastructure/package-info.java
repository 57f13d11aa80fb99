/**
 * Infrastructure as code from the application's own configuration: {@code tenancy.infrastructure.*} mapped onto
 * tenancy-core's {@link dev.tenancy.infrastructure.TenancyInfrastructure}, served by the Actuator endpoint and
 * written by the export command ({@code tenancy.infrastructure.export}).
 */
@NullMarked
package dev.tenancy.autoconfigure.infrastructure;

import org.jspecify.annotations.NullMarked;
