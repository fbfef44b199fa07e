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
  emrEksEndpointsEntityContent,
  emrEksEntityContent,
  emrEksTeamEntityCard,
} from './alpha';
import { EmrEksClient, emrEksApiRef } from './api';

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
    expect(plugin.id).toBe('emr-eks');
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

  it('mounts the EMR tab at /emr for virtual-cluster resources only', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:emr-eks/job-runs'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('emr');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('EMR');

    const shows = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(shows(virtualCluster)).toBe(true);
    expect(
      shows({ ...virtualCluster, metadata: { name: 'not-annotated-yet' } }),
    ).toBe(true);
    expect(shows({ ...virtualCluster, spec: { type: 'database' } })).toBe(
      false,
    );
    expect(shows({ ...virtualCluster, kind: 'Component' })).toBe(false);
  });

  it('renders the missing annotation on the tab of an unannotated cluster', async () => {
    const tester = createExtensionTester(emrEksEntityContent);
    renderInTestApp(
      <EntityProvider
        entity={{ ...virtualCluster, metadata: { name: 'analytics-vc' } }}
      >
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[emrEksApiRef, { listJobRuns: jest.fn() }]] },
    );

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
  });

  it('mounts the EMR endpoints tab at /emr-endpoints with the same filter', () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:emr-eks/endpoints'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('emr-endpoints');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'EMR endpoints',
    );
    const shows = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(shows(virtualCluster)).toBe(true);
    expect(shows({ ...virtualCluster, spec: { type: 'database' } })).toBe(
      false,
    );
    expect(shows({ ...virtualCluster, kind: 'Group' })).toBe(false);
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

  it('renders the missing annotation on the endpoints tab of an unannotated cluster', async () => {
    const tester = createExtensionTester(emrEksEndpointsEntityContent);
    renderInTestApp(
      <EntityProvider
        entity={{ ...virtualCluster, metadata: { name: 'analytics-vc' } }}
      >
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[emrEksApiRef, { listEndpoints: jest.fn() }]] },
    );

    expect(await screen.findByText(/Missing Annotation/i)).toBeInTheDocument();
  });

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
          [emrEksApiRef, {}],
          [catalogApiRef, { getEntities }],
        ],
      },
    );

    expect(
      await screen.findByText('This team owns no EMR on EKS virtual clusters.'),
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
