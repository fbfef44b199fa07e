import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DailyCostChart } from './DailyCostChart';

const window = { start: '2024-05-01T00:00:00Z', end: '2024-05-04T00:00:00Z' };

/** The bars recharts drew, by series, left to right. */
function barsOf(container: HTMLElement, series: string) {
  return [
    ...container.querySelectorAll<SVGPathElement>(
      `.recharts-bar-rectangle path[name="${series}"]`,
    ),
  ]
    .map(path => ({
      x: Number(path.getAttribute('x')),
      y: Number(path.getAttribute('y')),
      height: Number(path.getAttribute('height')),
    }))
    .sort((a, b) => a.x - b.x);
}

describe('DailyCostChart', () => {
  it('stacks uplift on compute for every day of the window, days without cost empty', async () => {
    const { container } = await renderInTestApp(
      <DailyCostChart
        width={600}
        window={window}
        daily={[
          { date: '2024-05-01', compute: 10, uplift: 2, upliftBasis: 'billed' },
          {
            date: '2024-05-03',
            compute: 30,
            uplift: 5,
            upliftBasis: 'estimated',
          },
        ]}
      />,
    );

    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      'Daily cost, compute and EMR uplift stacked, May 1 to May 3: $47.00 in all, most on May 3 ($35.00)',
    );
    // Every day of the window is on the axis, the one without cost too.
    // (Tick labels are drawn in a layer of their own, not inside their axis.)
    const ticks = [
      ...container.querySelectorAll('.recharts-cartesian-axis-tick-value'),
    ]
      .map(tick => tick.textContent)
      .filter(text => !text?.startsWith('$'));
    expect(ticks).toEqual(['May 1', 'May 2', 'May 3']);

    const compute = barsOf(container, 'Compute');
    const uplift = barsOf(container, 'EMR uplift');
    expect(compute).toHaveLength(2);
    expect(uplift).toHaveLength(2);
    // Three times the compute on May 3, drawn three times as tall.
    expect(compute[1].height / compute[0].height).toBeCloseTo(3, 1);
    for (const [i, bar] of uplift.entries()) {
      // Stacked: the same column, uplift standing on top of compute.
      expect(bar.x).toBeCloseTo(compute[i].x);
      expect(bar.y + bar.height).toBeCloseTo(compute[i].y);
    }
    expect(uplift[1].height / uplift[0].height).toBeCloseTo(2.5, 1);
  });

  it("stacks a Group's virtual clusters, a series each, per day", async () => {
    const cluster = (
      name: string,
      daily: Array<{ date: string; total: number | null }>,
    ) => ({
      entityRef: `resource:default/${name}`,
      virtualClusterId: `${name}-id`,
      accountId: '123456789012',
      region: 'us-east-1',
      totals: {
        compute: 0,
        uplift: 0,
        total: 0,
        upliftBasis: 'estimated' as const,
        cpuCoreHours: 0,
        ramGbHours: 0,
      },
      daily,
    });
    const { container } = await renderInTestApp(
      <DailyCostChart
        width={600}
        window={window}
        daily={[
          { date: '2024-05-01', compute: 40, uplift: 0, upliftBasis: 'billed' },
          { date: '2024-05-02', compute: 20, uplift: 0, upliftBasis: 'billed' },
        ]}
        byVirtualCluster={[
          cluster('analytics-vc', [
            { date: '2024-05-01', total: 30 },
            { date: '2024-05-02', total: 5 },
          ]),
          cluster('streaming-vc', [
            { date: '2024-05-01', total: 10 },
            { date: '2024-05-02', total: 15 },
          ]),
        ]}
      />,
    );

    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      'Daily cost, by virtual cluster stacked (analytics-vc, streaming-vc), May 1 to May 3: $60.00 in all, most on May 1 ($40.00)',
    );
    expect(barsOf(container, 'Compute')).toHaveLength(0);
    const analytics = barsOf(container, 'analytics-vc');
    const streaming = barsOf(container, 'streaming-vc');
    expect(analytics).toHaveLength(2);
    expect(streaming).toHaveLength(2);
    // Each day's bars are in proportion to that cluster's total, stacked in one column.
    expect(analytics[0].height / streaming[0].height).toBeCloseTo(3, 1);
    expect(streaming[1].height / analytics[1].height).toBeCloseTo(3, 1);
    for (const [i, bar] of streaming.entries()) {
      expect(bar.x).toBeCloseTo(analytics[i].x);
      expect(bar.y + bar.height).toBeCloseTo(analytics[i].y);
    }
  });

  it('stacks a Group’s EMR Serverless applications as series of their own beside its virtual clusters', async () => {
    const application = {
      entityRef: 'resource:default/etl-serverless',
      accountId: '123456789012',
      region: 'us-east-1',
      applicationId: '00fsa0a1b2c3d4e5',
      total: 24,
      jobRuns: 3,
      vcpuHours: 300,
      memoryGbHours: 1200,
      storageGbHours: 0,
      prices: [],
      daily: [
        { date: '2024-05-01', total: 4 },
        { date: '2024-05-02', total: 20 },
      ],
    };
    const { container } = await renderInTestApp(
      <DailyCostChart
        width={600}
        window={window}
        daily={[
          {
            date: '2024-05-01',
            compute: 8,
            uplift: 0,
            upliftBasis: 'billed',
            serverless: 4,
          },
          {
            date: '2024-05-02',
            compute: 0,
            uplift: 0,
            upliftBasis: 'billed',
            serverless: 20,
          },
        ]}
        byVirtualCluster={[
          {
            entityRef: 'resource:default/analytics-vc',
            virtualClusterId: 'vc',
            accountId: '123456789012',
            region: 'us-east-1',
            totals: {
              compute: 8,
              uplift: 0,
              total: 8,
              upliftBasis: 'billed',
              cpuCoreHours: 0,
              ramGbHours: 0,
            },
            daily: [{ date: '2024-05-01', total: 8 }],
          },
        ]}
        byServerlessApplication={[application]}
      />,
    );
    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      'Daily cost, by virtual cluster and EMR Serverless application stacked (analytics-vc, etl-serverless (EMR Serverless)), May 1 to May 3: $32.00 in all, most on May 2 ($20.00)',
    );
    const cluster = barsOf(container, 'analytics-vc');
    const serverless = barsOf(container, 'etl-serverless (EMR Serverless)');
    expect(cluster).toHaveLength(1);
    expect(serverless).toHaveLength(2);
    expect(cluster[0].height / serverless[0].height).toBeCloseTo(2, 1);
    expect(serverless[0].y + serverless[0].height).toBeCloseTo(cluster[0].y);
  });

  it('adds EMR Serverless to compute and uplift on an application’s chart, and says what is unpriced', async () => {
    const { container } = await renderInTestApp(
      <DailyCostChart
        width={600}
        window={window}
        daily={[
          {
            date: '2024-05-01',
            compute: 0,
            uplift: 0,
            upliftBasis: 'estimated',
            serverless: 6,
          },
          {
            date: '2024-05-02',
            compute: 0,
            uplift: 0,
            upliftBasis: 'estimated',
            serverless: null,
          },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      'Daily cost, compute, EMR uplift and EMR Serverless stacked, May 1 to May 3: $6.00 in all, most on May 1 ($6.00); some EMR Serverless runs are unpriced, not included',
    );
    expect(barsOf(container, 'EMR Serverless')).toHaveLength(1);
  });

  it('says so when there are no days', async () => {
    await renderInTestApp(
      <DailyCostChart width={600} window={window} daily={[]} />,
    );
    expect(
      screen.getByRole('img', { name: /^Daily cost/ }),
    ).toHaveAccessibleName(
      'Daily cost, compute and EMR uplift stacked, May 1 to May 3: $0.00 in all, most on May 1 ($0.00)',
    );
  });
});
