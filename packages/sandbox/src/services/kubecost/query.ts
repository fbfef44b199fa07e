/*
 * Query parameters of the Kubecost and OpenCost APIs: windows, durations,
 * booleans, accumulate, aggregation properties and filters, read the way the
 * cost model reads them (opencost `window.go`, `mapper.go`, filter language
 * v2), with its error messages.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

export type Flavor = 'kubecost' | 'opencost';

/** A 4xx answer, sent as `{"code":400,"status":"","data":null,"message":"Error: ..."}`. */
export class KubecostError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
  }
}

export interface Window {
  start: number;
  end: number;
}

const UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
};

const startOfDay = (ms: number) => Math.floor(ms / DAY) * DAY;

const RFC3339 = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z';
const RFC_PAIR = new RegExp(`^(${RFC3339}),(${RFC3339})$`);
const UNIX_PAIR = /^(\d+)[,-](\d+)$/;
const DURATION = /^(\d+)(m|h|d|w)$/;
const DURATION_OFFSET = /^(\d+)(m|h|d|w) offset (\d+)(m|h|d|w)$/;

/**
 * A window parameter as [start, end) in epoch ms: `today`, `yesterday`,
 * `week`, `lastweek`, `month`, `lastmonth`, durations (`15m`, `24h`, `7d`,
 * `2w`, `3h offset 1h`), `unix,unix` and `RFC3339,RFC3339` (UTC, `Z`).
 *
 * Durations end now for Kubecost; in days or weeks they start at midnight
 * (`3d` is three whole days and today so far, four daily sets). OpenCost
 * rounds them forward to the unit, as its `window.go` does (`7d` is today
 * and the six days before, to midnight tonight).
 */
export function parseWindow(
  raw: string | undefined,
  now: number,
  flavor: Flavor,
): Window {
  const window = (raw ?? '').trim();
  const fail = (): never => {
    throw new KubecostError(
      `Invalid 'window' parameter: illegal window: ${window}`,
    );
  };
  const today = startOfDay(now);
  const date = new Date(today);
  const weekStart = today - date.getUTCDay() * DAY;
  const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const named: Record<string, () => Window> = {
    today: () => ({ start: today, end: today + DAY }),
    yesterday: () => ({ start: today - DAY, end: today }),
    week: () => ({ start: weekStart, end: now }),
    lastweek: () => ({ start: weekStart - WEEK, end: weekStart }),
    month: () => ({ start: monthStart, end: now }),
    lastmonth: () => ({
      start: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1),
      end: monthStart,
    }),
  };
  let result: Window | undefined = named[window]?.();
  const duration = DURATION.exec(window);
  if (!result && duration) {
    const unit = UNITS[duration[2]];
    const span = Number(duration[1]) * unit;
    if (flavor === 'kubecost') {
      result =
        unit >= DAY
          ? { start: today - span, end: now }
          : { start: now - span, end: now };
    } else if (unit === WEEK) {
      result = {
        start: startOfDay(now - span) + DAY,
        end: today + DAY,
      };
    } else {
      const end = Math.floor(now / unit) * unit + unit;
      result = { start: end - span, end };
    }
  }
  const offset = DURATION_OFFSET.exec(window);
  if (!result && offset) {
    const end = now - Number(offset[3]) * UNITS[offset[4]];
    result = { start: end - Number(offset[1]) * UNITS[offset[2]], end };
  }
  const unix = UNIX_PAIR.exec(window);
  if (!result && unix) {
    result = { start: Number(unix[1]) * 1000, end: Number(unix[2]) * 1000 };
  }
  const rfc = RFC_PAIR.exec(window);
  if (!result && rfc) {
    result = { start: Date.parse(rfc[1]), end: Date.parse(rfc[2]) };
  }
  if (
    !result ||
    !Number.isFinite(result.start) ||
    !Number.isFinite(result.end) ||
    result.end <= result.start
  ) {
    return fail();
  }
  return result;
}

/** A Go duration (`1h`, `30m`, `1h30m`, `3600s`), plus `d` and `w`; in ms. */
export function parseDuration(raw: string): number | undefined {
  const text = raw.trim();
  if (!/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, n, unit] of text.matchAll(
    /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/g,
  )) {
    total += Number(n) * UNITS[unit];
  }
  return total;
}

