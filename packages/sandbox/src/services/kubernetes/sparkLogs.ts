import { KubeObject } from './resources';
import type { SparkPlan } from './sparkOperator';
import { sparkVersionOf } from './sparkOperator';

/*
 * The log lines of a simulated Spark pod up to a given time, in Spark's
 * log4j layout (`yy/MM/dd HH:mm:ss LEVEL Logger: message`).
 */

const STAGES = 8;

function stamp(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(2, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)} ${iso.slice(
    11,
    19,
  )}`;
}

function line(at: number, level: string, logger: string, message: string) {
  return { at, text: `${stamp(at)} ${level} ${logger}: ${message}` };
}

function image(pod: KubeObject): string {
  return pod.spec?.containers?.[0]?.image ?? '';
}

export function driverLog(
  pod: KubeObject,
  plan: SparkPlan,
  now: number,
  executors: number,
): string[] {
  const { name, namespace, labels = {} } = pod.metadata;
  const app =
    labels['sparkoperator.k8s.io/app-name'] ??
    labels['spark-app-name'] ??
    name.replace(/-driver$/, '');
  const start = plan.runningAt;
  const span = Math.max(STAGES + 2, plan.endsAt - plan.executorsAt);
  const out = [
    line(
      start,
      'INFO',
      'SparkContext',
      `Running Spark version ${sparkVersionOf(image(pod))}`,
    ),
    line(
      start,
      'INFO',
      'ResourceUtils',
      '==============================================================',
    ),
    line(start, 'INFO', 'SparkContext', `Submitted application: ${app}`),
    line(
      start + 1,
      'INFO',
      'Utils',
      "Successfully started service 'sparkDriver' on port 7078.",
    ),
    line(
      start + 1,
      'INFO',
      'Utils',
      "Successfully started service 'SparkUI' on port 4040.",
    ),
    line(
      start + 1,
      'INFO',
      'SparkUI',
      `Bound SparkUI to 0.0.0.0, and started at http://${app}-ui-svc.${namespace}.svc:4040`,
    ),
    line(
      start + 2,
      'INFO',
      'ExecutorPodsAllocator',
      `Going to request ${executors} executors from Kubernetes for ResourceProfile Id: 0, target: ${executors}, known: 0, sharedSlotFromPendingPods: 2147483647.`,
    ),
    line(
      plan.executorsAt,
      'INFO',
      'KubernetesClusterSchedulerBackend',
      'SchedulerBackend is ready for scheduling beginning after reached minRegisteredResourcesRatio: 0.8',
    ),
  ];
  for (let stage = 0; stage < STAGES; stage++) {
    const at =
      plan.executorsAt + Math.round(((stage + 1) * span) / (STAGES + 1));
    if (plan.outcome === 'FAILED' && stage === STAGES - 2) break;
    out.push(
      line(
        at,
        'INFO',
        'DAGScheduler',
        `ResultStage ${stage} (parquet at NativeMethodAccessorImpl.java:0) finished in ${(
          span /
          (STAGES + 1) /
          1000
        ).toFixed(3)} s`,
      ),
      line(
        at,
        'INFO',
        'DAGScheduler',
        `Job ${stage} finished: parquet at NativeMethodAccessorImpl.java:0, took ${(
          span /
          (STAGES + 1) /
          1000
        ).toFixed(6)} s`,
      ),
    );
  }
  const end = plan.endsAt;
  if (plan.outcome === 'FAILED') {
    out.push(
      line(
        end,
        'ERROR',
        'TaskSetManager',
        `Task 3 in stage ${STAGES - 2}.0 failed 4 times; aborting job`,
      ),
      {
        at: end,
        text: `Exception in thread "main" org.apache.spark.SparkException: Job aborted due to stage failure: Task 3 in stage ${
          STAGES - 2
        }.0 failed 4 times, most recent failure: Lost task 3.3 in stage ${
          STAGES - 2
        }.0 (TID 57) (executor 2): java.io.FileNotFoundException: No such file or directory 's3://input/${app}/part-00003.parquet'`,
      },
      {
        at: end,
        text: '\tat org.apache.spark.scheduler.DAGScheduler.failJobAndIndependentStages(DAGScheduler.scala:2863)',
      },
      {
        at: end,
        text: '\tat org.apache.spark.scheduler.DAGScheduler.$anonfun$abortStage$2(DAGScheduler.scala:2799)',
      },
    );
  }
  out.push(
    line(
      end,
      'INFO',
      'SparkUI',
      `Stopped Spark web UI at http://${app}-ui-svc.${namespace}.svc:4040`,
    ),
    line(
      end,
      'INFO',
      'KubernetesClusterSchedulerBackend',
      'Shutting down all executors',
    ),
    line(end, 'INFO', 'SparkContext', 'Successfully stopped SparkContext'),
    line(end, 'INFO', 'ShutdownHookManager', 'Shutdown hook called'),
  );
  return out.filter(l => l.at <= now).map(l => l.text);
}

export function executorLog(
  pod: KubeObject,
  plan: SparkPlan,
  now: number,
): string[] {
  const id = pod.metadata.labels?.['spark-exec-id'] ?? '1';
  const start = plan.executorsAt;
  return [
    line(
      start,
      'INFO',
      'CoarseGrainedExecutorBackend',
      `Started daemon with process name: ${id}@${pod.metadata.name}`,
    ),
    line(
      start + 1,
      'INFO',
      'CoarseGrainedExecutorBackend',
      'Successfully registered with driver',
    ),
    line(
      start + 1,
      'INFO',
      'Executor',
      `Starting executor ID ${id} on host ${pod.status?.podIP ?? 'localhost'}`,
    ),
  ]
    .filter(l => l.at <= now)
    .map(l => l.text);
}
