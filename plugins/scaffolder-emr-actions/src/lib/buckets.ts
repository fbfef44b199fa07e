import { InputError } from '@backstage/errors';
import type { BucketAccess } from './policies';

/** The config key listing where job execution roles may be granted S3 access. */
export const BUCKETS_KEY = 'emrEks.provisioning.buckets';

/**
 * A bucket pattern: `s3://<bucket>/<key prefix>*` where the bucket may hold `*` (any run of
 * bucket-name characters) and `${team}` (the owner's team tag value), and the key part may
 * end in `*` and nowhere else. `s3://data-lake/${team}/*` allows `data-lake` under the team's
 * folder; `s3://team-${team}-*` (or `s3://team-${team}-*\/*`) allows whole buckets whose name
 * starts that way.
 */
const PATTERN = /^s3:\/\/([a-z0-9.*${}-]+)(?:\/(.*))?$/;

/** Checks a configured pattern at startup; the error names the key. */
export function checkBucketPattern(pattern: string, at: string): void {
  const match = PATTERN.exec(pattern);
  const key = match?.[2] ?? '*';
  const placeholders = pattern.match(/\$\{[^}]*\}/g) ?? [];
  if (
    !match ||
    placeholders.some(p => p !== '${team}') ||
    !key.endsWith('*') ||
    key.slice(0, -1).includes('*')
  ) {
    throw new Error(
      `Invalid config value at ${at}: '${pattern}' is not an s3://<bucket>/<prefix> pattern (\${team} the only placeholder, * anywhere in the bucket, at the end of the prefix only)`,
    );
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether one grant lies inside one pattern, `${team}` already replaced. */
function covers(pattern: string, grant: BucketAccess): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const bucketGlob = new RegExp(
    `^${match[1].split('*').map(escape).join('[a-z0-9.-]*')}$`,
  );
  if (!bucketGlob.test(grant.bucket)) return false;
  const keyPattern = match[2] ?? '*';
  // What the grant reaches: `prefix/…`, or the whole bucket ('').
  const prefix = (grant.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const reach = prefix ? `${prefix}/` : '';
  return keyPattern.endsWith('*') && reach.startsWith(keyPattern.slice(0, -1));
}

/**
 * Refuses a bucket grant outside the configured patterns for the team (including any
 * wildcard in a prefix, and other teams' prefixes). With no patterns configured every grant
 * is refused: a role's S3 reach is the platform's decision, not the form's.
 */
export function assertBucketGrants(
  grants: BucketAccess[],
  patterns: string[],
  team: string,
): void {
  if (grants.length === 0) return;
  if (patterns.length === 0) {
    throw new InputError(
      `Invalid input: buckets: no bucket may be granted, ${BUCKETS_KEY} is not configured; ask the platform team to list the buckets tenants may use`,
    );
  }
  const allowed = patterns.map(p => p.split('${team}').join(team));
  for (const grant of grants) {
    const where = `s3://${grant.bucket}/${grant.prefix ?? ''}`;
    if (
      /[*?]/.test(grant.prefix ?? '') ||
      !allowed.some(p => covers(p, grant))
    ) {
      throw new InputError(
        `Invalid input: buckets: ${where} is outside the buckets allowed for ${team} (${allowed.join(
          ', ',
        )})`,
      );
    }
  }
}
