import {
  isTemplateFor,
  normalizeOwnerRef,
  ownerRefFromTags,
  ownerRefFromTagValue,
  ownerTagValue,
} from './ownership';

describe('owner tags', () => {
  it('reads a bare group name as a group in the default namespace', () => {
    expect(ownerRefFromTagValue('data-team-a')).toBe(
      'group:default/data-team-a',
    );
    expect(ownerRefFromTagValue(' Data-Team-A ', 'analytics')).toBe(
      'group:analytics/data-team-a',
    );
  });

  it('keeps full refs, lower-cased, and treats an empty value as no owner', () => {
    expect(ownerRefFromTagValue('Group:Ops/Platform')).toBe(
      'group:ops/platform',
    );
    expect(ownerRefFromTagValue('user:default/jane')).toBe('user:default/jane');
    expect(ownerRefFromTagValue('  ')).toBeUndefined();
    expect(ownerRefFromTagValue(undefined)).toBeUndefined();
  });

  it('reads the configured tag key only', () => {
    const tags = { team: 'data-team-a', owner: 'data-team-b' };
    expect(ownerRefFromTags(tags)).toBe('group:default/data-team-a');
    expect(ownerRefFromTags(tags, { tag: 'owner' })).toBe(
      'group:default/data-team-b',
    );
    expect(ownerRefFromTags(tags, { tag: 'cost-center' })).toBeUndefined();
  });

  it('normalizes refs the way the catalog compares them', () => {
    expect(normalizeOwnerRef('data-team-a')).toBe('group:default/data-team-a');
    expect(normalizeOwnerRef('default/data-team-a')).toBe(
      'group:default/data-team-a',
    );
    expect(normalizeOwnerRef('GROUP:default/Data-Team-A')).toBe(
      'group:default/data-team-a',
    );
  });

  it('writes a tag value that reads back as the same owner', () => {
    for (const ref of [
      'group:default/data-team-a',
      'group:analytics/data-team-b',
      'user:default/jane',
    ]) {
      expect(ownerRefFromTagValue(ownerTagValue(ref))).toBe(ref);
    }
    expect(ownerTagValue('group:default/data-team-a')).toBe('data-team-a');
    expect(ownerTagValue('group:analytics/x', 'analytics')).toBe('x');
  });
});

describe('isTemplateFor', () => {
  const cluster = { id: 'vc1', tags: { team: 'data-team-a' } };

  it('offers untagged templates and templates of the same team or cluster', () => {
    expect(isTemplateFor({}, cluster)).toBe(true);
    expect(isTemplateFor({ tags: { team: 'data-team-a' } }, cluster)).toBe(
      true,
    );
    expect(
      isTemplateFor({ tags: { team: 'group:default/data-team-a' } }, cluster),
    ).toBe(true);
    expect(
      isTemplateFor({ tags: { 'virtual-cluster-id': 'vc1' } }, cluster),
    ).toBe(true);
  });

  it("refuses another cluster's or another team's template", () => {
    expect(
      isTemplateFor({ tags: { 'virtual-cluster-id': 'vc2' } }, cluster),
    ).toBe(false);
    expect(isTemplateFor({ tags: { team: 'data-team-b' } }, cluster)).toBe(
      false,
    );
  });
});
