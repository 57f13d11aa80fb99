/**
 * The tenancy health contributor: reports whether tenant sessions can be obtained from STS, from the outcomes of the
 * STS calls the application made anyway.
 */
@NullMarked
package dev.tenancy.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
