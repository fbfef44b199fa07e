import type { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import { KubecostResponseError } from './errors';
import { mergeNodes } from './joinCapacity';
import {
  EMR_POD_LABELS,
  capacityTypeOf,
  instanceTypeOf,
  labelValue,
  normalizeProviderId,
  parseAggregateKey,
  parseJobKey,
  SPARK_POD_LABELS,
  toSparkComponent,
} from './labels';
import {
  Allocation,
  allocationDataSchema,
  assetDataSchema,
  envelopeSchema,
} from './schema';
import type {
  JobAllocationRow,
  KubecostAllocationApi,
  KubecostClient,
  KubecostClientOptions,
  KubecostFlavor,
  KubecostNode,
  KubecostWindow,
  SparkAllocationRow,
} from './types';

const DEFAULT_TIMEOUT_MS = 60_000;
const GIB = 2 ** 30;
/** Longest upstream message quoted in an error. */
const MAX_MESSAGE = 300;

/**
 * The aggregate of the AWS cost exporter plus the component label, so that driver, executor and
 * submitter cost can be told apart. Keys come back as `<pod>/<jobId>/<vcId>/<component>`.
 */
export const JOB_AGGREGATE = [
  'pod',
  `label:${EMR_POD_LABELS.jobRunId}`,
  `label:${EMR_POD_LABELS.virtualClusterId}`,
  `label:${EMR_POD_LABELS.component}`,
].join(',');

/**
 * Spark pods by namespace and application, with the labels that tell a Spark Operator run, a
 * spark-submit run, an EMR runtime image and an EMR on EKS job run (left out) apart. Keys come
 * back as `<namespace>/<selector>/<operator app>/<spark-app-name>/<emr.internal.id>/<job.id>`.
 */
export const SPARK_AGGREGATE = [
  'namespace',
  `label:${SPARK_POD_LABELS.appSelector}`,
  `label:${SPARK_POD_LABELS.appName}`,
  `label:${SPARK_POD_LABELS.sparkAppName}`,
  `label:${SPARK_POD_LABELS.emrRuntime}`,
  `label:${EMR_POD_LABELS.jobRunId}`,
].join(',');

const PATHS: Record<
  KubecostFlavor,
  (api: KubecostAllocationApi) => { allocation: string; assets: string }
> = {
  kubecost: api => ({
    allocation:
      api === 'etl' ? '/model/allocation' : '/model/allocation/compute',
    assets: '/model/assets',
  }),
  // OpenCost serves `/allocation/compute` under `/allocation` as well.
  opencost: () => ({ allocation: '/allocation', assets: '/assets' }),
};

const PRODUCT: Record<KubecostFlavor, string> = {
  kubecost: 'Kubecost',
  opencost: 'OpenCost',
};

const GATEWAY_STATUSES = new Set([502, 503, 504]);

type Params = Array<[string, string]>;

/**
 * The default {@link KubecostClient}: plain HTTP GETs to Kubecost or OpenCost, each given up after
 * the timeout, answers checked with zod. No retries here: the caller falls back to stored history
 * when the API is unavailable.
 *
 * Requests (window as whole-second RFC3339 UTC, `:` `,` `/` left unescaped, the rest
 * percent-encoded):
 * - Kubecost allocation: `GET /model/allocation/compute` (or `/model/allocation`)
 *   `?window=<start>,<end>&aggregate=pod,label:emr-containers.amazonaws.com/job.id,label:emr-containers.amazonaws.com/virtual-cluster-id,label:emr-containers.amazonaws.com/component&accumulate=false&step=1h&idle=false`
 * - OpenCost allocation: `GET /allocation?…same…&includeIdle=false` (instead of `idle=false`)
 * - Kubecost nodes: `GET /model/assets?window=<start>,<end>&accumulate=false&filterCategories=compute&filterTypes=Node`
 * - OpenCost nodes: `GET /assets?window=<start>,<end>` (it takes no type filter we can rely on;
 *   Node assets are picked here, as they are for Kubecost too)
 *
 * @public
 */
export class DefaultKubecostClient implements KubecostClient {
  private constructor(
    private readonly origin: string,
    private readonly pathPrefix: string,
    private readonly flavor: KubecostFlavor,
    private readonly paths: { allocation: string; assets: string },
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch,
    private readonly logger?: LoggerService,
  ) {}

  /**
   * Checks the options (an http(s) base URL without credentials, a positive timeout) and
   * returns the client. Errors name the option, never its value.
   */
  static create(options: KubecostClientOptions): DefaultKubecostClient {
    const { baseUrl, flavor, logger } = options;
    if (flavor !== 'kubecost' && flavor !== 'opencost') {
      throw new TypeError(
        `Kubecost client flavor must be 'kubecost' or 'opencost'`,
      );
    }
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new TypeError(`${PRODUCT[flavor]} baseUrl is not a valid URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError(`${PRODUCT[flavor]} baseUrl must be http or https`);
    }
    if (url.username || url.password || url.search || url.hash) {
      throw new TypeError(
        `${PRODUCT[flavor]} baseUrl must not carry credentials, a query or a fragment`,
      );
    }
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
      throw new TypeError(
        `${PRODUCT[flavor]} timeoutMs must be a positive number`,
      );
    }
    return new DefaultKubecostClient(
      url.origin,
      url.pathname.replace(/\/+$/, ''),
      flavor,
      PATHS[flavor](options.allocationApi ?? 'compute'),
      timeoutMs,
      options.fetch ?? globalThis.fetch,
      logger,
    );
  }

  async allocationByJob(
    window: KubecostWindow,
    options?: { step?: '1h' },
  ): Promise<JobAllocationRow[]> {
    const step = options?.step ?? '1h';
    if (step !== '1h') {
      throw new InputError(`Unsupported allocation step '${step}'; use 1h`);
    }
    const span = windowParam(window);
    const params: Params = [
      ['window', span.param],
      ['aggregate', JOB_AGGREGATE],
      ['accumulate', 'false'],
      ['step', step],
      this.flavor === 'kubecost' ? ['idle', 'false'] : ['includeIdle', 'false'],
    ];
    const { data, path } = await this.get(this.paths.allocation, params);
    const sets = this.parse(allocationDataSchema, data, path) ?? [];

    const rows: JobAllocationRow[] = [];
    let skipped = 0;
    for (const set of sets) {
      for (const [key, allocation] of Object.entries(set ?? {})) {
        if (!allocation) {
          continue;
        }
        const row = toJobRow(key, allocation, span);
        if (row) {
          rows.push(row);
        } else {
          skipped += 1;
        }
      }
    }
    this.logger?.debug(
      `${PRODUCT[this.flavor]} GET ${path}: ${rows.length} EMR pod rows in ${
        sets.length
      } sets, ${skipped} allocations without an EMR job left out`,
    );
    return rows;
  }

  async allocationBySparkApplication(
    window: KubecostWindow,
  ): Promise<SparkAllocationRow[]> {
    const span = windowParam(window);
    const params: Params = [
      ['window', span.param],
      ['aggregate', SPARK_AGGREGATE],
      ['accumulate', 'true'],
      this.flavor === 'kubecost' ? ['idle', 'false'] : ['includeIdle', 'false'],
    ];
    const { data, path } = await this.get(this.paths.allocation, params);
    const sets = this.parse(allocationDataSchema, data, path) ?? [];
    // One application may come in several sets (the ETL API keeps days apart): summed here.
    const byKey = new Map<string, SparkAllocationRow>();
    for (const set of sets) {
      for (const [key, allocation] of Object.entries(set ?? {})) {
        const row = allocation ? toSparkRow(key, allocation) : undefined;
        if (!row) {
          continue;
        }
        const known = byKey.get(key);
        if (known) {
          known.minutes += row.minutes;
          known.cpuCoreRequestHours += row.cpuCoreRequestHours;
          known.ramGbRequestHours += row.ramGbRequestHours;
          known.totalCost += row.totalCost;
        } else {
          byKey.set(key, row);
        }
      }
    }
    return [...byKey.values()];
  }

  async nodes(window: KubecostWindow): Promise<KubecostNode[]> {
    const span = windowParam(window);
    const params: Params =
      this.flavor === 'kubecost'
        ? [
            ['window', span.param],
            ['accumulate', 'false'],
            ['filterCategories', 'compute'],
            ['filterTypes', 'Node'],
          ]
        : [['window', span.param]];
    const { data, path } = await this.get(this.paths.assets, params);
    const parsed = this.parse(assetDataSchema, data, path);
    const sets = Array.isArray(parsed) ? parsed : [parsed];

    const byId = new Map<string, KubecostNode>();
    for (const set of sets) {
      for (const asset of Object.values(set ?? {})) {
        if (asset?.type?.toLowerCase() !== 'node') {
          continue;
        }
        const providerId = asset.properties?.providerID?.trim();
        if (!providerId) {
          continue; // aggregated (by type, cluster …) or not from a cloud provider
        }
        const instanceType = instanceTypeOf(asset.labels, asset.nodeType);
        const node: KubecostNode = {
          providerId,
          name:
            asset.properties?.name?.trim() ||
            labelValue(asset.labels, 'kubernetes.io/hostname') ||
            providerId,
          capacityType: capacityTypeOf(asset.labels, asset.preemptible),
          ...(instanceType ? { instanceType } : {}),
        };
        const id = normalizeProviderId(providerId);
        const known = byId.get(id);
        byId.set(id, known ? mergeNodes(known, node) : node);
      }
    }
    return [...byId.values()];
  }

  /** GETs `path` and returns the envelope's `data`; every failure becomes a clear error. */
  private async get(
    path: string,
    params: Params,
  ): Promise<{ data: unknown; path: string }> {
    const fullPath = `${this.pathPrefix}${path}`;
    const url = `${this.origin}${fullPath}?${params
      .map(([name, value]) => `${name}=${encodeQueryValue(value)}`)
      .join('&')}`;
    const what = `${PRODUCT[this.flavor]} GET ${fullPath}`;

    let response: Response;
    try {
      response = await this.fetchFn(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.unavailable(what, error);
    }

    let body: unknown;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.unavailable(what, error);
    }
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const envelope = envelopeSchema.safeParse(body);
    const message = envelope.success ? quote(envelope.data.message) : undefined;

    if (!response.ok) {
      const detail = `${what} answered HTTP ${response.status}${
        message ? `: ${message}` : ''
      }`;
      if (GATEWAY_STATUSES.has(response.status)) {
        throw new ServiceUnavailableError(`${detail}; it is unavailable`);
      }
      throw new KubecostResponseError(detail);
    }
    if (!envelope.success) {
      throw new KubecostResponseError(
        `${what} did not answer with a JSON {code, data} envelope`,
      );
    }
    const code = envelope.data.code;
    if (typeof code === 'number' && (code < 200 || code > 299)) {
      throw new KubecostResponseError(
        `${what} answered code ${code}${message ? `: ${message}` : ''}`,
      );
    }
    return { data: envelope.data.data, path: fullPath };
  }

  private parse<T extends z.ZodTypeAny>(
    schema: T,
    data: unknown,
    path: string,
  ): z.output<T> {
    const result = schema.safeParse(data);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new KubecostResponseError(
        `${
          PRODUCT[this.flavor]
        } GET ${path} answered in an unexpected format (data.${issue.path.join(
          '.',
        )}: ${issue.message})`,
      );
    }
    return result.data;
  }

  /**
   * The API could not be reached or did not answer in time. The cause (which can name the host)
   * is logged, not attached, so it never reaches an HTTP response.
   */
  private unavailable(what: string, error: unknown): ServiceUnavailableError {
    const name = (error as { name?: unknown } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new ServiceUnavailableError(
        `${what} did not answer within ${this.timeoutMs / 1000} s`,
      );
    }
    const code = networkCode(error);
    this.logger?.warn(`${what} failed: ${String(error)}`, {
      code: code ?? 'unknown',
    });
    return new ServiceUnavailableError(
      `${what} failed: ${PRODUCT[this.flavor]} is unreachable${
        code ? ` (${code})` : ''
      }`,
    );
  }
}

/**
 * One allocation of the job query as a row; `undefined` when it is no EMR pod (idle, unmounted,
 * shared, or none of the EMR labels). Labels win over key parts.
 */
function toJobRow(
  key: string,
  allocation: Allocation,
  span: { start: string; end: string },
): JobAllocationRow | undefined {
  const keyParts = parseJobKey(key);
  if (!keyParts) {
    return undefined;
  }
  const properties = allocation.properties ?? {};
  const labels = properties.labels;
  const jobRunId =
    labelValue(labels, EMR_POD_LABELS.jobRunId) ?? keyParts.jobRunId;
  const virtualClusterId =
    labelValue(labels, EMR_POD_LABELS.virtualClusterId) ??
    keyParts.virtualClusterId;
  const emrComponent =
    labelValue(labels, EMR_POD_LABELS.component) ?? keyParts.component;
  // A pod with any EMR label is EMR's: kept even when the others are missing, so its cost is
  // reported as unattributed instead of vanishing.
  if (!jobRunId && !virtualClusterId && !emrComponent) {
    return undefined;
  }
  const component = toSparkComponent(
    emrComponent,
    labelValue(labels, 'spark-role'),
  );

  const minutes = allocation.minutes ?? 0;
  const cpuCoreRequestAverage = allocation.cpuCoreRequestAverage ?? 0;
  const ramByteRequestAverage = allocation.ramByteRequestAverage ?? 0;
  const row: JobAllocationRow = {
    windowStart:
      isoOf(allocation.window?.start) ?? isoOf(allocation.start) ?? span.start,
    windowEnd:
      isoOf(allocation.window?.end) ?? isoOf(allocation.end) ?? span.end,
    pod: keyParts.pod ?? properties.pod ?? '',
    ...(jobRunId ? { jobRunId } : {}),
    ...(virtualClusterId ? { virtualClusterId } : {}),
    component,
    minutes,
    cpuCoreHours: allocation.cpuCoreHours ?? 0,
    cpuCoreRequestAverage,
    cpuCoreUsageAverage: allocation.cpuCoreUsageAverage ?? 0,
    ramByteHours: allocation.ramByteHours ?? 0,
    ramByteRequestAverage,
    ramByteUsageAverage: allocation.ramByteUsageAverage ?? 0,
    cpuCoreRequestHours: (cpuCoreRequestAverage * minutes) / 60,
    ramGbRequestHours: (ramByteRequestAverage * minutes) / 60 / GIB,
    cpuCost: allocation.cpuCost ?? 0,
    ramCost: allocation.ramCost ?? 0,
    pvCost: allocation.pvCost ?? 0,
    networkCost: allocation.networkCost ?? 0,
    totalCost: allocation.totalCost ?? 0,
  };
  for (const [field, value] of [
    ['namespace', properties.namespace],
    ['node', properties.node],
    ['cluster', properties.cluster],
    ['providerId', properties.providerID],
  ] as const) {
    if (value) {
      row[field] = value;
    }
  }
  if (typeof allocation.cpuEfficiency === 'number') {
    row.cpuEfficiency = allocation.cpuEfficiency;
  }
  if (typeof allocation.ramEfficiency === 'number') {
    row.ramEfficiency = allocation.ramEfficiency;
  }
  return row;
}

/**
 * One allocation of the Spark query as a row; undefined for idle and other non-pod cost, for
 * pods of no Spark application, and for EMR on EKS job runs' pods (counted by the job query).
 */
function toSparkRow(
  key: string,
  allocation: Allocation,
): SparkAllocationRow | undefined {
  const parts = parseAggregateKey(key, 6);
  if (!parts) {
    return undefined;
  }
  const [keyNamespace, selector, operatorApp, sparkAppName, emrId, jobRunId] =
    parts;
  const namespace = keyNamespace ?? allocation.properties?.namespace?.trim();
  if (!namespace || jobRunId || (!selector && !operatorApp)) {
    return undefined;
  }
  const minutes = allocation.minutes ?? 0;
  return {
    namespace,
    ...(selector ? { sparkAppSelector: selector } : {}),
    ...(operatorApp ? { operatorAppName: operatorApp } : {}),
    ...(sparkAppName ? { sparkAppName } : {}),
    emrRuntime: emrId !== undefined,
    minutes,
    // An aggregate's averages are over its whole span, so average times minutes is the sum.
    cpuCoreRequestHours:
      ((allocation.cpuCoreRequestAverage ?? 0) * minutes) / 60,
    ramGbRequestHours:
      ((allocation.ramByteRequestAverage ?? 0) * minutes) / 60 / GIB,
    totalCost: allocation.totalCost ?? 0,
  };
}

/** `window=<start>,<end>`, whole seconds in UTC, as the AWS exporter sends it. */
function windowParam(window: KubecostWindow): {
  param: string;
  start: string;
  end: string;
} {
  const start = window?.start?.getTime?.();
  const end = window?.end?.getTime?.();
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw new InputError('A cost window needs a valid start and end');
  }
  const startIso = rfc3339(start);
  const endIso = rfc3339(end);
  if (endIso <= startIso) {
    throw new InputError(
      'A cost window must end at least one second after it starts',
    );
  }
  return {
    param: `${startIso},${endIso}`,
    start: new Date(startIso).toISOString(),
    end: new Date(endIso).toISOString(),
  };
}

function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

function isoOf(value: string | null | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** Percent-encodes a query value but keeps `:` `,` `/`, which are legal there and readable in logs. */
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%(3A|2C|2F)/gi, match =>
    decodeURIComponent(match),
  );
}

function quote(message: string | null | undefined): string | undefined {
  const text = message?.replace(/\s+/g, ' ').trim();
  if (!text) {
    return undefined;
  }
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/** The socket error code (`ECONNREFUSED`, `ENOTFOUND` …) under a fetch failure, if any. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth += 1) {
    const { code, errors, cause } = current as {
      code?: unknown;
      errors?: unknown;
      cause?: unknown;
    };
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      return code;
    }
    if (Array.isArray(errors) && errors.length > 0) {
      current = errors[0];
      continue;
    }
    current = cause;
  }
  return undefined;
}
