import { ResourceKind } from './resources';

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** An API server answer that is not 2xx, as a Status object. */
export class KubeStatusError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toStatus() {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export const qualified = (r: ResourceKind) =>
  r.group ? `${r.plural}.${r.group}` : r.plural;

export const details = (r: ResourceKind, name: string) => ({
  name,
  ...(r.group ? { group: r.group } : {}),
  kind: r.plural,
});

export const notFound = (r: ResourceKind, name: string) =>
  new KubeStatusError(
    404,
    'NotFound',
    `${qualified(r)} "${name}" not found`,
    details(r, name),
  );

/** Why a name is invalid, worded as apimachinery's validation, or undefined. */
export function invalidName(
  rule: ResourceKind['nameRule'],
  name: string,
): string | undefined {
  if (rule === 'path') {
    if (name === '.' || name === '..') return `may not be '${name}'`;
    if (/[/%]/.test(name)) return `may not contain '/' or '%'`;
    return undefined;
  }
  if (rule === 'label') {
    if (name.length > 63) return 'must be no more than 63 characters';
    if (!LABEL.test(name)) {
      return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    }
    return undefined;
  }
  if (name.length > 253) return 'must be no more than 253 characters';
  if (!SUBDOMAIN.test(name)) {
    return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  }
  return undefined;
}

export function invalid(
  r: ResourceKind,
  name: string,
  field: string,
  value: string,
  why: string,
) {
  return new KubeStatusError(
    422,
    'Invalid',
    `${r.kind} "${name}" is invalid: ${field}: Invalid value: "${value}": ${why}`,
    {
      ...details(r, name),
      kind: r.kind,
      causes: [
        {
          reason: 'FieldValueInvalid',
          message: `Invalid value: "${value}": ${why}`,
          field,
        },
      ],
    },
  );
}
