import crypto from 'node:crypto';
import { Random } from '../../random';

export { jobRunArn, jobTemplateArn, managedEndpointArn } from '../../demo';

const BASE32_LOWER = '0123456789abcdefghijklmnopqrstuv';
const LOWER_ALNUM = '0123456789abcdefghijklmnopqrstuvwxyz';

/** Job run ids look like AWS's: 19 lowercase characters, leading zeros. */
export function newJobRunId(random: Random): string {
  return `0000000${random.string(12, BASE32_LOWER)}`;
}

/** Endpoint and job template ids: 25 lowercase letters and digits, like virtual cluster ids. */
export function newResourceId(random: Random): string {
  return random.string(25, LOWER_ALNUM);
}

/** Hex digits that depend only on `key` (for ids that must not use up PRNG draws). */
export function stableHex(key: string, length: number): string {
  return crypto.createHash('sha256').update(key).digest('hex').slice(0, length);
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

/** A small stable number for a string (FNV-1a), e.g. to salt seeds per region. */
export function hashString(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
