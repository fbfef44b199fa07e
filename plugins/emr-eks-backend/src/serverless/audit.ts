import { AuditorService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { ServerlessWriteResult } from './types';

/**
 * Runs an EMR Serverless write inside an audit event: who (the request), which entity,
 * which application, and how it ended — as the job run writes are audited.
 */
export async function auditedServerlessWrite<T extends { id: string }>(
  auditor: AuditorService,
  req: Request,
  eventId: string,
  meta: JsonObject,
  write: () => Promise<ServerlessWriteResult<T>>,
): Promise<T> {
  const { namespace, kind, name } = req.params;
  const event = await auditor.createEvent({
    eventId,
    severityLevel: 'medium',
    request: req,
    meta: {
      entityRef: stringifyEntityRef({ namespace, kind, name }),
      ...meta,
    },
  });
  try {
    const { result, target } = await write();
    await event.success({
      meta: {
        accountId: target.accountId,
        region: target.region,
        applicationId: target.applicationId,
        resourceId: result.id,
      },
    });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}
