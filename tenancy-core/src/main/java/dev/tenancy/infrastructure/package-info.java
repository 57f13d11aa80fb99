/**
 * Infrastructure as code generated from the same source as the runtime policies:
 * {@link dev.tenancy.infrastructure.TenancyInfrastructure} describes the tables of both tiers (with encryption at
 * rest, point-in-time recovery and deletion protection), the tenant role with the generated ceiling and trust
 * policies, the application identity's STS-only policy and a separate deploy role for the control plane;
 * {@link dev.tenancy.infrastructure.InfrastructureFormat} renders it as a CloudFormation template or as Terraform JSON.
 */
@NullMarked
package dev.tenancy.infrastructure;

import org.jspecify.annotations.NullMarked;
