import {
  AuditorService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { Request } from 'express';
import type { EntityRequest } from './types';

/** The AWS resource a write touched: a virtual cluster, or an EMR Serverless application. */
export type AuditTarget = { accountId: string; region: string } & (
  | { virtualClusterId: string }
  | { applicationId: string }
);

/**
 * What the router hands each part of the API that lives under an entity: the entity's path,
 * the caller's request for it, and the router's audited write, so every write is audited alike.
 */
export interface EntityRouteOptions {
  entity: string;
  entityRequest: (req: Request) => Promise<EntityRequest>;
  audited: <T extends { id: string }>(
    req: Request,
    eventId: string,
    meta: JsonObject,
    write: () => Promise<{ result: T; target: AuditTarget }>,
  ) => Promise<T>;
}

/** Who asked for a write: an HTTP request, or the credentials an action runs with. */
export type AuditSource =
  | { request: Request }
  | { credentials: BackstageCredentials; via: string };

/**
 * Runs a write inside an audit event: who, which entity, which AWS resource, and how it
 * ended. The routes and the actions (MCP) share it, so a write is audited the same way
 * whichever way it came in.
 */
export async function auditedWrite<T extends { id: string }>(
  auditor: AuditorService,
  options: {
    eventId: string;
    entityRef: CompoundEntityRef;
    meta: JsonObject;
    source: AuditSource;
  },
  write: () => Promise<{ result: T; target: AuditTarget }>,
): Promise<T> {
  const { source } = options;
  const event = await auditor.createEvent({
    eventId: options.eventId,
    severityLevel: 'medium',
    // Without a request the auditor names the plugin as the actor: name the caller here.
    ...('request' in source ? { request: source.request } : {}),
    meta: {
      entityRef: stringifyEntityRef(options.entityRef),
      ...('request' in source
        ? {}
        : { actor: principalOf(source.credentials), via: source.via }),
      ...options.meta,
    },
  });
  try {
    const { result, target } = await write();
    await event.success({
      meta: {
        accountId: target.accountId,
        region: target.region,
        ...('virtualClusterId' in target
          ? { virtualClusterId: target.virtualClusterId }
          : { applicationId: target.applicationId }),
        resourceId: result.id,
      },
    });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error });
    throw error;
  }
}

function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type ?? '';
}
