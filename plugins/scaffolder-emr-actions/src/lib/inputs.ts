import { z } from 'zod';
import {
  BUCKET_NAME,
  dnsLabel,
  emrName,
  releaseLabel,
  roleArn,
  virtualClusterArn,
} from './validation';

// The input fields several actions share, each defined once: a tenant on a configured
// cluster, and what is made on a team's virtual cluster.

/** The owning group, the only source of the team tags and labels. */
export const ownerField = (zz: typeof z) =>
  zz
    .string()
    .min(1)
    .describe('Owning group entity ref, e.g. group:default/data-team-a');

/** The old `team` input: kept so existing templates still parse; it must name the owner. */
export const deprecatedTeamField = (zz: typeof z) =>
  dnsLabel(zz)
    .optional()
    .describe(
      'Deprecated: the team tag always names the owner; if given, it must name the owner',
    );

/** `cluster`, `namespace`, `owner`: a tenant's namespace on a configured cluster. */
export const tenantFields = (zz: typeof z, namespace: string) => ({
  cluster: zz.string().min(1).describe('Configured cluster name'),
  namespace: dnsLabel(zz).describe(namespace),
  owner: ownerField(zz),
});

/**
 * `virtualClusterArn`, `name`, `releaseLabel`, `executionRoleArn`, `owner`, `team`: what an
 * action makes on one of the team's virtual clusters, run by one of its roles.
 */
export const onVirtualClusterFields = (zz: typeof z, what: string) => ({
  virtualClusterArn: virtualClusterArn(zz).describe(
    `Virtual cluster the ${what} is for (its account, region and team tag)`,
  ),
  name: emrName(zz).describe(`${what[0].toUpperCase()}${what.slice(1)} name`),
  releaseLabel: releaseLabel(zz).describe('e.g. emr-7.5.0-latest'),
  executionRoleArn: roleArn(zz).describe('Job execution role ARN'),
  owner: ownerField(zz),
  team: deprecatedTeamField(zz),
});

/**
 * `buckets`: the S3 locations a job role may be granted, each checked against
 * `emrEks.provisioning.buckets` by `assertBucketGrants`.
 */
export const bucketGrantsField = (zz: typeof z) =>
  zz
    .array(
      zz.object({
        bucket: zz.string().regex(BUCKET_NAME, 'must be an S3 bucket name'),
        access: zz.enum(['read', 'readWrite']).default('read'),
        prefix: zz
          .string()
          .regex(/^[\w!\-.*'()/]*$/, 'must be an S3 key prefix')
          .optional(),
      }),
    )
    .default([])
    .describe(
      'S3 buckets jobs read or read and write; only within emrEks.provisioning.buckets',
    );
