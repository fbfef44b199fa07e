import { catalogEntityName, virtualClusterEntityName } from './entityNames';

describe('catalogEntityName', () => {
  it('makes a valid catalog name from AWS names', () => {
    expect(catalogEntityName('Data_Team/A#1', 'us-east-1')).toBe(
      'data-team-a-1-us-east-1',
    );
  });

  it('folds runs of dashes', () => {
    expect(catalogEntityName('a--b', '-c')).toBe('a-b-c');
  });

  it('stays within 63 characters without an edge dash', () => {
    const name = catalogEntityName('x'.repeat(62), 'yy');
    expect(name).toBe('x'.repeat(62));
    expect(catalogEntityName('_lead', 'trail_')).toBe('lead-trail');
  });
});

describe('virtualClusterEntityName', () => {
  it('is the name and the region', () => {
    expect(virtualClusterEntityName('Data-Team-A', 'eu-west-1')).toBe(
      'data-team-a-eu-west-1',
    );
  });
});
