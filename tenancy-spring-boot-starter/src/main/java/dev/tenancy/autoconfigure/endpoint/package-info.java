/**
 * The {@code tenancy} Actuator endpoint: the isolation settings and the generated IAM policies, for infrastructure as
 * code.
 */
@NullMarked
package dev.tenancy.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