/**
 * A boolean query parameter as Go's strconv.ParseBool reads it (`1`, `t`,
 * `T`, `TRUE`, `true`, `True` and the false forms); anything else, or
 * nothing, is the default.
 */
export function parseBool(raw: string | null, fallback: boolean): boolean {
  if (raw === null) return fallback;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return fallback;
}

/** How sets are summed: not at all, all into one, or per period. */
export type Accumulate = 'none' | 'all' | 'hour' | 'day' | 'week' | 'month';

/** `accumulate`: a boolean (`False` too), or hour, day, week, month. */
export function parseAccumulate(raw: string | null): Accumulate {
  const value = (raw ?? '').trim().toLowerCase();
  if (['hour', 'day', 'week', 'month'].includes(value)) {
    return value as Accumulate;
  }
  return parseBool(raw === null ? null : raw.trim(), false) || value === 'all'
    ? 'all'
    : 'none';
}

/** Start of the accumulation period that `ms` falls in (UTC; weeks from Sunday). */
export function periodStart(ms: number, period: Accumulate): number {
  switch (period) {
    case 'hour':
      return Math.floor(ms / HOUR) * HOUR;
    case 'day':
      return startOfDay(ms);
    case 'week':
      return startOfDay(ms) - new Date(ms).getUTCDay() * DAY;
    case 'month': {
      const d = new Date(ms);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    }
    default:
      return 0;
  }
}

/**
 * A Kubernetes label (or annotation) name as Prometheus, and so Kubecost,
 * reports it: every character other than a letter, digit or `_` becomes `_`.
 */
export function sanitizeLabel(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

export type AggregateProperty =
  | { kind: 'cluster' | 'node' | 'namespace' | 'controllerKind' }
  | { kind: 'controller' | 'service' | 'pod' | 'container' }
  | { kind: 'label' | 'annotation'; name: string };

const PLAIN_PROPERTIES: Record<string, AggregateProperty['kind']> = {
  cluster: 'cluster',
  node: 'node',
  namespace: 'namespace',
  controllerkind: 'controllerKind',
  controller: 'controller',
  service: 'service',
  pod: 'pod',
  container: 'container',
};

/**
 * `aggregate`: comma-separated properties (`cluster`, `node`, `namespace`,
 * `controllerKind`, `controller`, `service`, `pod`, `container`,
 * `label:<name>`, `annotation:<name>`; label names original or sanitized).
 * Empty means unaggregated.
 */
export function parseAggregate(raw: string | null): AggregateProperty[] {
  const text = (raw ?? '').trim();
  if (!text) return [];
  return text.split(',').map(part => {
    const value = part.trim();
    const labeled = /^(label|annotation):(.+)$/i.exec(value);
    if (labeled) {
      return {
        kind: labeled[1].toLowerCase() as 'label' | 'annotation',
        name: sanitizeLabel(labeled[2].trim()),
      };
    }
    const kind = PLAIN_PROPERTIES[value.toLowerCase()];
    if (!kind) {
      throw new KubecostError(
        `Invalid 'aggregate' parameter: unrecognized aggregation property: ${value}`,
      );
    }
    return { kind } as AggregateProperty;
  });
}

// Filters (language v2, plus the v1 filterX parameters)

export type FilterOp =
  | 'equals'
  | 'notEquals'
  | 'contains'
  | 'notContains'
  | 'startsWith'
  | 'notStartsWith'
  | 'endsWith'
  | 'notEndsWith';

export type FilterNode =
  | { type: 'and' | 'or'; children: FilterNode[] }
  | {
      type: 'compare';
      field: string;
      key?: string;
      op: FilterOp;
      values: string[];
    };

const OPS: Array<[string, FilterOp]> = [
  ['!<~:', 'notStartsWith'],
  ['!>~:', 'notEndsWith'],
  ['!~:', 'notContains'],
  ['<~:', 'startsWith'],
  ['>~:', 'endsWith'],
  ['!:', 'notEquals'],
  ['~:', 'contains'],
  [':', 'equals'],
];

/** A recursive-descent parser of one filter string. */
class FilterParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): FilterNode {
    const node = this.or();
    this.skipSpace();
    if (this.pos < this.text.length) this.fail('unexpected text');
    return node;
  }

  private fail(what: string): never {
    throw new KubecostError(
      `Invalid 'filter' parameter: ${what} at position ${this.pos} in: ${this.text}`,
    );
  }

  /** The character at the current position (a method: it moves). */
  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) {
      this.pos++;
    }
  }

  private or(): FilterNode {
    const children = [this.and()];
    this.skipSpace();
    while (this.peek() === '|') {
      this.pos++;
      children.push(this.and());
      this.skipSpace();
    }
    return children.length === 1 ? children[0] : { type: 'or', children };
  }

  private and(): FilterNode {
    const children = [this.unary()];
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      if (this.peek() === '+') {
        this.pos++;
      } else if (
        this.pos === before ||
        this.pos >= this.text.length ||
        /[|)]/.test(this.peek()!)
      ) {
        break;
      }
      children.push(this.unary());
    }
    return children.length === 1 ? children[0] : { type: 'and', children };
  }

  private string(): string {
    if (this.peek() !== '"') this.fail('expected a quoted value');
    this.pos++;
    let value = '';
    while (this.pos < this.text.length && this.peek() !== '"') {
      if (this.peek() === '\\' && this.pos + 1 < this.text.length) this.pos++;
      value += this.text[this.pos++];
    }
    if (this.peek() !== '"') this.fail('unterminated value');
    this.pos++;
    return value;
  }

  private unary(): FilterNode {
    this.skipSpace();
    if (this.peek() === '(') {
      this.pos++;
      const inner = this.or();
      this.skipSpace();
      if (this.peek() !== ')') this.fail("expected ')'");
      this.pos++;
      return inner;
    }
    const field = /^[A-Za-z]+/.exec(this.text.slice(this.pos))?.[0];
    if (!field) return this.fail('expected a filter field');
    this.pos += field.length;
    let key: string | undefined;
    if (this.peek() === '[') {
      const end = this.text.indexOf(']', this.pos);
      if (end < 0) this.fail("expected ']'");
      key = this.text.slice(this.pos + 1, end).trim();
      this.pos = end + 1;
    }
    this.skipSpace();
    const op = OPS.find(([symbol]) => this.text.startsWith(symbol, this.pos));
    if (!op) return this.fail('expected an operator');
    this.pos += op[0].length;
    this.skipSpace();
    const values = [this.string()];
    for (;;) {
      // Spaces after the last value may separate the next comparison.
      const after = this.pos;
      this.skipSpace();
      if (this.peek() !== ',') {
        this.pos = after;
        break;
      }
      this.pos++;
      this.skipSpace();
      values.push(this.string());
    }
    return { type: 'compare', field, key, op: op[1], values };
  }
}

