import { randomBytes } from 'node:crypto';
import type { SparkApplicationTemplateRequest } from '@emr-eks/plugin-emr-eks-common';
import {
  DEFAULT_SPARK_SERVICE_ACCOUNT,
  EMRFS_HADOOP_CONF,
  EMR_RUNTIME_SPARK_CONF,
  TENANT_SPARK_ANNOTATIONS,
} from '@emr-eks/plugin-emr-eks-node';
import { SparkApplicationManifest } from './kubernetesWrites';

/*
 * The SparkApplication (sparkoperator.k8s.io/v1beta2) the portal creates from a team's
 * template: the template says what runs; the platform says where and as whom (the EMR
 * runtime image of the cluster's region, the tenant's service account, pod templates and
 * priority classes), and the portal labels it with the team and the user.
 */

/** Labels and annotations on what the portal creates; a rerun or delete trusts only these. */
export const PORTAL_MARKS = {
  managedBy: 'app.kubernetes.io/managed-by',
  team: 'backstage.io/team',
  template: 'emr-eks.backstage.io/spark-template',
  /** A label value: `user.default.alice`; the annotation of the same name has the ref. */
  startedBy: 'emr-eks.backstage.io/started-by',
  owner: 'backstage.io/owner',
  rerunOf: 'emr-eks.backstage.io/rerun-of',
} as const;
export const MANAGED_BY_PORTAL = 'backstage';

/** A label value: at most 63 of `[A-Za-z0-9._-]`, alphanumeric at the ends. */
function labelValue(value: string): string {
  return value
    .replace(/[^A-Za-z0-9._-]+/g, '.')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

/** `<template>-<8 hex>`: unique enough that a clash (409) is news, short enough for pod names. */
export function applicationName(template: string): string {
  return `${template.slice(0, 40).replace(/-+$/, '')}-${randomBytes(4).toString(
    'hex',
  )}`;
}

/**
 * Whether the portal created this SparkApplication: the one rule for the rerun check and
 * the wire's `startedByPortal`. Whoever may create SparkApplications in the namespace can
 * forge these labels, but could create the rerun's object directly too.
 */
export function isPortalApplication(labels: Record<string, string> = {}) {
  return (
    labels[PORTAL_MARKS.managedBy] === MANAGED_BY_PORTAL &&
    !!labels[PORTAL_MARKS.template]
  );
}

export interface TenantSpark {
  serviceAccount: string;
  driverPodTemplate?: string;
  executorPodTemplate?: string;
  driverPriorityClass?: string;
  executorPriorityClass?: string;
}

/** How the tenant's Spark pods run, from its namespace's annotations. */
export function tenantSpark(annotations: Record<string, string>): TenantSpark {
  const a = TENANT_SPARK_ANNOTATIONS;
  return {
    serviceAccount:
      annotations[a.serviceAccount] || DEFAULT_SPARK_SERVICE_ACCOUNT,
    driverPodTemplate: annotations[a.driverPodTemplate] || undefined,
    executorPodTemplate: annotations[a.executorPodTemplate] || undefined,
    driverPriorityClass: annotations[a.driverPriorityClass] || undefined,
    executorPriorityClass: annotations[a.executorPriorityClass] || undefined,
  };
}

export function sparkApplicationManifest(options: {
  name: string;
  namespace: string;
  template: SparkApplicationTemplateRequest;
  image: string;
  tenant: TenantSpark;
  /** The entity's owner, which owns the virtual cluster. */
  owner: string;
  user: string;
  rerunOf?: string;
}): SparkApplicationManifest {
  const { template: t, tenant } = options;
  const team = options.owner.replace(/^.*\//, '');
  const sparkConf: Record<string, string> = {
    ...EMR_RUNTIME_SPARK_CONF,
    ...t.sparkConf,
    // The tenant's, after the template's: a template cannot move its pods elsewhere.
    ...(tenant.driverPodTemplate && {
      'spark.kubernetes.driver.podTemplateFile': tenant.driverPodTemplate,
    }),
    ...(tenant.executorPodTemplate && {
      'spark.kubernetes.executor.podTemplateFile': tenant.executorPodTemplate,
    }),
  };
  return {
    apiVersion: 'sparkoperator.k8s.io/v1beta2',
    kind: 'SparkApplication',
    metadata: {
      name: options.name,
      namespace: options.namespace,
      labels: {
        [PORTAL_MARKS.managedBy]: MANAGED_BY_PORTAL,
        [PORTAL_MARKS.team]: labelValue(team),
        [PORTAL_MARKS.template]: labelValue(t.name),
        [PORTAL_MARKS.startedBy]: labelValue(options.user),
      },
      annotations: {
        [PORTAL_MARKS.owner]: options.owner,
        [PORTAL_MARKS.startedBy]: options.user,
        ...(options.rerunOf && { [PORTAL_MARKS.rerunOf]: options.rerunOf }),
      },
    },
    spec: {
      type: t.type,
      mode: 'cluster',
      image: options.image,
      imagePullPolicy: 'Always',
      mainApplicationFile: t.mainApplicationFile,
      ...(t.mainClass && { mainClass: t.mainClass }),
      arguments: t.arguments,
      sparkConf,
      hadoopConf: { ...EMRFS_HADOOP_CONF },
      restartPolicy: { type: 'Never' },
      driver: {
        cores: t.driver.cores,
        memory: t.driver.memory,
        serviceAccount: tenant.serviceAccount,
        ...(tenant.driverPriorityClass && {
          priorityClassName: tenant.driverPriorityClass,
        }),
      },
      executor: {
        cores: t.executor.cores,
        memory: t.executor.memory,
        instances: t.executor.instances,
        serviceAccount: tenant.serviceAccount,
        ...(tenant.executorPriorityClass && {
          priorityClassName: tenant.executorPriorityClass,
        }),
      },
    } as SparkApplicationManifest['spec'],
  };
}
