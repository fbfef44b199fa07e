import { stringify } from 'yaml';

export type CapacityType = 'ON_DEMAND' | 'SPOT';

export interface PodTemplateOptions {
  priorityClassName: string;
  capacityType: CapacityType;
  role: 'driver' | 'executor';
  labels?: Record<string, string>;
}

/** A pod template as in the seed: priority class and EKS capacity type node selector. */
export function podTemplate(options: PodTemplateOptions): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    ...(options.labels ? { metadata: { labels: options.labels } } : {}),
    spec: {
      priorityClassName: options.priorityClassName,
      nodeSelector: { 'eks.amazonaws.com/capacityType': options.capacityType },
      containers: [
        {
          name:
            options.role === 'driver'
              ? 'spark-kubernetes-driver'
              : 'spark-kubernetes-executors',
        },
      ],
    },
  });
}

export interface ProfileTemplates {
  profile: 'critical' | 'non-critical';
  driver: string;
  executor: string;
}

/**
 * The seeds' two profiles. Both keep the driver on on-demand capacity with the high
 * priority class; `critical` keeps executors there too, `non-critical` puts executors on
 * spot with the low priority class so only they are preempted.
 */
export function podTemplateProfiles(priorities: {
  high: string;
  low: string;
}): ProfileTemplates[] {
  const driver = podTemplate({
    role: 'driver',
    priorityClassName: priorities.high,
    capacityType: 'ON_DEMAND',
  });
  return [
    {
      profile: 'critical',
      driver,
      executor: podTemplate({
        role: 'executor',
        priorityClassName: priorities.high,
        capacityType: 'ON_DEMAND',
      }),
    },
    {
      profile: 'non-critical',
      driver,
      executor: podTemplate({
        role: 'executor',
        priorityClassName: priorities.low,
        capacityType: 'SPOT',
      }),
    },
  ];
}
