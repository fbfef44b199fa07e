import { manualClock } from '../../clock';
import { DEMO } from '../../demo';
import { DAY, HOUR, MINUTE, T0, testSandbox } from '../../__testUtils__';
import { createSandbox } from '../../sandbox';

type Api = ReturnType<typeof testSandbox>['api'];

/** Every page body of ListJobRuns for a cluster, as raw text. */
async function rawPages(api: Api, virtualClusterId: string): Promise<string[]> {
  const pages: string[] = [];
  let nextToken: string | undefined;
  do {
    const res = await api
      .get(`/virtualclusters/${virtualClusterId}/jobruns`)
      .query({ maxResults: 40, ...(nextToken ? { nextToken } : {}) })
      .expect(200);
    pages.push(res.text);
    nextToken = res.body.nextToken;
  } while (nextToken);
  return pages;
}

describe('demo data determinism', () => {
  it('is byte-identical for the same seed and clock', async () => {
    const a = testSandbox({ seed: 99, clock: manualClock(T0) });
    const b = testSandbox({ seed: 99, clock: manualClock(T0) });
    for (const cluster of Object.values(DEMO.virtualClusters)) {
      expect(await rawPages(a.api, cluster.id)).toEqual(
        await rawPages(b.api, cluster.id),
      );
    }
    const clusters = async (api: Api) =>
      (await api.get('/virtualclusters').expect(200)).text;
    expect(await clusters(a.api)).toBe(await clusters(b.api));
  });

  it('differs for another seed', async () => {
    const id = DEMO.virtualClusters['data-team-a'].id;
    const a = testSandbox({ seed: 1 });
    const b = testSandbox({ seed: 2 });
    const ids = (t: typeof a) =>
      t.sandbox.emrContainers.listJobRuns(id).map(v => v.run.id);
    expect(ids(a)).not.toEqual(ids(b));
  });

  it('keeps new runs deterministic too', () => {
    const start = (seed: number) => {
      const { sandbox } = testSandbox({ seed });
      return sandbox.emrContainers.startJobRun({
        virtualClusterId: DEMO.virtualClusters['data-team-b'].id,
        clientToken: 't',
        releaseLabel: 'emr-7.1.0-latest',
      }).run;
    };
    expect(start(5)).toEqual(start(5));
  });

  it('comes back after reset, at the current time', () => {
    const clock = manualClock(T0);
    const sandbox = createSandbox({ seed: 3, clock });
    const id = DEMO.virtualClusters['data-team-a'].id;
    const before = sandbox.emrContainers.listJobRuns(id).map(v => v.run);
    sandbox.emrContainers.startJobRun({
      virtualClusterId: id,
      clientToken: 'x',
    });
    sandbox.reset();
    expect(sandbox.emrContainers.listJobRuns(id).map(v => v.run)).toEqual(
      before,
    );
  });
});

describe.each(Object.values(DEMO.virtualClusters))(
  'demo data of $team',
  cluster => {
    const { sandbox } = testSandbox({ seed: 11 });
    const views = sandbox.emrContainers.listJobRuns(cluster.id);
    const count = (state: string) =>
      views.filter(v => v.status.state === state).length;

    it('has about 100 runs, all within the last 30 days', () => {
      expect(views.length).toBeGreaterThanOrEqual(90);
      expect(views.length).toBeLessThanOrEqual(110);
      for (const { run } of views) {
        expect(run.plan.createdAt).toBeGreaterThan(T0 - 30 * DAY);
        expect(run.plan.createdAt).toBeLessThanOrEqual(T0);
        expect(run.virtualClusterId).toBe(cluster.id);
      }
    });

    it('is mostly COMPLETED with some FAILED, a few CANCELLED and a few in flight', () => {
      expect(count('COMPLETED') / views.length).toBeGreaterThan(0.65);
      expect(count('FAILED') / views.length).toBeGreaterThanOrEqual(0.04);
      expect(count('FAILED') / views.length).toBeLessThanOrEqual(0.25);
      expect(count('CANCELLED')).toBeGreaterThanOrEqual(1);
      for (const state of ['RUNNING', 'SUBMITTED', 'PENDING']) {
        const active = views.filter(v => v.status.state === state);
        expect(active.length).toBeGreaterThanOrEqual(1);
        expect(active.some(v => v.run.plan.createdAt > T0 - HOUR)).toBe(true);
      }
    });

    it('gives FAILED runs a reason and human details, and finishedAt only to finished runs', () => {
      const terminal = views.filter(v =>
        ['COMPLETED', 'FAILED', 'CANCELLED'].includes(v.status.state),
      );
      const active = views.filter(v => !terminal.includes(v));
      expect(active.every(v => v.status.finishedAt === undefined)).toBe(true);
      expect(
        terminal.every(v => v.status.finishedAt! > v.run.plan.createdAt),
      ).toBe(true);

      const failed = views.filter(v => v.status.state === 'FAILED');
      for (const { status } of failed) {
        expect(status.failureReason).toMatch(
          /^(INTERNAL_ERROR|USER_ERROR|VALIDATION_ERROR|CLUSTER_UNAVAILABLE)$/,
        );
        expect(status.stateDetails!.length).toBeGreaterThan(10);
      }
      const others = views.filter(v => v.status.state !== 'FAILED');
      expect(others.every(v => v.status.failureReason === undefined)).toBe(
        true,
      );
    });

    it('has realistic durations, names, releases, owners and configuration', () => {
      const durations = views
        .filter(v => v.status.state === 'COMPLETED')
        .map(v => v.status.finishedAt! - v.run.plan.createdAt);
      expect(Math.min(...durations)).toBeLessThan(20 * MINUTE);
      expect(Math.max(...durations)).toBeGreaterThan(60 * MINUTE);

      expect(new Set(views.map(v => v.run.name)).size).toBeGreaterThanOrEqual(
        4,
      );
      const releases = new Set(views.map(v => v.run.releaseLabel));
      expect(releases.size).toBeGreaterThanOrEqual(2);
      for (const release of releases)
        expect(release).toMatch(/^emr-\d+\.\d+\.\d+-latest$/);

      for (const { run } of views) {
        expect(run.createdBy).toMatch(/^arn:aws:(iam|sts)::123456789012:/);
        expect(run.executionRoleArn).toBe(cluster.executionRoleArn);
        expect(run.jobDriver?.sparkSubmitJobDriver?.entryPoint).toMatch(
          /^s3:\/\//,
        );
        expect(
          run.jobDriver?.sparkSubmitJobDriver?.sparkSubmitParameters,
        ).toContain('--conf');
        expect(
          run.configurationOverrides?.monitoringConfiguration,
        ).toMatchObject({
          cloudWatchMonitoringConfiguration: {
            logGroupName: `/emr-on-eks/${cluster.team}`,
          },
          s3MonitoringConfiguration: {
            logUri: expect.stringMatching(/^s3:\/\//),
          },
        });
      }
    });
  },
);
