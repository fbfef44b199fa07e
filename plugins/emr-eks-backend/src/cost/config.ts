import {
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readAwsAccountId } from '@emr-eks/plugin-emr-eks-node';
import { KubecostFlavor } from './kubecost';
import { ServerlessRate } from './serverlessPrices';
import { UpliftRate } from './uplift';

/** One EKS cluster whose Kubecost (or OpenCost) reports the pods of its virtual clusters. */
export interface CostCluster {
  name: string;
  baseUrl: string;
  flavor: KubecostFlavor;
  accountId: string;
  region: string;
  /** The EKS cluster's name, whose virtual clusters (and their namespaces) the pods belong to. */
  eksClusterName: string;
}

/** Where the CUR lives in Athena. */
export interface CurConfig {
  region: string;
  accountId: string;
  database: string;
  table: string;
  workgroup: string;
  outputLocation?: string;
  lookbackDays: number;
}

export interface CostConfig {
  clusters: CostCluster[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  backfillDays: number;
  retentionDays: number;
  /** Configured EMR on EKS uplift prices per region (`emrEks.cost.upliftPrices`). */
  upliftPrices: Record<string, UpliftRate>;
  /** Read uplift prices from the AWS Price List Query API (`emrEks.cost.priceList`). */
  priceList?: { endpoint?: string };
  cur?: CurConfig;
  /** EMR Serverless job runs' cost (`emrEks.cost.serverless`); undefined when turned off. */
  serverless?: ServerlessCostConfig;
  /** Spark Operator and spark-submit applications' cost (`emrEks.cost.sparkApplications.enabled`). */
  sparkApplications: boolean;
}

/** EMR Serverless cost ingestion, over the accounts and regions of `emrEks.accounts`. */
export interface ServerlessCostConfig {
  /** Runs created this many days back are listed again each time (they may have just ended). */
  lookbackDays: number;
  /** Configured prices per region, which win over the built-in table. */
  prices: Record<string, ServerlessRate>;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 30 },
};

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d$/;

