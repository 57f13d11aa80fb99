/**
 * Jobs that act on behalf of an organization, such as seeding the sample data.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample.jobs;
