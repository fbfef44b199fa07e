import {
  KubecostError,
  parseAccumulate,
  parseAggregate,
  parseBool,
  parseDuration,
  parseFilter,
  parseWindow,
  sanitizeLabel,
} from './query';

const NOW = Date.parse('2025-03-14T15:20:30Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000', '');
const window = (raw: string, flavor: 'kubecost' | 'opencost' = 'kubecost') => {
  const w = parseWindow(raw, NOW, flavor);
  return [iso(w.start), iso(w.end)];
};

describe('window parameter', () => {
  it('reads RFC3339 and unix pairs', () => {
    expect(window('2025-03-13T10:00:00Z,2025-03-13T11:00:00Z')).toEqual([
      '2025-03-13T10:00:00Z',
      '2025-03-13T11:00:00Z',
    ]);
    expect(window('1741860000,1741863600')).toEqual([
      '2025-03-13T10:00:00Z',
      '2025-03-13T11:00:00Z',
    ]);
    expect(window('1741860000-1741863600')[0]).toBe('2025-03-13T10:00:00Z');
  });

  it('reads named windows in UTC', () => {
    expect(window('today')).toEqual([
      '2025-03-14T00:00:00Z',
      '2025-03-15T00:00:00Z',
    ]);
    expect(window('yesterday')).toEqual([
      '2025-03-13T00:00:00Z',
      '2025-03-14T00:00:00Z',
    ]);
    // 2025-03-14 is a Friday; weeks start on Sunday.
    expect(window('week')).toEqual([
      '2025-03-09T00:00:00Z',
      '2025-03-14T15:20:30Z',
    ]);
    expect(window('lastweek')).toEqual([
      '2025-03-02T00:00:00Z',
      '2025-03-09T00:00:00Z',
    ]);
    expect(window('month')).toEqual([
      '2025-03-01T00:00:00Z',
      '2025-03-14T15:20:30Z',
    ]);
    expect(window('lastmonth')).toEqual([
      '2025-02-01T00:00:00Z',
      '2025-03-01T00:00:00Z',
    ]);
  });

  it('reads durations: Kubecost ends now (days from midnight), OpenCost rounds forward', () => {
    expect(window('24h')).toEqual([
      '2025-03-13T15:20:30Z',
      '2025-03-14T15:20:30Z',
    ]);
    expect(window('3d')).toEqual([
      '2025-03-11T00:00:00Z',
      '2025-03-14T15:20:30Z',
    ]);
    expect(window('24h', 'opencost')).toEqual([
      '2025-03-13T16:00:00Z',
      '2025-03-14T16:00:00Z',
    ]);
    expect(window('7d', 'opencost')).toEqual([
      '2025-03-08T00:00:00Z',
      '2025-03-15T00:00:00Z',
    ]);
    expect(window('2h offset 1h')).toEqual([
      '2025-03-14T12:20:30Z',
      '2025-03-14T14:20:30Z',
    ]);
  });

  it('refuses anything else, and empty or negative windows', () => {
    for (const raw of [
      '',
      'tomorrow',
      '2025-03-13T10:00:00+01:00,2025-03-13T11:00:00Z',
      '2025-03-13T11:00:00Z,2025-03-13T10:00:00Z',
      'x2025-03-13T10:00:00Z,2025-03-13T11:00:00Z',
    ]) {
      expect(() => parseWindow(raw, NOW, 'kubecost')).toThrow(KubecostError);
    }
  });
});

describe('other parameters', () => {
  it('reads booleans as Go does, accumulate values and durations', () => {
    expect(parseBool('False', true)).toBe(false);
    expect(parseBool('T', false)).toBe(true);
    expect(parseBool('nope', true)).toBe(true);
    expect(parseBool(null, false)).toBe(false);
    expect(parseAccumulate('False')).toBe('none');
    expect(parseAccumulate('TRUE')).toBe('all');
    expect(parseAccumulate('day')).toBe('day');
    expect(parseAccumulate(null)).toBe('none');
    expect(parseDuration('1h')).toBe(3_600_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('hourly')).toBeUndefined();
  });

  it('reads aggregates with original or sanitized label names', () => {
    expect(
      parseAggregate(
        'pod, label:emr-containers.amazonaws.com/job.id,controllerKind',
      ),
    ).toEqual([
      { kind: 'pod' },
      { kind: 'label', name: 'emr_containers_amazonaws_com_job_id' },
      { kind: 'controllerKind' },
    ]);
    expect(parseAggregate('')).toEqual([]);
    expect(() => parseAggregate('pod,team')).toThrow(
      /unrecognized aggregation property: team/,
    );
    expect(sanitizeLabel('karpenter.sh/capacity-type')).toBe(
      'karpenter_sh_capacity_type',
    );
  });

  it('parses v2 filters: and binds tighter than or; spaces stand for an unencoded +', () => {
    expect(
      parseFilter('namespace:"a"+label[x.y/z]:"b" | pod<~:"spark-"'),
    ).toEqual({
      type: 'or',
      children: [
        {
          type: 'and',
          children: [
            {
              type: 'compare',
              field: 'namespace',
              op: 'equals',
              values: ['a'],
            },
            {
              type: 'compare',
              field: 'label',
              key: 'x.y/z',
              op: 'equals',
              values: ['b'],
            },
          ],
        },
        { type: 'compare', field: 'pod', op: 'startsWith', values: ['spark-'] },
      ],
    });
    expect(parseFilter('namespace:"a" cluster!:"b","c"')).toEqual({
      type: 'and',
      children: [
        { type: 'compare', field: 'namespace', op: 'equals', values: ['a'] },
        {
          type: 'compare',
          field: 'cluster',
          op: 'notEquals',
          values: ['b', 'c'],
        },
      ],
    });
    expect(parseFilter('(namespace:"a")')).toMatchObject({
      field: 'namespace',
    });
    expect(parseFilter('')).toBeUndefined();
    for (const bad of [
      'namespace',
      'namespace:"a',
      'namespace="a"',
      '(pod:"a"',
    ]) {
      expect(() => parseFilter(bad)).toThrow(/Invalid 'filter' parameter/);
    }
  });
});