const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function positiveInteger(
  config: Config,
  key: string,
  fullKey: string,
  fallback: number,
) {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config value at ${fullKey}: ${value} is not a positive whole number`,
    );
  }
  return value;
}

/** Reads `emrEks.cost`; undefined when cost is not configured. */
export function readCostConfig(root: Config): CostConfig | undefined {
  const config = root.getOptionalConfig('emrEks.cost');
  if (!config) {
    return undefined;
  }
  const clusters = config.getConfigArray('clusters').map((cluster, index) => {
    const key = `emrEks.cost.clusters[${index}]`;
    const flavor = cluster.getOptionalString('flavor') ?? 'kubecost';
    if (flavor !== 'kubecost' && flavor !== 'opencost') {
      throw new Error(
        `Invalid config value at ${key}.flavor: '${flavor}' is not kubecost or opencost`,
      );
    }
    const accountId = readAwsAccountId(
      cluster,
      'accountId',
      `${key}.accountId`,
    );
    const name = cluster.getString('name');
    return {
      name,
      baseUrl: cluster.getString('baseUrl'),
      flavor: flavor as KubecostFlavor,
      accountId,
      region: cluster.getString('region'),
      eksClusterName: cluster.getOptionalString('eksClusterName') ?? name,
    };
  });
  if (config.has('upliftRates')) {
    throw new Error(
      'Invalid config: emrEks.cost.upliftRates is now emrEks.cost.upliftPrices (same shape)',
    );
  }
  const upliftPrices = readUpliftPrices(config);
  const priceList = config.getOptionalBoolean('priceList.enabled')
    ? { endpoint: config.getOptionalString('priceList.endpoint') }
    : undefined;
  const cur = config.getOptionalConfig('cur');
  let curConfig: CurConfig | undefined;
  if (cur) {
    for (const key of ['database', 'table', 'workgroup']) {
      const value = cur.getString(key);
      if (key !== 'workgroup' && !SQL_NAME.test(value)) {
        throw new Error(
          `Invalid config value at emrEks.cost.cur.${key}: '${value}' is not a plain Athena name`,
        );
      }
    }
    curConfig = {
      region: cur.getString('region'),
      accountId: cur.getString('accountId'),
      database: cur.getString('database'),
      table: cur.getString('table'),
      workgroup: cur.getString('workgroup'),
      outputLocation: cur.getOptionalString('outputLocation'),
      lookbackDays: positiveInteger(
        cur,
        'lookbackDays',
        'emrEks.cost.cur.lookbackDays',
        45,
      ),
    };
  }
  return {
    clusters,
    schedule: config.has('schedule')
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
          config.getConfig('schedule'),
        )
      : DEFAULT_SCHEDULE,
    backfillDays: positiveInteger(
      config,
      'backfillDays',
      'emrEks.cost.backfillDays',
      30,
    ),
    retentionDays: positiveInteger(
      config,
      'retentionDays',
      'emrEks.cost.retentionDays',
      400,
    ),
    upliftPrices,
    priceList,
    cur: curConfig,
    serverless: readServerlessCostConfig(config),
    sparkApplications:
      config.getOptionalBoolean('sparkApplications.enabled') ?? true,
  };
}

/** `emrEks.cost.serverless`: on unless `enabled: false`. */
function readServerlessCostConfig(
  config: Config,
): ServerlessCostConfig | undefined {
  const section = config.getOptionalConfig('serverless');
  if (section?.getOptionalBoolean('enabled') === false) {
    return undefined;
  }
  const prices: Record<string, ServerlessRate> = {};
  const configured = section?.getOptionalConfig('prices');
  for (const region of configured?.keys() ?? []) {
    const key = `emrEks.cost.serverless.prices.${region}`;
    if (!REGION_NAME.test(region)) {
      throw new Error(
        `Invalid config key ${key}: '${region}' is not an AWS region name`,
      );
    }
    const rate = {
      vcpuHour: configured!.getNumber(`${region}.vcpuHour`),
      memoryGbHour: configured!.getNumber(`${region}.memoryGbHour`),
      storageGbHour: configured!.getNumber(`${region}.storageGbHour`),
    };
    for (const [name, value] of Object.entries(rate)) {
      // Storage may be free (0); vCPU and memory never are.
      if (
        !Number.isFinite(value) ||
        value < 0 ||
        (value === 0 && name !== 'storageGbHour')
      ) {
        throw new Error(
          `Invalid config value at ${key}.${name}: ${value} is not a price in USD`,
        );
      }
    }
    prices[region] = rate;
  }
  return {
    lookbackDays: section
      ? positiveInteger(
          section,
          'lookbackDays',
          'emrEks.cost.serverless.lookbackDays',
          3,
        )
      : 3,
    prices,
  };
}

/** `emrEks.cost.upliftPrices`: `{ <region>: { vcpuHour, gbHour } }`, positive USD. */
function readUpliftPrices(config: Config): Record<string, UpliftRate> {
  const prices: Record<string, UpliftRate> = {};
  const section = config.getOptionalConfig('upliftPrices');
  for (const region of section?.keys() ?? []) {
    const key = `emrEks.cost.upliftPrices.${region}`;
    if (!REGION_NAME.test(region)) {
      throw new Error(
        `Invalid config key ${key}: '${region}' is not an AWS region name`,
      );
    }
    const rate = {
      vcpuHour: section!.getNumber(`${region}.vcpuHour`),
      gbHour: section!.getNumber(`${region}.gbHour`),
    };
    for (const [name, value] of Object.entries(rate)) {
      if (!Number.isFinite(value) || value <= 0) {
        throw new Error(
          `Invalid config value at ${key}.${name}: ${value} is not a positive price in USD`,
        );
      }
    }
    prices[region] = rate;
  }
  return prices;
}
