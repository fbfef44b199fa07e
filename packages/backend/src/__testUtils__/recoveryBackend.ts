/*
 * A backend for the task-recovery test, run as its own process so the test can SIGKILL it:
 * the scaffolder with the EMR on EKS actions, the catalog (for the template) and
 * permissions decided in process, on the database its config names. Sign-in is replaced by a fixed
 * user, a member of the groups in RECOVERY_TEST_GROUPS, so tasks can be started over HTTP.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs recoveryBackend.ts --config <file>
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { emrEksTenantAdminPermission } from '@emr-eks/plugin-emr-eks-common';

const USER = process.env.RECOVERY_TEST_USER ?? 'user:default/operator';
const GROUPS = (process.env.RECOVERY_TEST_GROUPS ?? '')
  .split(',')
  .filter(Boolean);

const backend = createBackend();

backend.add(mockServices.auth.factory());
backend.add(
  mockServices.httpAuth.factory({
    defaultCredentials: mockCredentials.user(USER),
  }),
);
backend.add(
  createServiceFactory({
    service: coreServices.userInfo,
    deps: {},
    factory: () => ({
      getUserInfo: async () => ({
        userEntityRef: USER,
        ownershipEntityRefs: [USER, ...GROUPS],
      }),
    }),
  }),
);

// Permissions decided in process: everything is allowed but the tenant-admin permission, so
// the actions admit the user only as a member of the owner group.
const decide = (permission: { name: string }) => ({
  result:
    permission.name === emrEksTenantAdminPermission.name
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
});
backend.add(
  createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => ({
      authorize: async requests =>
        requests.map(r => decide(r.permission)) as any,
      authorizeConditional: async queries =>
        queries.map(q => decide(q.permission)) as any,
    }),
  }),
);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@emr-eks/plugin-scaffolder-backend-module-emr-eks'));
backend.start();
