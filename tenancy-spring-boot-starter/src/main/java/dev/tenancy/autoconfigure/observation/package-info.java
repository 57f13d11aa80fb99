/**
 * Auto-configuration of tenancy's Micrometer observations.
 */
@NullMarked
package dev.tenancy.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
