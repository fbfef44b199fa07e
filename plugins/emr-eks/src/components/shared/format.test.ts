import {
  describeAge,
  formatDateTime,
  formatDuration,
  formatShortDateTime,
  jobRunDuration,
  shortPrincipal,
} from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [-5000, '0s'],
    [45_999, '45s'],
    [(12 * 60 + 30) * 1000, '12m 30s'],
    [(2 * 60 + 5) * 1000, '2m 05s'],
    [(60 + 5) * 60 * 1000, '1h 05m'],
    [(23 * 60 + 59) * 60 * 1000 + 59_000, '23h 59m'],
    [(2 * 24 + 3) * 3600 * 1000, '2d 03h'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('jobRunDuration', () => {
  const createdAt = '2024-05-01T10:00:00Z';
  const now = Date.parse('2024-05-01T11:05:00Z');

  it('measures created to finished', () => {
    expect(
      jobRunDuration(
        { state: 'COMPLETED', createdAt, finishedAt: '2024-05-01T10:12:30Z' },
        now,
      ),
    ).toBe('12m 30s');
  });

  it('measures to now while the run has not ended', () => {
    expect(jobRunDuration({ state: 'RUNNING', createdAt }, now)).toBe('1h 05m');
    expect(jobRunDuration({ state: 'PENDING', createdAt }, now)).toBe('1h 05m');
  });

  it('has no duration for an ended run without a finish time', () => {
    expect(jobRunDuration({ state: 'CANCELLED', createdAt }, now)).toBe(
      undefined,
    );
  });

  it('has no duration without a readable creation time', () => {
    expect(jobRunDuration({ state: 'RUNNING' }, now)).toBe(undefined);
    expect(
      jobRunDuration({ state: 'RUNNING', createdAt: 'yesterday' }, now),
    ).toBe(undefined);
  });
});

describe('shortPrincipal', () => {
  it.each([
    ['arn:aws:iam::123456789012:user/alice', 'alice'],
    ['arn:aws:iam::123456789012:user/division/team/bob', 'bob'],
    ['arn:aws:iam::123456789012:role/service-role/EmrJobRole', 'EmrJobRole'],
    [
      'arn:aws:sts::123456789012:assumed-role/Admin/alice@example.com',
      'Admin/alice@example.com',
    ],
    ['arn:aws:iam::123456789012:root', 'root'],
    ['alice', 'alice'],
  ])('shortens %s to %s', (arn, short) => {
    expect(shortPrincipal(arn)).toBe(short);
  });
});

describe('formatDateTime', () => {
  it('leaves missing or unreadable timestamps out', () => {
    expect(formatDateTime(undefined)).toBe(undefined);
    expect(formatDateTime('not a date')).toBe(undefined);
  });

  it('shows the year of a timestamp', () => {
    expect(formatDateTime('2024-05-01T10:00:00Z')).toContain('2024');
  });
});

describe('formatShortDateTime', () => {
  // Mid-year, so no time zone moves it into another year.
  const iso = '2024-06-15T12:34:56Z';

  it('leaves the year and seconds out within this year', () => {
    const text = formatShortDateTime(iso, new Date('2024-12-01T00:00:00Z'));
    expect(text).not.toContain('2024');
    expect(text).toMatch(/15/);
    expect(text).not.toMatch(/:56/);
  });

  it('shows the year of another year', () => {
    expect(
      formatShortDateTime(iso, new Date('2026-01-02T00:00:00Z')),
    ).toContain('2024');
  });

  it('leaves missing or unreadable timestamps out', () => {
    expect(formatShortDateTime(undefined)).toBe(undefined);
    expect(formatShortDateTime('not a date')).toBe(undefined);
  });
});

describe('describeAge', () => {
  it.each([
    [-1, 'less than a minute ago'],
    [59, 'less than a minute ago'],
    [60, '1 minute ago'],
    [5 * 60 + 30, '5 minutes ago'],
    [119 * 60, '119 minutes ago'],
    [120 * 60, '2 hours ago'],
    [47 * 3600, '47 hours ago'],
    [49 * 3600, '2 days ago'],
  ])('says %d seconds is %s', (seconds, text) => {
    expect(describeAge(seconds)).toBe(text);
  });
});