/**
 * Parses a v2 filter: `field:"value"` comparisons (`:`, `!:`, `~:`, `!~:`,
 * `<~:`, `!<~:`, `>~:`, `!>~:`; several values `"a","b"` mean any of),
 * `label[name]:"value"`, combined with `+` (and), `|` (or) and parentheses.
 * A `+` that arrived as a space (unencoded in the URL) also means and.
 */
export function parseFilter(raw: string): FilterNode | undefined {
  const text = raw.trim();
  return text ? new FilterParser(text).parse() : undefined;
}

/**
 * The filter of v1 parameters (`filterNamespaces=a,b`, `filterLabels=app:x`,
 * …): any of the values within a parameter, all parameters. A trailing `*`
 * matches a prefix.
 */
export function legacyFilter(
  params: URLSearchParams,
  fields: Record<string, string>,
): FilterNode | undefined {
  const children: FilterNode[] = [];
  for (const [param, field] of Object.entries(fields)) {
    const raw = params.get(param);
    if (!raw) continue;
    const alternatives: FilterNode[] = raw
      .split(',')
      .map(v => v.trim())
      .filter(Boolean)
      .map(value => {
        let key: string | undefined;
        let text = value;
        if (field === 'label') {
          const sep = value.search(/[:=]/);
          if (sep < 0) {
            throw new KubecostError(
              `Invalid '${param}' parameter: expected name:value, got ${value}`,
            );
          }
          key = value.slice(0, sep).trim();
          text = value.slice(sep + 1).trim();
        }
        const prefix = text.endsWith('*');
        return {
          type: 'compare',
          field,
          key,
          op: prefix ? 'startsWith' : 'equals',
          values: [prefix ? text.slice(0, -1) : text],
        };
      });
    if (alternatives.length) {
      children.push({ type: 'or', children: alternatives });
    }
  }
  return children.length ? { type: 'and', children } : undefined;
}

