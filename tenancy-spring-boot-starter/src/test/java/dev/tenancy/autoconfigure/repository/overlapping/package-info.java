/**
 * An application package with two tenant entities of one table whose sort-key prefixes overlap.
 */
package dev.tenancy.autoconfigure.repository.overlapping;
