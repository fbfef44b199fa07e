import { ProviderConfig } from './config';
import { ownerRef } from './entities';

const config = {
  ownerTag: 'team',
  defaultOwner: 'group:default/data-platform',
  namespace: 'analytics',
} as ProviderConfig;

describe('ownerRef', () => {
  it('reads a bare team name as a group in the provider namespace', () => {
    expect(ownerRef({ team: 'data-team-a' }, config)).toBe(
      'group:analytics/data-team-a',
    );
  });

  it('keeps a full entity ref', () => {
    expect(ownerRef({ team: 'user:default/alice' }, config)).toBe(
      'user:default/alice',
    );
  });

  it('falls back to the default owner without the tag', () => {
    expect(ownerRef({ other: 'x' }, config)).toBe(
      'group:default/data-platform',
    );
    expect(ownerRef(undefined, config)).toBe('group:default/data-platform');
  });
});
