/**
 * Infrastructure shared by the test kit's servers (loopback HTTP servers, thread factories, an adjustable clock).
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.support;
