import {
  Application,
  DeleteApplicationCommand,
  EMRServerlessClient,
  GetApplicationCommand,
  ListApplicationsCommand,
  StopApplicationCommand,
} from '@aws-sdk/client-emr-serverless';
import { ServiceUnavailableError } from '@backstage/errors';
import { sleep } from './wait';

// Finding, awaiting and deleting EMR Serverless applications, for the action that makes them.

/** The application of that name in the region (not terminated), with its tags; undefined if none. */
export async function findApplication(
  emr: EMRServerlessClient,
  name: string,
): Promise<Application | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await emr.send(
      new ListApplicationsCommand({
        nextToken,
        states: [
          'CREATING',
          'CREATED',
          'STARTING',
          'STARTED',
          'STOPPING',
          'STOPPED',
        ],
      }),
    );
    const found = page.applications?.find(a => a.name === name);
    if (found) {
      // The summary has no tags.
      const { application } = await emr.send(
        new GetApplicationCommand({ applicationId: found.id! }),
      );
      return application;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}

/** How to wait for an application's state: growing waits, a deadline, a log line per wait. */
export interface Polling {
  intervalMs: number;
  maxIntervalMs: number;
  timeoutMs: number;
  log: (message: string) => void;
  signal?: AbortSignal;
}

/**
 * Polls the application until `done` says its state is final for the caller, acting on the
 * way with `onState` (e.g. stopping a started application before deleting it).
 */
export async function waitForApplication(
  emr: EMRServerlessClient,
  applicationId: string,
  polling: Polling,
  done: (state: string, details?: string) => boolean,
  onState?: (state: string) => Promise<void>,
): Promise<string> {
  const deadline = Date.now() + polling.timeoutMs;
  let wait = polling.intervalMs;
  for (;;) {
    const { application } = await emr.send(
      new GetApplicationCommand({ applicationId }),
    );
    const state = application?.state ?? 'UNKNOWN';
    if (done(state, application?.stateDetails)) return state;
    await onState?.(state);
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new ServiceUnavailableError(
        `EMR Serverless application ${applicationId} was still ${state} after ${Math.round(
          polling.timeoutMs / 1000,
        )} s`,
      );
    }
    polling.log(
      `Application ${applicationId} is ${state}; checking again in ${(
        wait / 1000
      ).toFixed(1)}s`,
    );
    await sleep(Math.min(wait, left), polling.signal);
    wait = Math.min(Math.round(wait * 1.5), polling.maxIntervalMs);
  }
}

/** Deletes an application: waits out transitions and stops it first if it was started. */
export async function deleteApplication(
  emr: EMRServerlessClient,
  applicationId: string,
  polling: Polling,
): Promise<void> {
  const state = await waitForApplication(
    emr,
    applicationId,
    polling,
    s => ['CREATED', 'STOPPED', 'TERMINATED'].includes(s),
    async s => {
      if (s === 'STARTED') {
        await emr.send(new StopApplicationCommand({ applicationId }));
      }
    },
  );
  if (state === 'TERMINATED') return;
  await emr.send(new DeleteApplicationCommand({ applicationId }));
}
