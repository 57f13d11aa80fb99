/**
 * The attack suite: every threat of the threat model against each wall independently (client-side guard alone, IAM-enforcing
 * gateway alone, both) and a randomized concurrent isolation run; mapped to the threats in {@code docs/SECURITY.md}.
 */
@org.jspecify.annotations.NullMarked
package dev.tenancy.test.attacks;
