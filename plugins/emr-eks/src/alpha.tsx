import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
  EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
} from '@emr-eks/plugin-emr-eks-common';
import StorageIcon from '@material-ui/icons/Storage';
import { EmrEksClient, emrEksApiRef } from './api';

/**
 * The {@link EmrEksClient} as the app's {@link EmrEksApi}.
 *
 * @alpha
 */
export const emrEksApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: emrEksApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EmrEksClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The route of the EMR home page.
 *
 * @alpha
 */
export const emrHomeRouteRef = createRouteRef();

/**
 * The EMR home, at `/emr` with an "EMR on EKS" item in the sidebar: the
 * signed-in user's teams' virtual clusters with their active and failed job
 * runs and this month's cost. Id `page:emr-eks`; the path can be changed in
 * app-config.
 *
 * @alpha
 */
export const emrEksHomePage = PageBlueprint.make({
  params: {
    path: '/emr',
    title: 'EMR on EKS',
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: emrHomeRouteRef,
    // The page brings its own header.
    noHeader: true,
    loader: () =>
      import('./components/EmrHomePage').then(m => <m.EmrHomePage />),
  },
});

/**
 * The EMR tab on the page of a Resource entity of type `emr-virtual-cluster`.
 * Path, title and filter can be changed in app-config under
 * `app.extensions: - entity-content:emr-eks/job-runs: config: ...`.
 *
 * @alpha
 */
export const emrEksEntityContent = EntityContentBlueprint.make({
  name: 'job-runs',
  params: {
    path: 'emr',
    title: 'EMR',
    filter: {
      kind: 'resource',
      'spec.type': EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
    },
    loader: () =>
      import('./components/EntityEmrJobRunsContent').then(m => (
        <m.EntityEmrJobRunsContent />
      )),
  },
});

/**
 * The "EMR endpoints" tab on the page of a Resource entity of type
 * `emr-virtual-cluster`: its managed endpoints, with delete. Id
 * `entity-content:emr-eks/endpoints`.
 *
 * @alpha
 */
export const emrEksEndpointsEntityContent = EntityContentBlueprint.make({
  name: 'endpoints',
  params: {
    path: 'emr-endpoints',
    title: 'EMR endpoints',
    filter: {
      kind: 'resource',
      'spec.type': EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE,
    },
    loader: () =>
      import('./components/EntityEmrEndpointsContent').then(m => (
        <m.EntityEmrEndpointsContent />
      )),
  },
});

/**
 * The Cost tab on the page of a virtual-cluster Resource (type
 * `emr-virtual-cluster`), of an EMR Serverless application Resource (type
 * `emr-serverless-application`) and of a Group (the virtual clusters and
 * applications it owns). Id
 * `entity-content:emr-eks/cost`, path `emr-cost`. The most expensive runs link
 * to the EMR tab at `emr`.
 *
 * @alpha
 */
export const emrEksCostEntityContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: 'emr-cost',
    title: 'Cost',
    filter: {
      $any: [
        { kind: 'resource', 'spec.type': EMR_VIRTUAL_CLUSTER_RESOURCE_TYPE },
        {
          kind: 'resource',
          'spec.type': EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
        },
        { kind: 'group' },
      ],
    },
    loader: () =>
      import('./components/EntityEmrCostContent').then(m => (
        <m.EntityEmrCostContent />
      )),
  },
});

/**
 * The card on a Group's overview listing the team's virtual clusters with
 * running and failed-in-24h counts. Id `entity-card:emr-eks/team`. Each
 * cluster links to its EMR tab at `emr`.
 *
 * @alpha
 */
export const emrEksTeamEntityCard = EntityCardBlueprint.make({
  name: 'team',
  params: {
    filter: { kind: 'group' },
    loader: () =>
      import('./components/EntityEmrTeamCard').then(m => (
        <m.EntityEmrTeamCard />
      )),
  },
});

/**
 * The "EMR Serverless" tab on the page of a Resource entity of type
 * `emr-serverless-application`: the application's job runs. Id
 * `entity-content:emr-eks/serverless`, path `emr-serverless`.
 *
 * @alpha
 */
export const emrEksServerlessEntityContent = EntityContentBlueprint.make({
  name: 'serverless',
  params: {
    path: 'emr-serverless',
    title: 'EMR Serverless',
    filter: {
      kind: 'resource',
      'spec.type': EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
    },
    loader: () =>
      import('./components/EntityEmrServerlessContent').then(m => (
        <m.EntityEmrServerlessContent />
      )),
  },
});

/**
 * The card on an EMR Serverless application's overview (type
 * `emr-serverless-application`): state, capacity, auto-start and auto-stop,
 * Start and Stop. Id `entity-card:emr-eks/serverless-application`.
 *
 * @alpha
 */
export const emrEksServerlessApplicationEntityCard = EntityCardBlueprint.make({
  name: 'serverless-application',
  params: {
    filter: {
      kind: 'resource',
      'spec.type': EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
    },
    loader: () =>
      import('./components/EntityEmrServerlessApplicationCard').then(m => (
        <m.EntityEmrServerlessApplicationCard />
      )),
  },
});

/**
 * The EMR on EKS plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'emr-eks',
  title: 'Amazon EMR on EKS',
  info: { packageJson: () => import('../package.json') },
  routes: { root: emrHomeRouteRef },
  extensions: [
    emrEksApi,
    emrEksHomePage,
    emrEksEntityContent,
    emrEksEndpointsEntityContent,
    emrEksCostEntityContent,
    emrEksTeamEntityCard,
    emrEksServerlessEntityContent,
    emrEksServerlessApplicationEntityCard,
  ],
});
