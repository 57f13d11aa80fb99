/**
 * The REST API: controllers, request and response bodies, keyset cursors and RFC 9457 problem details.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample.web;
