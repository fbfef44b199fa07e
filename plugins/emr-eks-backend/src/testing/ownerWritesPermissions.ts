import {
  PermissionsService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { normalizeOwnerRef } from '@emr-eks/plugin-emr-eks-common';
import { EmrEksOwnerWritesPolicy } from '../policy/EmrEksOwnerWritesPolicy';

/**
 * The decisions of the shipped policy (`EmrEksOwnerWritesPolicy`), made here without the
 * permission backend and the catalog: the policy decides, and its one condition, the
 * catalog's IS_ENTITY_OWNER rule, is evaluated against `entities` as the catalog would —
 * the user's ownership claims (`membership`) must include the entity's owner. Services are
 * no user: they get neither writes nor tenant administration.
 */
export function ownerWritesPermissions(
  entities: Entity[],
  membership: Record<string, string[]>,
  adminGroups: string[] = [],
) {
  const policy = new EmrEksOwnerWritesPolicy(adminGroups);
  const owners = new Map(
    entities.map(e => [
      stringifyEntityRef(e),
      normalizeOwnerRef(String(e.spec?.owner ?? ''), e.metadata.namespace),
    ]),
  );
  const resolve = (
    decision: PolicyDecision,
    resourceRef: string | undefined,
  ): AuthorizeResult => {
    if (decision.result !== AuthorizeResult.CONDITIONAL) return decision.result;
    const condition = decision.conditions as {
      rule?: string;
      params?: { claims?: string[] };
    };
    if (condition.rule !== 'IS_ENTITY_OWNER') {
      throw new Error(`the test stand-in cannot evaluate ${condition.rule}`);
    }
    const owner = resourceRef ? owners.get(resourceRef) : undefined;
    return owner && (condition.params?.claims ?? []).includes(owner)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  };
  const service: PermissionsService = {
    async authorize(requests, { credentials }) {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      const user =
        principal.type === 'user'
          ? ({
              info: {
                userEntityRef: principal.userEntityRef ?? '',
                ownershipEntityRefs:
                  membership[principal.userEntityRef ?? ''] ?? [],
              },
            } as PolicyQueryUser)
          : undefined;
      return Promise.all(
        requests.map(async r => ({
          result: resolve(
            await policy.handle({ permission: r.permission }, user),
            'resourceRef' in r ? r.resourceRef : undefined,
          ),
        })),
      ) as any;
    },
    async authorizeConditional(requests) {
      // This plugin asks with resource refs only; no conditional queries.
      return requests.map(() => ({ result: AuthorizeResult.DENY }));
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
}
