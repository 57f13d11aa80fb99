/**
 * End-to-end tests of the starter against the test kit.
 */
package dev.tenancy.autoconfigure.integration;
