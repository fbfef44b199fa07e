import { ConflictError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import type { JsonObject } from '@backstage/types';
import { stringify } from 'yaml';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import { deprecatedTeamField, tenantFields } from '../lib/inputs';
import {
  applyObject,
  deleteObject,
  describeObject,
  readObject,
  restorable,
} from '../lib/kube';
import {
  labelValue,
  TASK_ID_LABEL,
  TEAM_LABEL,
  TenantOptions,
} from '../lib/manifests';
import { assertTenantNamespace, isPortalManaged } from '../lib/namespaces';
import { EmrActionOptions } from '../lib/options';
import { catalogNamespace, virtualClusterEntityRef } from '../lib/ownerTag';
import { logPlan, Provisioning } from '../lib/provisioning';
import {
  assertCertificateUsable,
  assertInboundCidrs,
  emrRuntimeImage,
  isCidr,
  sparkConnectAddress,
  sparkConnectManifests,
  sparkConnectSnippet,
} from '../lib/sparkConnect';
import { isThisRunsToRollBack } from '../lib/taskRuns';
import {
  CERTIFICATE_ARN,
  dnsLabel,
  SERVERLESS_RELEASE_LABEL,
} from '../lib/validation';
import { tenantVirtualCluster } from '../lib/virtualClusters';
import { examples } from './createSparkConnect.examples';

/** The service account the seed's Spark Operator install binds to the job execution role. */
export const DEFAULT_SERVICE_ACCOUNT = 'emr-job-execution-sa';

/** Spark's memory sizes: `512m`, `8g`. */
const sparkMemory = (zz: typeof z) =>
  zz
    .string()
    .regex(
      /^[1-9]\d{0,5}[mMgG]$/,
      "must be Spark memory such as '4g' or '512m'",
    );
const cores = (zz: typeof z) => zz.number().int().min(1).max(64);

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...tenantFields(zz, "The team's tenant namespace"),
    team: deprecatedTeamField(zz),
    name: zz
      .string()
      .max(40, 'must be at most 40 characters')
      .regex(
        /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
        'must start with a letter and hold only lowercase letters, digits and dashes',
      )
      .describe('Name of the SparkApplication, Service and Ingress'),
    releaseLabel: zz
      .string()
      .regex(
        SERVERLESS_RELEASE_LABEL,
        "must be an EMR release such as 'emr-7.2.0'",
      )
      .describe('EMR release of the runtime image, e.g. emr-7.2.0'),
    sparkVersion: zz
      .string()
      .regex(/^\d+\.\d+\.\d+$/, "must be a Spark version such as '3.5.1'")
      .refine(v => {
        const [major, minor] = v.split('.').map(Number);
        return major > 3 || (major === 3 && minor >= 4);
      }, 'must be 3.4 or later: Spark Connect came with Spark 3.4')
      .describe(
        "The release's Spark version (the SparkApplication's sparkVersion)",
      ),
    applicationFile: zz
      .string()
      .max(1024)
      .regex(
        /^(local|s3|s3a|https):\/\/\S+\.jar$/,
        "must be the Spark Connect jar's local://, s3:// or https:// URI",
      )
      .describe('The Spark Connect server jar (mainApplicationFile)'),
    serviceAccount: dnsLabel(zz)
      .default(DEFAULT_SERVICE_ACCOUNT)
      .describe("The team's job execution service account in the namespace"),
    driver: zz
      .object({
        cores: cores(zz).default(2),
        memory: sparkMemory(zz).default('8g'),
      })
      .default({}),
    executor: zz
      .object({
        cores: cores(zz).default(2),
        memory: sparkMemory(zz).default('8g'),
        instances: zz.number().int().min(1).max(100).default(2),
      })
      .default({}),
    certificateArn: zz
      .string()
      .regex(
        CERTIFICATE_ARN,
        "must be an ACM certificate ARN ('arn:aws:acm:<region>:<account>:certificate/<id>')",
      )
      .describe(
        'ACM certificate for the hostname, in the cluster’s account and region',
      ),
    inboundCidrs: zz
      .array(
        zz
          .string()
          .refine(isCidr, 'must be a CIDR block such as 203.0.113.0/24'),
      )
      .min(1, 'must name at least one trusted source')
      .max(20)
      .describe('Sources the load balancer admits'),
    hostname: zz
      .string()
      .max(253)
      .regex(
        /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
        'must be a lowercase DNS name such as spark.data-team-a.example.com',
      )
      .describe('The endpoint’s DNS name, covered by the certificate'),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    address: zz.string().describe('sc://<hostname>:443/;use_ssl=true'),
    snippet: zz.string().describe('PySpark code that connects to it'),
    namespace: zz.string(),
    name: zz.string(),
    image: zz.string(),
    virtualClusterId: zz
      .string()
      .describe('The RUNNING virtual cluster on the namespace, from AWS'),
    entityRef: zz
      .string()
      .describe(
        'Catalog entity of that virtual cluster, whose EMR tab shows the endpoint',
      ),
  });

