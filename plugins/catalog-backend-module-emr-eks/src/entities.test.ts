import { ProviderConfig } from './config';
import { entityName, ownerRef } from './entities';

const config = {
  ownerTag: 'team',
  defaultOwner: 'group:default/data-platform',
  namespace: 'analytics',
} as ProviderConfig;

describe('entityName', () => {
  it('makes a valid catalog name from AWS names', () => {
    expect(entityName('Data_Team/A#1', 'us-east-1')).toBe(
      'data-team-a-1-us-east-1',
    );
  });

  it('stays within 63 characters without a trailing dash', () => {
    const name = entityName('x'.repeat(62), 'yy');
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).not.toMatch(/-$/);
  });
});

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
