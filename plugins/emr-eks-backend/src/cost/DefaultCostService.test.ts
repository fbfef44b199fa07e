import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { emrEksTenantAdminPermission } from '@emr-eks/plugin-emr-eks-common';
import { CostStore } from './CostStore';
import { DefaultCostService } from './DefaultCostService';
import { costDatabases } from '../testing/databases';

const databases = costDatabases();

describe('DefaultCostService.unattributed', () => {
  it('refuses a user who may read team cost but is no platform admin', async () => {
    const knex = await databases.init('SQLITE_3');
    const store = await CostStore.create(mockServices.database({ knex }));
    const permissions = mockServices.permissions.mock();
    // The portal's shape: cost readable by everyone, the admin permission by nobody here.
    permissions.authorize.mockImplementation(async requests =>
      requests.map(r => ({
        result: isPermission(r.permission, emrEksTenantAdminPermission)
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
      })),
    );
    const service = new DefaultCostService(
      catalogServiceMock({ entities: [] }),
      permissions,
      store,
    );
    await expect(
      service.unattributed({
        credentials: mockCredentials.user('user:default/alice'),
        query: { window: '7d' },
      }),
    ).rejects.toThrow(NotAllowedError);
    expect(permissions.authorize).toHaveBeenCalledWith(
      [{ permission: emrEksTenantAdminPermission }],
      expect.anything(),
    );
  });
});
