import {
  CreateManagedEndpointCommand,
  DeleteManagedEndpointCommand,
  DescribeManagedEndpointCommand,
  EMRContainersClient,
  ListManagedEndpointsCommand,
} from '@aws-sdk/client-emr-containers';
import { ConflictError, ServiceUnavailableError } from '@backstage/errors';
import { z } from 'zod';
import { createEmrAction } from '../lib/emrAction';
import { onVirtualClusterFields } from '../lib/inputs';
import { TASK_ID_LABEL } from '../lib/manifests';
import { EmrActionOptions } from '../lib/options';
import { ownerTag } from '../lib/ownerTag';
import { assertTeamClusterAndRole } from '../lib/teamResources';
import { awsResource, logPlan, Provisioning } from '../lib/provisioning';
import { CERTIFICATE_ARN, parseVirtualClusterArn } from '../lib/validation';
import { sleep } from '../lib/wait';
import { examples } from './createEndpoint.examples';

const inputSchema = (zz: typeof z) =>
  zz.object({
    ...onVirtualClusterFields(zz, 'endpoint'),
    certificateArn: zz
      .string()
      .regex(CERTIFICATE_ARN, 'must be an ACM certificate ARN')
      .optional()
      .describe('ACM certificate for the endpoint (needed before EMR 6.15)'),
    tags: zz
      .record(zz.string().max(128), zz.string().max(256))
      .default({})
      .describe(
        'Extra tags on the endpoint; team and task tags are always set',
      ),
    timeoutMinutes: zz
      .number()
      .int()
      .min(1)
      .max(120)
      .default(30)
      .describe('How long to wait for the endpoint to become ACTIVE'),
  });

const outputSchema = (zz: typeof z) =>
  zz.object({
    endpointId: zz.string(),
    endpointArn: zz.string(),
    serverUrl: zz.string(),
  });

const TERMINAL = ['TERMINATED', 'TERMINATED_WITH_ERRORS'];
const FAILED = ['TERMINATED', 'TERMINATED_WITH_ERRORS', 'TERMINATING'];

/** Polls until ACTIVE with growing waits, or throws on failure or timeout. */
export async function waitForActive(
  emr: EMRContainersClient,
  ids: { id: string; virtualClusterId: string },
  opts: {
    timeoutMs: number;
    intervalMs: number;
    maxIntervalMs: number;
    log: (message: string) => void;
    signal?: AbortSignal;
    now?: () => number;
  },
): Promise<{ serverUrl: string }> {
  const now = opts.now ?? Date.now;
  const deadline = now() + opts.timeoutMs;
  let wait = opts.intervalMs;
  for (;;) {
    const { endpoint } = await emr.send(
      new DescribeManagedEndpointCommand(ids),
    );
    const state = endpoint?.state ?? 'UNKNOWN';
    if (state === 'ACTIVE') {
      return { serverUrl: endpoint?.serverUrl ?? '' };
    }
    if (FAILED.includes(state)) {
      throw new ConflictError(
        `Endpoint ${ids.id} is ${state}${
          endpoint?.failureReason ? ` (${endpoint.failureReason})` : ''
        }${endpoint?.stateDetails ? `: ${endpoint.stateDetails}` : ''}`,
      );
    }
    const left = deadline - now();
    if (left <= 0) {
      throw new ServiceUnavailableError(
        `Endpoint ${ids.id} was still ${state} after ${Math.round(
          opts.timeoutMs / 60000,
        )} minute(s) (timeoutMinutes)`,
      );
    }
    opts.log(
      `Endpoint ${ids.id} is ${state}; checking again in ${(
        wait / 1000
      ).toFixed(1)}s`,
    );
    await sleep(Math.min(wait, left), opts.signal);
    wait = Math.min(Math.round(wait * 1.5), opts.maxIntervalMs);
  }
}

/**
 * `emr:endpoint:create`
 *
 * @public
 */
