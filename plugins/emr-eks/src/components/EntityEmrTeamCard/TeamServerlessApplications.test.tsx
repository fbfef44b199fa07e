import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import { virtualClusterEntity } from '../../__testUtils__/fixtures';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { application, applicationEntity } from '../../__testUtils__/serverless';
import {
  renderWithCatalog,
  waitForCell,
} from '../../__testUtils__/virtualClusterList';
import { EntityEmrTeamCard } from './EntityEmrTeamCard';

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'team-a', namespace: 'default' },
  spec: { type: 'team', children: [] },
};

describe('EntityEmrTeamCard, EMR Serverless', () => {
  it("lists the team's applications beside its virtual clusters, linking to their tab", async () => {
    const api = mockEmrEksApi({
      getVirtualClusterSummary: async () => ({
        virtualClusterId: 'abc123',
        active: 0,
        running: 0,
        failedLast24h: 0,
      }),
      getServerlessApplication: async () => ({
        ...application,
        state: 'STOPPED',
      }),
    });
    const catalogApi = await renderWithCatalog(
      <EntityProvider entity={group}>
        <EntityEmrTeamCard />
      </EntityProvider>,
      { api, entities: [virtualClusterEntity(), applicationEntity()] },
    );

    const apps = await screen.findByRole('table', {
      name: 'EMR Serverless applications',
    });
    expect(
      within(apps).getByRole('link', { name: 'spark-team-a-us-east-1' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/spark-team-a-us-east-1/emr-serverless',
    );
    await waitForCell('spark-team-a-us-east-1', 0, 'STOPPED');
    expect(
      screen.getByRole('table', { name: 'EMR virtual clusters' }),
    ).toHaveTextContent('analytics-vc');
    expect(catalogApi.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: {
          kind: 'resource',
          'spec.type': 'emr-serverless-application',
          'relations.ownedBy': 'group:default/team-a',
        },
      }),
    );
  });

  it('shows only the applications of a team without virtual clusters, with no "owns nothing" line', async () => {
    const api = mockEmrEksApi({
      getServerlessApplication: async () => application,
    });
    await renderWithCatalog(
      <EntityProvider entity={group}>
        <EntityEmrTeamCard />
      </EntityProvider>,
      { api, entities: [applicationEntity()] },
    );

    expect(
      await screen.findByRole('table', { name: 'EMR Serverless applications' }),
    ).toHaveTextContent('spark-team-a-us-east-1');
    expect(
      screen.queryByRole('table', { name: 'EMR virtual clusters' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByText(/owns no/)).not.toBeInTheDocument();
    expect(api.getVirtualClusterSummary).not.toHaveBeenCalled();
  });
});
