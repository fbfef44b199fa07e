import { MockPermissionApi } from '@backstage/test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

/**
 * A permission API that denies the named permissions and allows the rest.
 *
 * `usePermission` caches answers per permission and entity for the whole test
 * file, so a test that denies a permission must ask about an entity no other
 * test asks about.
 */
export function permissionApi(...denied: string[]) {
  return new MockPermissionApi(request =>
    denied.includes(request.permission.name)
      ? AuthorizeResult.DENY
      : AuthorizeResult.ALLOW,
  );
}