/** Reads one field of an item; undefined when the item does not have it. */
export type FieldReader<T> = (
  item: T,
  key: string | undefined,
) => string | string[] | undefined;

/**
 * Checks that every field the filter names is known, and returns a
 * predicate. Fields of `fields` are matched case-insensitively; values of
 * the fields in `caseless` too.
 */
export function compileFilter<T>(
  filter: FilterNode | undefined,
  fields: Record<string, FieldReader<T>>,
  caseless: string[] = [],
): (item: T, only?: (field: string) => boolean) => boolean {
  const byName = new Map(
    Object.entries(fields).map(([name, read]) => [name.toLowerCase(), read]),
  );
  const check = (node: FilterNode) => {
    if (node.type !== 'compare') {
      node.children.forEach(check);
      return;
    }
    if (!byName.has(node.field.toLowerCase())) {
      throw new KubecostError(
        `Invalid 'filter' parameter: unknown filter field: ${node.field}`,
      );
    }
  };
  if (filter) check(filter);
  const lowered = new Set(caseless.map(f => f.toLowerCase()));
  const test = (
    node: FilterNode,
    item: T,
    only?: (field: string) => boolean,
  ): boolean => {
    if (node.type !== 'compare') {
      return node.type === 'and'
        ? node.children.every(c => test(c, item, only))
        : node.children.some(c => test(c, item, only));
    }
    const field = node.field.toLowerCase();
    // Comparisons on fields the item cannot be judged by pass (idle cost).
    if (only && !only(field)) return true;
    const read = byName.get(field)!;
    const got = read(
      item,
      node.key === undefined ? undefined : sanitizeLabel(node.key),
    );
    const fold = (v: string) => (lowered.has(field) ? v.toLowerCase() : v);
    const actual = (Array.isArray(got) ? got : [got ?? '']).map(fold);
    const wanted = node.values.map(fold);
    const any = (f: (a: string, w: string) => boolean) =>
      actual.some(a => wanted.some(w => f(a, w)));
    switch (node.op) {
      case 'equals':
        return any((a, w) => a === w);
      case 'notEquals':
        return !any((a, w) => a === w);
      case 'contains':
        return any((a, w) => a.includes(w));
      case 'notContains':
        return !any((a, w) => a.includes(w));
      case 'startsWith':
        return any((a, w) => a.startsWith(w));
      case 'notStartsWith':
        return !any((a, w) => a.startsWith(w));
      case 'endsWith':
        return any((a, w) => a.endsWith(w));
      default:
        return !any((a, w) => a.endsWith(w));
    }
  };
  return (item, only) => (filter ? test(filter, item, only) : true);
}

/** Both filters, when both are given. */
export function bothFilters(
  a: FilterNode | undefined,
  b: FilterNode | undefined,
): FilterNode | undefined {
  if (!a) return b;
  if (!b) return a;
  return { type: 'and', children: [a, b] };
}

/** Most sets one query may ask for. */
export const MAX_SETS = 10_000;

/**
 * The sets of a query: `step`-long pieces of the window (the last one cut at
 * the window's end), chronological; one set when there is no step.
 */
export function splitWindow(
  window: Window,
  step: number | undefined,
): Window[] {
  if (step === undefined) return [window];
  const count = Math.ceil((window.end - window.start) / step);
  if (count > MAX_SETS) {
    throw new KubecostError(
      `Invalid 'step' parameter: the window would have ${count} sets; at most ${MAX_SETS}`,
    );
  }
  const sets: Window[] = [];
  for (let start = window.start; start < window.end; start += step) {
    sets.push({ start, end: Math.min(start + step, window.end) });
  }
  return sets;
}

/** The whole UTC days a window touches, each cut to the window. */
export function dailySets(window: Window): Window[] {
  const sets: Window[] = [];
  for (let day = startOfDay(window.start); day < window.end; day += DAY) {
    sets.push({
      start: Math.max(day, window.start),
      end: Math.min(day + DAY, window.end),
    });
  }
  return sets;
}

/** `step`: a positive duration; undefined when not given. */
export function parseStep(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const step = parseDuration(raw);
  if (step === undefined || !(step > 0)) {
    throw new KubecostError(
      `Invalid 'step' parameter: ${raw} is not a positive duration`,
    );
  }
  return step;
}
