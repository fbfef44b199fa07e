import { mockCredentials } from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  emrEksJobRunCancelPermission,
  emrEksJobRunReadPermission,
} from '@emr-eks/plugin-emr-eks-common';
import {
  READ_REUSE_MS,
  ReuseMemo,
  reuseEntityLookups,
  reuseReadDecisions,
  withReadReuse,
} from './readCache';

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');
const ref = 'resource:default/team-a-emr';

function countingPermissions(result = AuthorizeResult.ALLOW) {
  const authorize = jest.fn(async (requests: unknown[]) =>
    requests.map(() => ({ result })),
  );
  return {
    authorize,
    authorizeConditional: jest.fn(),
  } as unknown as PermissionsService & { authorize: jest.Mock };
}

describe('reuseReadDecisions', () => {
  it("reuses one user's read decision for a few seconds, then asks again", async () => {
    let now = 0;
    const inner = countingPermissions();
    const permissions = reuseReadDecisions(inner, () => now);
    const ask = () =>
      permissions.authorize(
        [{ permission: emrEksJobRunReadPermission, resourceRef: ref }],
        { credentials: alice },
      );

    expect(await ask()).toEqual([{ result: AuthorizeResult.ALLOW }]);
    await ask();
    expect(inner.authorize).toHaveBeenCalledTimes(1);

    now += READ_REUSE_MS + 1;
    await ask();
    expect(inner.authorize).toHaveBeenCalledTimes(2);
  });

  it('never reuses a write decision, another user’s, a service’s, or another entity’s', async () => {
    const inner = countingPermissions();
    const permissions = reuseReadDecisions(inner);
    const cancel = () =>
      permissions.authorize(
        [{ permission: emrEksJobRunCancelPermission, resourceRef: ref }],
        { credentials: alice },
      );
    await cancel();
    await cancel();
    expect(inner.authorize).toHaveBeenCalledTimes(2);

    const read = (
      credentials: BackstageCredentials = alice,
      resourceRef = ref,
    ) =>
      permissions.authorize(
        [{ permission: emrEksJobRunReadPermission, resourceRef }],
        { credentials },
      );
    await read();
    await read(bob);
    await read(alice, 'resource:default/team-b-emr');
    await read(mockCredentials.service('plugin:catalog'));
    await read(mockCredentials.service('plugin:catalog'));
    expect(inner.authorize).toHaveBeenCalledTimes(7);
  });

  it('shares one answer in flight and forgets a failure', async () => {
    const inner = countingPermissions();
    inner.authorize.mockRejectedValueOnce(new Error('permission backend down'));
    const permissions = reuseReadDecisions(inner);
    const read = () =>
      permissions.authorize(
        [{ permission: emrEksJobRunReadPermission, resourceRef: ref }],
        { credentials: alice },
      );
    await expect(Promise.all([read(), read()])).rejects.toThrow(
      'permission backend down',
    );
    expect(inner.authorize).toHaveBeenCalledTimes(1);
    await expect(read()).resolves.toEqual([{ result: AuthorizeResult.ALLOW }]);
    expect(inner.authorize).toHaveBeenCalledTimes(2);
  });
});

describe('reuseEntityLookups', () => {
  it("reuses a user's lookup of one entity, per user, and passes other calls through", async () => {
    const getEntityByRef = jest.fn(async () => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'team-a-emr' },
    }));
    const getEntities = jest.fn(async () => ({ items: [] }));
    const catalog = reuseEntityLookups({
      getEntityByRef,
      getEntities,
    } as unknown as CatalogService);

    await catalog.getEntityByRef(ref, { credentials: alice });
    await catalog.getEntityByRef(
      { kind: 'Resource', namespace: 'default', name: 'team-a-emr' },
      { credentials: alice },
    );
    await catalog.getEntityByRef(ref, { credentials: alice });
    expect(getEntityByRef).toHaveBeenCalledTimes(1);
    await catalog.getEntityByRef(ref, { credentials: bob });
    expect(getEntityByRef).toHaveBeenCalledTimes(2);

    await catalog.getEntities({}, { credentials: alice });
    expect(getEntities).toHaveBeenCalledTimes(1);
  });
});

describe('withReadReuse', () => {
  it('gives every service of the plugin the same wrappers for the same services', () => {
    const deps = {
      catalog: {} as CatalogService,
      permissions: countingPermissions(),
    };
    const one = withReadReuse(deps);
    const two = withReadReuse({ ...deps, other: 1 });
    expect(one.catalog).toBe(two.catalog);
    expect(one.permissions).toBe(two.permissions);
    expect(one.permissions).not.toBe(deps.permissions);
  });
});

describe('ReuseMemo', () => {
  it('keeps at most its bound, dropping the oldest', async () => {
    const memo = new ReuseMemo<number>(60_000, 2);
    await memo.get('a', async () => 1);
    await memo.get('b', async () => 2);
    await memo.get('c', async () => 3);
    expect(memo.size).toBe(2);
    const reload = jest.fn(async () => 10);
    expect(await memo.get('a', reload)).toBe(10);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
