import { DEMO } from '../../demo';
import { Random } from '../../random';

const BASE32_LOWER = '0123456789abcdefghijklmnopqrstuv';

/** Job run ids look like AWS's: 19 lowercase characters, leading zeros. */
export function newJobRunId(random: Random): string {
  return `0000000${random.string(12, BASE32_LOWER)}`;
}

export function jobRunArn(virtualClusterId: string, jobRunId: string): string {
  return `arn:aws:emr-containers:${DEMO.region}:${DEMO.accountId}:/virtualclusters/${virtualClusterId}/jobruns/${jobRunId}`;
}

/** A UUID-shaped string from the seeded PRNG (Airflow-style client tokens). */
export function seededUuid(random: Random): string {
  const hex = random.string(32, '0123456789abcdef');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** AWS returns timestamps with whole seconds. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
