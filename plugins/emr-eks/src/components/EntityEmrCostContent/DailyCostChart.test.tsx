import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { DailyCostChart } from './DailyCostChart';

describe('DailyCostChart', () => {
  it('stacks compute and uplift for every day of the window', async () => {
    const { container } = await renderInTestApp(
      <DailyCostChart
        width={600}
        window={{ start: '2024-05-01T00:00:00Z', end: '2024-05-04T00:00:00Z' }}
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
    const chart = screen.getByRole('img', { name: /^Daily cost/ });
    expect(chart).toHaveAccessibleName(
      'Daily cost, compute and EMR uplift stacked, May 1 to May 3: $47.00 in all, most on May 3 ($35.00)',
    );
    const rects = [
      ...container.querySelectorAll('.recharts-bar-rectangle path'),
    ];
    console.log(
      rects
        .map(r =>
          [
            r.getAttribute('name'),
            r.getAttribute('fill'),
            r.getAttribute('y'),
            r.getAttribute('height'),
            r.getAttribute('x'),
          ].join(' '),
        )
        .join('\n'),
    );
    console.log(
      [...container.querySelectorAll('.recharts-cartesian-axis-tick-value')]
        .map(t => t.textContent)
        .join('|'),
    );
  });
  it('responsive', async () => {
    const { container } = await renderInTestApp(
      <DailyCostChart
        window={{ start: '2024-05-01T00:00:00Z', end: '2024-05-04T00:00:00Z' }}
        daily={[
          { date: '2024-05-01', compute: 10, uplift: 2, upliftBasis: 'billed' },
        ]}
      />,
    );
    console.log(container.innerHTML.slice(0, 600));
  });
});
