import { Entity } from '@backstage/catalog-model';
import { mockApis } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { EmrEksApi } from '../../api';
import { costReport, responseError } from '../../__testUtils__/cost';
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
import { EmrHomePage } from './EmrHomePage';
import { monthToDate } from '../../hooks/useMonthToDateCost';

const analytics: Entity = {
  ...virtualClusterEntity('analytics-vc'),
  spec: { type: 'emr-virtual-cluster', owner: 'group:default/team-a' },
};
const streaming: Entity = {
  ...virtualClusterEntity('streaming-vc'),
  spec: { type: 'emr-virtual-cluster', owner: 'group:default/team-b' },
};

async function renderHome(
  api: EmrEksApi,
  options: { entities?: Entity[]; ownership?: string[] } = {},
) {
  const {
    entities = [analytics, streaming],
    ownership = [
      'user:default/guest',
      'group:default/team-a',
      'group:default/team-b',
    ],
  } = options;
  return renderWithCatalog(<EmrHomePage />, {
    api,
    entities,
    identity: mockApis.identity({
      userEntityRef: 'user:default/guest',
      ownershipEntityRefs: ownership,
    }),
  });
}

describe('EmrHomePage', () => {
  it("lists the user's teams' virtual clusters with counts, this month's cost and links to their tabs", async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async ref =>
        ref.name === 'analytics-vc'
          ? {
              virtualClusterId: 'abc123',
              active: 3,
              running: 2,
              failedLast24h: 4,
            }
          : {
              virtualClusterId: 'def456',
              active: 0,
              running: 0,
              failedLast24h: 0,
            },
      getCost: async ref => {
        if (ref.name === 'analytics-vc') return costReport();
        throw new Error('Kubecost is down');
      },
    });
    const catalogApi = await renderHome(api);

    expect(
      await screen.findByRole('table', {
        name: "Your teams' virtual clusters",
      }),
    ).toBeInTheDocument();
    // The teams from the identity, not the user itself.
    expectClustersOwnedBy(catalogApi, [
      'group:default/team-a',
      'group:default/team-b',
    ]);
    expectTabLink('analytics-vc', 'analytics-vc');

    await waitForCell('analytics-vc', 3, '$1,234.56');
    const cells = rowOf('analytics-vc').getAllByRole('cell');
    expect(cells[0]).toHaveTextContent('team-a');
    expect(cells[1]).toHaveTextContent('3');
    expect(cells[2]).toHaveTextContent('4');
    expect(
      within(cells[3]).getByRole('link', { name: '$1,234.56' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/analytics-vc/emr-cost',
    );
    expect(api.getCost).toHaveBeenCalledWith(
      { kind: 'Resource', namespace: 'default', name: 'analytics-vc' },
      monthToDate(),
    );

    // One row's cost failing leaves the rest of the page as it is.
    await waitForCell('streaming-vc', 3, 'Cost unavailable: Kubecost is down');
    expect(cellOf('streaming-vc', 1)).toHaveTextContent('0');
  });

  it('shows no cost, and no error, where cost is not set up', async () => {
    const notConfigured = await responseError(
      404,
      'CostNotConfiguredError',
      'Cost is not configured',
    );
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async () => ({
        virtualClusterId: 'abc123',
        active: 1,
        running: 1,
        failedLast24h: 0,
      }),
      getCost: async () => {
        throw notConfigured;
      },
    });
    await renderHome(api, { entities: [analytics] });

    await screen.findByRole('link', { name: 'analytics-vc' });
    await waitFor(() => expect(api.getCost).toHaveBeenCalled());
    await waitFor(() =>
      expect(cellOf('analytics-vc', 3)).not.toHaveAttribute('aria-busy'),
    );
    expect(cellOf('analytics-vc', 3)).toBeEmptyDOMElement();
    expect(screen.queryByText(/unavailable/)).not.toBeInTheDocument();
  });

  it('says when counts cannot be read, in that row only', async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async () => {
        throw new Error('EMR on EKS is unavailable');
      },
      getCost: async () => costReport(),
    });
    await renderHome(api, { entities: [analytics] });

    await screen.findByRole('link', { name: 'analytics-vc' });
    await waitForCell(
      'analytics-vc',
      1,
      'Counts unavailable: EMR on EKS is unavailable',
    );
    expect(
      await screen.findByRole('link', { name: '$1,234.56' }),
    ).toBeInTheDocument();
  });

  it('explains discovery and links to onboarding when the teams own no virtual cluster', async () => {
    const api = mockEmrEksApi();
    await renderHome(api, {
      entities: [],
      ownership: ['user:default/guest', 'group:default/team-a'],
    });

    expect(
      await screen.findByText('No EMR on EKS virtual clusters for your teams'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/None of your teams \(team-a\)/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/discovers virtual clusters in AWS/),
    ).toBeInTheDocument();
    expect(
      // LinkButton: an anchor with the button role.
      screen.getByRole('button', { name: 'Onboard a data team' }),
    ).toHaveAttribute(
      'href',
      '/create/templates/default/onboard-emr-eks-data-team',
    );
    expect(api.getVirtualClusterSummary).not.toHaveBeenCalled();
  });

  it('asks the catalog nothing for a user in no team', async () => {
    const api = mockEmrEksApi();
    const catalogApi = await renderHome(api, {
      ownership: ['user:default/guest'],
    });

    expect(
      await screen.findByText(/You belong to no team in the catalog/),
    ).toBeInTheDocument();
    expect(catalogApi.getEntities).not.toHaveBeenCalled();
  });
});
