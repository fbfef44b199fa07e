import {
  JobRunSummary,
  ServerlessWorkerResources,
  isTerminalJobRunState,
} from '@emr-eks/plugin-emr-eks-common';

const pad = (n: number) => String(n).padStart(2, '0');

/** `45s`, `12m 30s`, `1h 05m`, `2d 03h`. */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days > 0) {
    return `${days}d ${pad(hours)}h`;
  }
  if (hours > 0) {
    return `${hours}h ${pad(minutes)}m`;
  }
  if (minutes > 0) {
    return `${minutes}m ${pad(seconds)}s`;
  }
  return `${seconds}s`;
}

/**
 * How long a run took: created to finished, or created to `now` while it has not
 * ended. Undefined when the timestamps needed are missing or unreadable.
 */
export function jobRunDuration(
  run: Pick<JobRunSummary, 'state' | 'createdAt' | 'finishedAt'>,
  now: number = Date.now(),
): string | undefined {
  const created = parseTime(run.createdAt);
  if (created === undefined) {
    return undefined;
  }
  let end: number | undefined;
  if (run.finishedAt) {
    end = parseTime(run.finishedAt);
  } else if (!isTerminalJobRunState(run.state)) {
    end = now;
  }
  return end === undefined ? undefined : formatDuration(end - created);
}

/**
 * The readable tail of an IAM or STS ARN: `arn:aws:iam::123456789012:user/alice`
 * gives `alice`, an assumed role gives `RoleName/session`. Anything that is not
 * an ARN comes back unchanged.
 */
export function shortPrincipal(arn: string): string {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') {
    return arn;
  }
  const resource = parts.slice(5).join(':');
  if (resource.startsWith('assumed-role/')) {
    return resource.slice('assumed-role/'.length);
  }
  const segments = resource.split('/');
  return segments[segments.length - 1] || resource;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

/** A local, readable date and time; undefined for a missing or unreadable timestamp. */
export function formatDateTime(iso: string | undefined): string | undefined {
  const time = parseTime(iso);
  return time === undefined ? undefined : dateTimeFormat.format(time);
}

const shortFormats = {
  thisYear: new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }),
  otherYear: new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }),
};

/**
 * A local date and time for a table cell, to the minute, the year only when it
 * is not this year; undefined for a missing or unreadable timestamp.
 */
export function formatShortDateTime(
  iso: string | undefined,
  now = new Date(),
): string | undefined {
  const time = parseTime(iso);
  if (time === undefined) {
    return undefined;
  }
  const sameYear = new Date(time).getFullYear() === now.getFullYear();
  return (sameYear ? shortFormats.thisYear : shortFormats.otherYear).format(
    time,
  );
}

function parseTime(iso: string | undefined): number | undefined {
  if (!iso) {
    return undefined;
  }
  const time = Date.parse(iso);
  return Number.isNaN(time) ? undefined : time;
}

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** How long ago something was, in words: `less than a minute ago`, `5 minutes ago`, `3 hours ago`, `2 days ago`. */
export function describeAge(seconds: number): string {
  const minutes = Math.floor(Math.max(0, seconds) / 60);
  if (minutes < 1) {
    return 'less than a minute ago';
  }
  if (minutes < 120) {
    return `${plural(minutes, 'minute')} ago`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 48) {
    return `${plural(hours, 'hour')} ago`;
  }
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/** An EMR Serverless worker size or capacity: `4 vCPU, 16 GB, 20 GB disk`. */
export function describeWorkerResources(
  resources: ServerlessWorkerResources,
): string {
  return [
    resources.cpu,
    resources.memory,
    resources.disk && `${resources.disk} disk`,
  ]
    .filter(Boolean)
    .join(', ');
}
