/**
 * The tenant-scoped Spring Data repository abstraction for DynamoDB.
 */
@NullMarked
package dev.tenancy.repository;

import org.jspecify.annotations.NullMarked;
