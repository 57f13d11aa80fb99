/**
 * The project-management domain: projects and their tasks in one table, their tenant-scoped repositories, and the
 * services that decide who may read and change them.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.sample.project;