export function createEndpointAction(options: EmrActionOptions) {
  return createEmrAction(options, {
    id: 'emr:endpoint:create',
    description:
      'Creates an EMR on EKS managed endpoint (Jupyter Enterprise Gateway) for interactive sessions and waits until it is ACTIVE',
    examples,
    input: inputSchema,
    output: outputSchema,
    async handler(ctx, { input, caller: { owner } }) {
      const vc = parseVirtualClusterArn(input.virtualClusterArn);
      const request = {
        name: input.name,
        virtualClusterId: vc.virtualClusterId,
        type: 'JUPYTER_ENTERPRISE_GATEWAY',
        releaseLabel: input.releaseLabel,
        executionRoleArn: input.executionRoleArn,
        ...(input.certificateArn
          ? { certificateArn: input.certificateArn }
          : {}),
        tags: {
          ...input.tags,
          ...ownerTag(options.config, vc, owner),
          [TASK_ID_LABEL]: ctx.task.id,
        },
      };
      if (ctx.isDryRun) {
        logPlan(ctx, [
          {
            call: `emr-containers:ListManagedEndpoints ${vc.virtualClusterId} to reuse '${input.name}'`,
          },
          {
            call: `emr-containers:CreateManagedEndpoint in ${vc.region}`,
            payload: request,
          },
          {
            call: `emr-containers:DescribeManagedEndpoint until ACTIVE (at most ${input.timeoutMinutes} min)`,
          },
        ]);
        ctx.output('endpointId', '<endpoint id>');
        ctx.output(
          'endpointArn',
          `${input.virtualClusterArn}/endpoints/<endpoint id>`,
        );
        ctx.output('serverUrl', '<server url>');
        return;
      }
      const { emr } = await assertTeamClusterAndRole(options, input, owner);
      const run = await Provisioning.start(ctx, 'endpoint');
      await run.run(async () => {
        const endpoint = await run.step<{ id: string; arn: string }>(
          'create',
          `managed endpoint ${input.name} of ${vc.virtualClusterId}`,
          async () => {
            const existing = await emr.send(
              new ListManagedEndpointsCommand({
                virtualClusterId: vc.virtualClusterId,
                states: ['CREATING', 'ACTIVE'],
              }),
            );
            const found = existing.endpoints?.find(e => e.name === input.name);
            if (found) {
              if (found.tags?.[TASK_ID_LABEL] !== ctx.task.id) {
                throw new ConflictError(
                  `Invalid input: name: virtual cluster ${vc.virtualClusterId} already has an endpoint '${input.name}' (${found.id})`,
                );
              }
              return awsResource(found, true);
            }
            const created = await emr.send(
              new CreateManagedEndpointCommand({
                ...request,
                clientToken: run.clientToken('endpoint'),
              }),
            );
            return awsResource(created, true);
          },
          async ({ id }) => {
            const ids = { id, virtualClusterId: vc.virtualClusterId };
            const { endpoint: current } = await emr.send(
              new DescribeManagedEndpointCommand(ids),
            );
            // A failed endpoint is already terminated and cannot (and need not) be deleted.
            if (TERMINAL.includes(current?.state ?? '')) return;
            await emr.send(new DeleteManagedEndpointCommand(ids));
          },
        );
        ctx.logger.info(`Waiting for endpoint ${endpoint.id} to become ACTIVE`);
        const { serverUrl } = await waitForActive(
          emr,
          { id: endpoint.id, virtualClusterId: vc.virtualClusterId },
          {
            timeoutMs: input.timeoutMinutes * 60_000,
            intervalMs: options.pollIntervalMs ?? 10_000,
            maxIntervalMs: options.maxPollIntervalMs ?? 60_000,
            log: message => ctx.logger.info(message),
            signal: ctx.signal,
          },
        );
        ctx.logger.info(`Endpoint ${endpoint.id} is ACTIVE at ${serverUrl}`);
        ctx.output('endpointId', endpoint.id);
        ctx.output('endpointArn', endpoint.arn);
        ctx.output('serverUrl', serverUrl);
      });
    },
  });
}