/**
 * `emr:sparkConnect:create`: a team's Spark Connect endpoint in its tenant namespace. Outputs the
 * `sc://` address and the catalog entity (`entityRef`) of the namespace's virtual cluster, whose
 * EMR tab shows the server.
 *
 * @public
 */
export function createSparkConnectAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:sparkConnect:create',
    description:
      "Creates a team's Spark Connect endpoint in its tenant namespace: a long-running Spark Connect server on the EMR runtime (SparkApplication), a Service and an AWS Load Balancer Controller Ingress with TLS from ACM and inbound CIDRs. Outputs the sc:// address and the catalog entity of the namespace's virtual cluster, whose EMR tab shows the server",
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller, cluster }) {
      const sc = options.config.sparkConnect;
      assertInboundCidrs(sc, input.inboundCidrs);
      assertCertificateUsable(input.certificateArn, cluster);
      const image = emrRuntimeImage(sc, cluster, input.releaseLabel);
      const t: TenantOptions = {
        namespace: input.namespace,
        team: caller.team,
        owner: caller.owner,
        taskId: ctx.task.id,
      };
      const manifests = sparkConnectManifests(
        { ...input, image, scheme: sc.scheme },
        t,
      );
      const output = (virtualClusterId: string, entityRef: string) => {
        ctx.output('address', sparkConnectAddress(input.hostname));
        ctx.output('snippet', sparkConnectSnippet(input.hostname));
        ctx.output('namespace', input.namespace);
        ctx.output('name', input.name);
        ctx.output('image', image);
        ctx.output('virtualClusterId', virtualClusterId);
        ctx.output('entityRef', entityRef);
      };

      if (ctx.isDryRun) {
        logPlan(ctx, [
          {
            call: `Kubernetes get Namespace ${input.namespace} on cluster ${cluster.name}: must be labelled for ${caller.team}`,
          },
          {
            call: `emr-containers:ListVirtualClusters (EKS ${cluster.eksClusterName}, RUNNING): the one on ${input.namespace}, whose catalog entity shows the endpoint`,
          },
          ...manifests.map(o => ({
            call: `Kubernetes server-side apply (fieldManager backstage-emr-eks) ${describeObject(
              o,
            )} on cluster ${cluster.name}`,
            payload: stringify(o),
          })),
        ]);
        // The virtual cluster is only known from AWS, which a dry run does not ask.
        output(
          '<virtual cluster id>',
          `resource:${catalogNamespace(
            options.config,
            cluster,
          )}/<virtual cluster on ${input.namespace}>`,
        );
        return;
      }

      await assertTenantNamespace(options.clients, cluster, input, caller.team);
      // Before any write: the endpoint is shown and managed on its virtual cluster's entity.
      const vc = await tenantVirtualCluster(
        await options.clients.emrContainers(cluster),
        cluster,
        input.namespace,
      );
      const api = options.clients.kubernetes(
        cluster.kubernetes,
        cluster.accountId,
      );
      const run = await Provisioning.start(ctx, 'sparkConnect');
      await run.run(async () => {
        for (const manifest of manifests) {
          await run.step<{ prior?: JsonObject }>(
            `${manifest.kind}.${manifest.metadata!.name}`,
            describeObject(manifest),
            async () => {
              const existing = await readObject(api, manifest);
              const labels = existing?.metadata?.labels ?? {};
              if (
                existing &&
                (!isPortalManaged(existing) ||
                  labels[TEAM_LABEL] !== labelValue(t.team))
              ) {
                throw new ConflictError(
                  `${describeObject(manifest)} already exists on ${
                    cluster.name
                  } and was not made by the portal for ${
                    t.team
                  }; choose another name`,
                );
              }
              const ours =
                !existing ||
                (await isThisRunsToRollBack(
                  options.tasks,
                  labelValue(t.taskId),
                  labels[TASK_ID_LABEL],
                  describeObject(manifest),
                ));
              await applyObject(api, manifest);
              if (ours) return { value: {}, created: true };
              // The team's endpoint from an earlier run: updated, and put back on rollback.
              return {
                value: { prior: restorable(existing!) as JsonObject },
                created: false,
                changed: true,
              };
            },
            async ({ prior }) => {
              if (prior) await applyObject(api, prior as KubernetesObject);
              else await deleteObject(api, manifest);
            },
          );
        }
      });
      output(
        vc.id!,
        virtualClusterEntityRef(options.config, cluster, vc.name ?? vc.id!),
      );
    },
  });
}
