/**
 * An application package whose tenant entity is used only through the template, without a repository.
 */
package dev.tenancy.autoconfigure.repository.templateonly;
