import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { VirtualClusterSummary } from '@emr-eks/plugin-emr-eks-common';
import { screen, waitFor, within } from '@testing-library/react';
import { EmrEksApi } from '../../api';
import { virtualClusterEntity } from '../../__testUtils__/fixtures';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import {
  cellOf,
  expectClustersOwnedBy,
  expectTabLink,
  renderWithCatalog,
  rowOf,
  waitForCell,
} from '../../__testUtils__/virtualClusterList';
import { EntityEmrTeamCard } from './EntityEmrTeamCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

const summaries: Record<string, VirtualClusterSummary> = {
  'analytics-vc': {
    virtualClusterId: 'abc123',
    active: 3,
    running: 2,
    failedLast24h: 4,
  },
  'streaming-vc': {
    virtualClusterId: 'def456',
    active: 0,
    running: 0,
    failedLast24h: 0,
    stale: {
      asOf: '2024-05-01T10:00:00Z',
      ageSeconds: 600,
      reason: 'EMR on EKS is unavailable',
    },
  },
};

const clusters: Entity[] = [
  virtualClusterEntity('analytics-vc'),
  {
    ...virtualClusterEntity('streaming-vc'),
    metadata: {
      ...virtualClusterEntity('streaming-vc').metadata,
      title: 'Streaming',
    },
  },
  {
    ...virtualClusterEntity('legacy-vc'),
    metadata: { name: 'legacy-vc', namespace: 'default' },
  },
];

async function renderCard(
  api: EmrEksApi,
  entities: Entity[] = clusters,
  props: { emrTabPath?: string } = {},
) {
  return renderWithCatalog(
    <EntityProvider entity={group}>
      <EntityEmrTeamCard {...props} />
    </EntityProvider>,
    { api, entities },
  );
}

describe('EntityEmrTeamCard', () => {
  it("lists the team's virtual clusters with their counts and EMR tab links", async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async ref => summaries[ref.name],
    });
    const catalogApi = await renderCard(api);

    expect(
      await screen.findByRole('table', { name: 'EMR virtual clusters' }),
    ).toBeInTheDocument();
    expectClustersOwnedBy(catalogApi, 'group:default/team-a');

    expectTabLink('analytics-vc', 'analytics-vc');
    expectTabLink('Streaming', 'streaming-vc');

    await waitForCell('analytics-vc', 0, '2');
    const analytics = rowOf('analytics-vc').getAllByRole('cell');
    expect(analytics[1]).toHaveTextContent('4');
    expect(
      within(analytics[1]).getByTestId('status-error'),
    ).toBeInTheDocument();

    await waitForCell(
      'Streaming',
      1,
      'Showing data from 10 minutes ago: EMR on EKS is unavailable',
    );
    const streaming = rowOf('Streaming').getAllByRole('cell');
    expect(streaming[0]).toHaveTextContent('0');
    expect(within(streaming[1]).getByTestId('status-ok')).toBeInTheDocument();

    expect(rowOf('legacy-vc').getByRole('cell')).toHaveTextContent(
      'No virtual cluster ARN annotation',
    );
    expect(api.getVirtualClusterSummary).toHaveBeenCalledTimes(2);
    expect(api.getVirtualClusterSummary).toHaveBeenCalledWith({
      kind: 'Resource',
      namespace: 'default',
      name: 'analytics-vc',
    });
  });

  it('shows a count that stopped at the backend’s limit as "1,000+"', async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async () => ({
        virtualClusterId: 'abc123',
        active: 1000,
        running: 1000,
        failedLast24h: 1000,
        truncated: ['active', 'running', 'failedLast24h'],
      }),
    });
    await renderCard(api, [clusters[0]]);

    await screen.findByRole('link', { name: 'analytics-vc' });
    await waitForCell('analytics-vc', 0, '1,000+');
    expect(cellOf('analytics-vc', 1)).toHaveTextContent('1,000+');
  });

  it('links to the EMR tab where the app mounts it', async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async ref => summaries[ref.name],
    });
    await renderCard(api, [clusters[0]], { emrTabPath: 'spark' });

    expect(
      await screen.findByRole('link', { name: 'analytics-vc' }),
    ).toHaveAttribute('href', '/catalog/default/resource/analytics-vc/spark');
  });

  it('says when the counts of a cluster cannot be read', async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async () => {
        throw new Error('EMR on EKS is unavailable');
      },
    });
    await renderCard(api, [clusters[0]]);

    await screen.findByRole('link', { name: 'analytics-vc' });
    await waitFor(() =>
      expect(rowOf('analytics-vc').getByRole('cell')).toHaveTextContent(
        'Counts unavailable: EMR on EKS is unavailable',
      ),
    );
  });

  it('says when the team owns neither virtual clusters nor applications', async () => {
    const api = mockEmrEksApi();
    await renderCard(api, []);

    expect(
      await screen.findByText('This team owns no EMR on EKS virtual clusters or EMR Serverless applications.'),
    ).toBeInTheDocument();
    expect(api.getVirtualClusterSummary).not.toHaveBeenCalled();
  });

  it("shows the team's spend this month against its budget, linking to the Cost tab", async () => {
    const api = mockEmrEksApi({
      getBudget: async () => ({
        currency: 'USD',
        entityRef: 'group:default/team-a',
        month: '2026-12',
        budget: 2000,
        budgetSource: 'annotation',
        monthToDate: 500,
        forecast: { expected: 1800, low: 1600, high: 2000, basisDays: 56 },
        thresholds: [0.8, 1],
      }),
    });
    await renderCard(api, []);

    expect(
      await screen.findByRole('group', { name: 'Spend in 2026-12' }),
    ).toHaveTextContent(
      'Spent in 2026-12: $500.00 of a $2,000.00 budget (25%) · forecast $1,800.00 (90%)',
    );
    expect(api.getBudget).toHaveBeenCalledWith({
      kind: 'Group',
      namespace: 'default',
      name: 'team-a',
    });
    expect(screen.getByRole('link', { name: 'Cost' })).toHaveAttribute(
      'href',
      expect.stringMatching(/emr-cost$/),
    );
  });
});
