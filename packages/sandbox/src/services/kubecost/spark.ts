import { JobRunRecord } from '../emrContainers/types';

/*
 * What a job run asks of Kubernetes: its Spark settings, read the way
 * spark-submit reads them (spark-defaults from configurationOverrides, then
 * the --conf and shorthand options of sparkSubmitParameters, which win).
 */

const MIB = 2 ** 20;

export interface SparkShape {
  /** Executor pods; undefined when the run does not say. */
  executors?: number;
  executorCores: number;
  /** Container memory request: executor memory plus overhead. */
  executorRequestBytes: number;
  driverCores: number;
  driverRequestBytes: number;
  appName?: string;
}

/** spark-submit shorthands and the properties they set. */
const SHORTHANDS: Record<string, string> = {
  '--num-executors': 'spark.executor.instances',
  '--executor-cores': 'spark.executor.cores',
  '--executor-memory': 'spark.executor.memory',
  '--driver-cores': 'spark.driver.cores',
  '--driver-memory': 'spark.driver.memory',
  '--name': 'spark.app.name',
};

/** The Spark properties of a run: spark-defaults, then its submit parameters. */
export function sparkConf(run: JobRunRecord): Record<string, string> {
  const conf: Record<string, string> = {};
  for (const c of run.configurationOverrides?.applicationConfiguration ?? []) {
    if (c.classification === 'spark-defaults') {
      Object.assign(conf, c.properties ?? {});
    }
  }
  const driver = run.jobDriver;
  const parameters =
    driver?.sparkSubmitJobDriver?.sparkSubmitParameters ??
    driver?.sparkSqlJobDriver?.sparkSqlParameters ??
    '';
  const words = parameters.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === '--conf' && i + 1 < words.length) {
      const setting = words[++i];
      const eq = setting.indexOf('=');
      if (eq > 0) conf[setting.slice(0, eq)] = setting.slice(eq + 1);
    } else if (word.startsWith('--conf=')) {
      const setting = word.slice('--conf='.length);
      const eq = setting.indexOf('=');
      if (eq > 0) conf[setting.slice(0, eq)] = setting.slice(eq + 1);
    } else if (SHORTHANDS[word] && i + 1 < words.length) {
      conf[SHORTHANDS[word]] = words[++i];
    }
  }
  return conf;
}

/** A JVM memory string ("8G", "512m", "2048" = MiB) in bytes. */
export function memoryBytes(value: string | undefined): number | undefined {
  const found = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)b?\s*$/i.exec(value ?? '');
  if (!found) return undefined;
  const scale = { '': MIB, k: 2 ** 10, m: MIB, g: 2 ** 30, t: 2 ** 40 }[
    found[2].toLowerCase() as '' | 'k' | 'm' | 'g' | 't'
  ];
  return Math.round(Number(found[1]) * scale);
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) && n > 0 ? n : undefined;
}

/**
 * Memory request of a Spark pod on Kubernetes: the heap plus overhead,
 * max(384 MiB, 10%) unless the overhead is set.
 */
function requestBytes(
  conf: Record<string, string>,
  role: 'driver' | 'executor',
): number {
  const heap = memoryBytes(conf[`spark.${role}.memory`]) ?? 1024 * MIB;
  const overhead =
    memoryBytes(conf[`spark.${role}.memoryOverhead`]) ??
    Math.max(384 * MIB, Math.round(heap * 0.1));
  return heap + overhead;
}

export function sparkShape(run: JobRunRecord): SparkShape {
  const conf = sparkConf(run);
  const dynamic = conf['spark.dynamicAllocation.enabled'] === 'true';
  const instances =
    positive(conf['spark.executor.instances']) ??
    (dynamic
      ? positive(conf['spark.dynamicAllocation.initialExecutors']) ??
        positive(conf['spark.dynamicAllocation.minExecutors'])
      : undefined);
  return {
    executors:
      instances === undefined
        ? undefined
        : Math.min(Math.floor(instances), 100),
    executorCores: positive(conf['spark.executor.cores']) ?? 1,
    executorRequestBytes: requestBytes(conf, 'executor'),
    driverCores: positive(conf['spark.driver.cores']) ?? 1,
    driverRequestBytes: requestBytes(conf, 'driver'),
    appName: conf['spark.app.name'],
  };
}

/** The Spark version an EMR release ships (the `spark-version` pod label). */
export function sparkVersion(releaseLabel: string | undefined): string {
  const release = /^emr-(\d+)\.(\d+)/.exec(releaseLabel ?? '');
  const major = Number(release?.[1] ?? 7);
  const minor = Number(release?.[2] ?? 0);
  if (major < 6) return '2.4.8-amzn-2';
  if (major === 6) return minor >= 15 ? '3.4.1-amzn-2' : '3.3.2-amzn-0';
  return minor >= 3 ? '3.5.2-amzn-1' : '3.5.0-amzn-1';
}
