import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the EMR on EKS backend plugin. */
  emrEks?: {
    /**
     * Endpoint of the emr-containers API, overriding the regional AWS endpoint.
     * Set it to run against the local sandbox or a VPC endpoint; leave it unset for AWS.
     * Credentials still come from the `aws` integration config.
     */
    endpoint?: string;
    /**
     * Endpoint of the emr-serverless API; defaults to `endpoint` (the local sandbox serves
     * both APIs on one port). Leave both unset for AWS.
     */
    serverlessEndpoint?: string;
    /**
     * Endpoint of STS for the role assumptions below, overriding the regional one.
     */
    stsEndpoint?: string;
    /**
     * Endpoint of IAM, for the team tags of the execution roles in saved EMR Serverless job
     * definitions; `endpoint` when unset (the sandbox serves it). Leave unset for AWS.
     */
    iamEndpoint?: string;
    /**
     * Attempts per AWS call, the first included, made by the SDK's standard retry strategy.
     * Defaults to 3.
     */
    maxAttempts?: number;
    /**
     * The AWS accounts and regions this plugin serves. A virtual cluster ARN in any other
     * account or region is refused (400) before any AWS call. Credentials for each account
     * still come from the `aws` integration config, unless `roleArn` is set.
     */
    accounts?: Array<{
      /** 12-digit AWS account id. */
      accountId: string;
      /** The regions of this account whose virtual clusters the plugin serves, e.g. [us-east-1]. */
      regions: string[];
      /**
       * A role this plugin assumes (with the integration's credentials for the account).
       * Writes assume it with a session name that carries the acting Backstage user,
       * so CloudTrail shows who started or cancelled a run.
       */
      roleArn?: string;
      /**
       * External ID for the role assumption.
       * @visibility secret
       */
      externalId?: string;
    }>;
    /**
     * Groups whose direct members are EMR on EKS tenant admins (the `emr-eks.tenant.admin`
     * permission), as `EmrEksOwnerWritesPolicy` (`/policy`) decides: provisioning for any
     * team, adopting namespaces the portal did not create. Entity refs such as
     * `group:default/data-platform`; a bare name is a group in the default namespace. Unset or
     * empty: nobody is an admin.
     */
    adminGroups?: string[];
    /**
     * Monthly budgets that win over a Group's (or virtual-cluster Resource's)
     * `emr-eks.io/monthly-budget-usd` annotation, and the fractions of a budget that alert.
     */
    budgets?: {
      teams?: Array<{
        /** e.g. group:default/data-team-a */
        entityRef: string;
        monthlyUsd: number;
      }>;
      /** Defaults to [0.8, 1]. */
      thresholds?: number[];
      /**
       * Alerts to a team's members through Backstage notifications (with
       * `@backstage/plugin-notifications-backend` installed): month-to-date or forecast spend
       * past a threshold, a day far above its trailing median, a job run above an amount. Each
       * is sent once per team, threshold (day, run) and month, across replicas and restarts.
       */
      alerts?: {
        /** Defaults to true (when `emrEks.cost` is set). */
        enabled?: boolean;
        /** A day alerts above this many times the median of the days before it. Defaults to 3. */
        anomalyFactor?: number;
        /** How many days before a day make its median. Defaults to 14. */
        anomalyBaselineDays?: number;
        /** A day costing no more than this (USD) never alerts. Defaults to 50. */
        anomalyMinimumUsd?: number;
        /** A job run costing more than this (USD) alerts. Unset: no run alerts. */
        runAboveUsd?: number;
        /** How often the budgets are checked. Defaults to every 30 minutes. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
    /**
     * Who owns a virtual cluster, for writes (start, rerun, cancel, delete endpoint): a write
     * through an entity is allowed only when the entity's owner owns the virtual cluster.
     */
    ownership?: {
      /** The AWS tag on virtual clusters and job templates naming the owning team. Defaults to `team`. */
      tag?: string;
      /** The catalog namespace of a bare group name in that tag. Defaults to `default`. */
      namespace?: string;
      /** Owners set by the platform; an entry wins over the virtual cluster's tag. */
      virtualClusters?: Array<{
        /** The virtual cluster ARN; its account and region must be in `emrEks.accounts`. */
        arn: string;
        /** The owner entity ref, e.g. `group:default/data-team-a` (a bare name is a group). */
        owner: string;
      }>;
    };
    /**
     * Per-team cost: Kubecost (or OpenCost) compute plus the EMR on EKS uplift, ingested hourly
     * into the plugin's database. Leave unset to turn cost off.
     */
    cost?: {
      /** One entry per EKS cluster, each with its own Kubecost or OpenCost. */
      clusters: Array<{
        /** A name for the cluster, unique here. */
        name: string;
        /** Where the API answers, e.g. http://kubecost-cost-analyzer.kubecost:9090. */
        baseUrl: string;
        /** `kubecost` (/model/...) or `opencost` (/allocation, /assets). Defaults to kubecost. */
        flavor?: 'kubecost' | 'opencost';
        /**
         * Account and region of the cluster: where its virtual clusters are listed, and the
         * key (with the virtual cluster id) its cost is stored and looked up under.
         */
        accountId: string;
        region: string;
        /**
         * The EKS cluster's name, as emr-containers knows it (the virtual clusters'
         * `containerProvider.id`). A pod's cost counts for a virtual cluster only when the pod
         * ran in the namespace that virtual cluster is registered on. Defaults to `name`.
         */
        eksClusterName?: string;
      }>;
      /** When ingestion runs. Defaults to hourly, 30 minute timeout. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Days ingested on first start. Defaults to 30. */
      backfillDays?: number;
      /** Days of history kept. Defaults to 400. */
      retentionDays?: number;
      /**
       * EMR on EKS uplift price per region, in USD per vCPU-hour and per GB-hour (AWS's
       * billing GB, 2^30 bytes) of requested memory. Wins over the Price List. Only us-east-1's
       * published prices are built in ($0.01012, $0.00111125); a region with no price here, in
       * the Price List or built in is not priced: its estimates are unknown, never another
       * region's.
       */
      upliftPrices?: {
        [region: string]: { vcpuHour: number; gbHour: number };
      };
      /**
       * Read uplift prices from the AWS Price List Query API (pricing:GetProducts, with the
       * `aws` integration's main credentials) at each ingestion, kept for a day.
       */
      priceList?: {
        enabled: boolean;
        /** Another endpoint than AWS's, e.g. a VPC endpoint. */
        endpoint?: string;
      };
      /** The Cost and Usage Report in Athena; its billed uplift replaces the estimate. */
      cur?: {
        region: string;
        accountId: string;
        database: string;
        table: string;
        workgroup: string;
        /** s3:// location for query results, when the workgroup does not set one. */
        outputLocation?: string;
        /** Days re-read on each run, as the CUR restates recent days. Defaults to 45. */
        lookbackDays?: number;
      };
      /**
       * EMR Serverless job runs' cost, from their billed vCPU, memory and storage hours at the
       * region's price, for the applications in `emrEks.accounts` (their accounts and
       * regions), on the cost schedule. On by default.
       */
      serverless?: {
        /** Set false to ingest no EMR Serverless cost. */
        enabled?: boolean;
        /** Runs created this many days back are listed again on each ingestion. Defaults to 3. */
        lookbackDays?: number;
        /**
         * Prices per region in USD, which win over the built-in x86 table (16 regions); a
         * region (or an Arm application) without a price is shown as unpriced.
         */
        prices?: {
          [region: string]: {
            vcpuHour: number;
            memoryGbHour: number;
            storageGbHour: number;
          };
        };
      };
      /**
       * Spark Operator and spark-submit applications' cost: Kubecost's allocation of Spark pods
       * (`sparkoperator.k8s.io/app-name` or `spark-app-selector`, no emr-containers job label)
       * in each virtual cluster's namespace, a day at a time, with the EMR on EKS uplift of pods
       * on an EMR runtime image, on the cost schedule. On by default.
       */
      sparkApplications?: {
        /** Set false to ingest no Spark Operator or spark-submit cost. */
        enabled?: boolean;
      };
    };
    /**
     * The Spark Operator and spark-submit applications of virtual clusters, read from the
     * cluster of the `kubernetes` config named as the virtual cluster's EKS cluster.
     */
    sparkApplications?: {
      /**
       * A Spark History Server that reads the applications' event logs
       * (`spark.eventLog.dir`); finished runs link to `<url>/history/<app id>/jobs/`.
       */
      historyServerUrl?: string;
      /**
       * The ECR account of the EMR runtime images (`<account>.dkr.ecr.<region>.amazonaws.com/spark/emr-<x.y.z>`)
       * per region, for regions beyond eu-west-1 and us-west-1 (named by the EMR on EKS Spark Operator
       * documentation). Starting a Spark application on a cluster in a region without one is refused.
       */
      imageAccounts?: Array<{
        region: string;
        /** 12-digit AWS account of the region's EMR runtime images. */
        accountId: string;
      }>;
    };
    /** How long answers from EMR on EKS are reused. */
    cache?: {
      /** Lists and runs that are not finished. Defaults to 10 seconds. */
      listTtl?: HumanDuration | string;
      /** Finished job runs, which never change. Defaults to 1 hour. */
      terminalTtl?: HumanDuration | string;
      /** How long a list is kept to answer, marked stale, while AWS fails. Defaults to 1 day. */
      staleTtl?: HumanDuration | string;
    };
  };
}
