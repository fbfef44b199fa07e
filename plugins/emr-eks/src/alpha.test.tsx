import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen } from '@testing-library/react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import plugin, {
  emrEksCostEntityContent,
  emrEksEndpointsEntityContent,
  emrEksEntityContent,
  emrEksTeamEntityCard,
} from './alpha';
import { EmrEksClient, emrEksApiRef } from './api';
import { mockEmrEksApi } from './__testUtils__/mockEmrEksApi';
// The Cost tab's code is loaded here, not by the tab's lazy import inside the
// assertion's wait: compiling it on first use took over a second on a loaded CI machine.
import './components/EntityEmrCostContent';

const virtualCluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'analytics-vc',
    annotations: {
      'aws.amazon.com/emr-virtual-cluster-arn':
        'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc123',
    },
  },
  spec: { type: 'emr-virtual-cluster', owner: 'team-a' },
};

describe('emr-eks alpha plugin', () => {
  it('provides the EmrEksClient for emrEksApiRef', () => {
    expect(plugin.pluginId).toBe('emr-eks');
    const factory = createExtensionTester(
      plugin.getExtension('api:emr-eks'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(factory.api.id).toBe(emrEksApiRef.id);
    const client = factory.factory({
      discoveryApi: { getBaseUrl: async () => 'http://localhost' },
      fetchApi: { fetch },
    });
    expect(client).toBeInstanceOf(EmrEksClient);
  });

  const group: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team' },
  };
  const unannotated = {
    ...virtualCluster,
    metadata: { name: 'not-annotated-yet' },
  };
  const database = { ...virtualCluster, spec: { type: 'database' } };
  const component = { ...virtualCluster, kind: 'Component' };

  it.each([
    {
      id: 'entity-content:emr-eks/job-runs' as const,
      path: 'emr',
      title: 'EMR',
      shownOn: [virtualCluster, unannotated],
      notOn: [database, component, group],
    },
    {
      id: 'entity-content:emr-eks/endpoints' as const,
      path: 'emr-endpoints',
      title: 'EMR endpoints',
      shownOn: [virtualCluster, unannotated],
      notOn: [database, component, group],
    },
    {
      id: 'entity-content:emr-eks/cost' as const,
      path: 'emr-cost',
      title: 'Cost',
      shownOn: [virtualCluster, unannotated, group],
      notOn: [database, component],
    },
  ])(
    'mounts $id at /$path titled $title',
    ({ id, path, title, shownOn, notOn }) => {
      const tester = createExtensionTester(plugin.getExtension(id));
      expect(tester.get(coreExtensionData.routePath)).toBe(path);
      expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);

      const shows = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
      expect(shownOn.map(shows)).toEqual(shownOn.map(() => true));
      expect(notOn.map(shows)).toEqual(notOn.map(() => false));
    },
  );

  it('renders the cost of a virtual cluster on the Cost tab', async () => {
    const tester = createExtensionTester(emrEksCostEntityContent);
    const getCost = jest.fn(async () => {
      throw new Error('Cost is not configured');
    });
    const getBudget = jest.fn(async () => {
      throw new Error('Cost is not configured');
    });
    renderInTestApp(
      <EntityProvider entity={virtualCluster}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[emrEksApiRef, { getCost, getBudget }]] },
    );
    // Text queries, not role queries (cheaper on a large tree). The first test app
    // of this file boots here (its lazily loaded core extensions), about a second
    // idle and more on a loaded CI machine, so this one wait gets a longer limit.
    expect(
      await screen.findByText(
        'Could not load cost. Cost is not configured',
        { exact: false },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Cost', { selector: 'h1,h2,h3,h4,h5,h6' }),
    ).toBeInTheDocument();
    expect(getCost).toHaveBeenCalledWith(
      { kind: 'Resource', namespace: 'default', name: 'analytics-vc' },
      { window: '30d' },
    );
  });

  it('mounts the EMR home at /emr with a nav item', () => {
    const tester = createExtensionTester(plugin.getExtension('page:emr-eks'));
    expect(tester.get(coreExtensionData.routePath)).toBe('/emr');
    expect(tester.get(coreExtensionData.title)).toBe('EMR on EKS');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('puts the team card on Group pages only', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:emr-eks/team'),
    );
    const shows = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(
      shows({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-a' },
        spec: { type: 'team' },
      }),
    ).toBe(true);
    expect(shows(virtualCluster)).toBe(false);
  });

  it.each([
    ['EMR', () => createExtensionTester(emrEksEntityContent)],
    [
      'EMR endpoints',
      () => createExtensionTester(emrEksEndpointsEntityContent),
    ],
    ['Cost', () => createExtensionTester(emrEksCostEntityContent)],
  ])(
    'renders the missing annotation on the %s tab of an unannotated cluster',
    async (_tab, tester) => {
      const api = mockEmrEksApi();
      renderInTestApp(
        <EntityProvider
          entity={{ ...virtualCluster, metadata: { name: 'analytics-vc' } }}
        >
          {tester().reactElement()}
        </EntityProvider>,
        { apis: [[emrEksApiRef, api]] },
      );

      expect(
        await screen.findByText(/Missing Annotation/i),
      ).toBeInTheDocument();
      expect(api.listJobRuns).not.toHaveBeenCalled();
      expect(api.listEndpoints).not.toHaveBeenCalled();
      expect(api.getCost).not.toHaveBeenCalled();
    },
  );

  it('renders the team card from the catalog', async () => {
    const tester = createExtensionTester(emrEksTeamEntityCard);
    const getEntities = jest.fn(async () => ({ items: [] }));
    renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-a', namespace: 'default' },
          spec: { type: 'team' },
        }}
      >
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [
          [
            emrEksApiRef,
            // A portal without cost: the card's spend line stays away.
            mockEmrEksApi({
              getBudget: async () => {
                throw Object.assign(new Error('cost is not configured'), {
                  name: 'ResponseError',
                  statusCode: 501,
                });
              },
            }),
          ],
          [catalogApiRef, { getEntities }],
        ],
      },
    );

    expect(
      await screen.findByText('This team owns no EMR on EKS virtual clusters or EMR Serverless applications.'),
    ).toBeInTheDocument();
    expect(getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: expect.objectContaining({
          'relations.ownedBy': 'group:default/team-a',
        }),
      }),
    );
  });
});
