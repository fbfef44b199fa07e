import { InputError } from '@backstage/errors';
import {
  parseVirtualClusterArn as parseArn,
  VirtualClusterArn,
} from '@emr-eks/plugin-emr-eks-common';
import { z } from 'zod';

/** DNS-1123 label: Kubernetes namespace and object names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** A non-negative Kubernetes quantity: `4`, `500m`, `16Gi`, `1.5`, `1e3`. */
export const QUANTITY =
  /^(\d+(\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
/** EMR on EKS release labels, e.g. `emr-7.5.0-latest`, `emr-6.10.0-java17-20230624`. */
export const RELEASE_LABEL = /^emr-\d+\.\d+\.\d+(-java\d+)?-(latest|\d{8})$/;
/** EMR Serverless release labels: `emr-7.5.0` (no `-latest`, no date). */
export const SERVERLESS_RELEASE_LABEL = /^emr-\d+\.\d+\.\d+$/;
/** VPC subnet and security group ids: 8 or 17 hex digits. */
export const SUBNET_ID = /^subnet-([0-9a-f]{8}|[0-9a-f]{17})$/;
export const SECURITY_GROUP_ID = /^sg-([0-9a-f]{8}|[0-9a-f]{17})$/;
/** An image in Amazon ECR, by tag or digest (the service model's ImageUri). */
export const ECR_IMAGE_URI =
  /^\d{12}\.dkr\.ecr\.[a-z0-9-]+\.[a-z0-9._-]+\/((?:[a-z0-9]+(?:[-._][a-z0-9]+)*\/)*[a-z0-9]+(?:[-._][a-z0-9]+)*)(?::[a-zA-Z0-9_][a-zA-Z0-9-._]*|@sha256:[0-9a-f]{64})$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
export const ROLE_ARN =
  /^arn:aws[a-z-]*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/;
export const CERTIFICATE_ARN =
  /^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[0-9a-zA-Z-]+$/;
/** S3 bucket names (no dots-adjacent or IP checks; AWS does those). */
export const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** Name of EMR on EKS resources (virtual cluster, endpoint, job template). */
export const EMR_NAME = /^[.\-_/#A-Za-z0-9]{1,64}$/;

export const dnsLabel = (zz: typeof z) =>
  zz
    .string()
    .max(63, 'must be at most 63 characters')
    .regex(
      DNS1123_LABEL,
      'must be a DNS-1123 label: lowercase letters, digits and dashes, starting and ending with a letter or digit',
    );

export const quantity = (zz: typeof z) =>
  zz
    .string()
    .regex(
      QUANTITY,
      "must be a Kubernetes quantity such as '4', '500m' or '16Gi'",
    );

export const releaseLabel = (zz: typeof z) =>
  zz
    .string()
    .regex(
      RELEASE_LABEL,
      "must be an EMR release label such as 'emr-7.5.0-latest'",
    );

export const roleName = (zz: typeof z) =>
  zz
    .string()
    .min(1)
    .max(64, 'must be at most 64 characters (IAM role name limit)')
    .regex(
      /^[\w+=,.@-]+$/,
      'may only contain letters, digits and + = , . @ _ -',
    );

export const roleArn = (zz: typeof z) =>
  zz.string().regex(ROLE_ARN, 'must be an IAM role ARN');

export const virtualClusterArn = (zz: typeof z) =>
  zz
    .string()
    .refine(
      arn => parseArn(arn) !== undefined,
      "must be an EMR on EKS virtual cluster ARN ('arn:aws:emr-containers:<region>:<account>:/virtualclusters/<id>')",
    );

export const emrName = (zz: typeof z) =>
  zz
    .string()
    .regex(
      EMR_NAME,
      'must be 1-64 characters of letters, digits and . - _ / #',
    );

/** Parses action input; the error names the field at fault. */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  input: unknown,
): z.output<T> {
  // Templates render an unset optional parameter as '' or null; treat it as absent.
  const cleaned =
    input && typeof input === 'object' && !Array.isArray(input)
      ? Object.fromEntries(
          Object.entries(input).filter(([, v]) => v !== '' && v !== null),
        )
      : input;
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const messages = result.error.issues.map(
      issue => `${issue.path.join('.') || '(input)'}: ${issue.message}`,
    );
    throw new InputError(`Invalid input: ${messages.join('; ')}`);
  }
  return result.data;
}

/**
 * The parts of a virtual cluster ARN, by the suite's one parser (`-common`); an InputError
 * naming the `virtualClusterArn` field when it is not one.
 */
export function parseVirtualClusterArn(arn: string): VirtualClusterArn {
  const parsed = parseArn(arn);
  if (!parsed) {
    throw new InputError(
      `Invalid input: virtualClusterArn: '${arn}' is not an EMR on EKS virtual cluster ARN`,
    );
  }
  return parsed;
}

/**
 * Hands a schema built with this package's zod to `createTemplateAction`, whose types come
 * from another copy of zod. Handlers parse `ctx.input` with the same builder (`parseInput`),
 * which applies defaults and names the field at fault.
 */
export function asActionSchema<T extends z.ZodTypeAny>(
  build: (zz: typeof z) => T,
): (zImpl: any) => any {
  return build as unknown as (zImpl: any) => any;
}
