import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EmrEksClient, emrEksApiRef } from './api';

/**
 * The route of the EMR home page.
 *
 * @public
 */
export const emrHomeRouteRef = createRouteRef({ id: 'emr-eks' });

/**
 * The EMR on EKS plugin for the legacy frontend system.
 *
 * @public
 */
export const emrEksPlugin = createPlugin({
  id: 'emr-eks',
  apis: [
    createApiFactory({
      api: emrEksApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new EmrEksClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: emrHomeRouteRef },
});

/**
 * The EMR home: the signed-in user's teams' virtual clusters with their active
 * and failed job runs and this month's cost. Mount it where you like, e.g.
 * `<Route path="/emr" element={<EmrHomePage />} />`.
 *
 * @public
 */
export const EmrHomePage = emrEksPlugin.provide(
  createRoutableExtension({
    name: 'EmrHomePage',
    component: () =>
      import('./components/EmrHomePage').then(m => m.EmrHomePage),
    mountPoint: emrHomeRouteRef,
  }),
);

/**
 * Entity page content listing the job runs of an EMR on EKS virtual cluster.
 *
 * @public
 */
export const EntityEmrJobRunsContent = emrEksPlugin.provide(
  createComponentExtension({
    name: 'EntityEmrJobRunsContent',
    component: {
      lazy: () =>
        import('./components/EntityEmrJobRunsContent').then(
          m => m.EntityEmrJobRunsContent,
        ),
    },
  }),
);

/**
 * Entity page content listing the managed endpoints of an EMR on EKS virtual
 * cluster, with delete.
 *
 * @public
 */
export const EntityEmrEndpointsContent = emrEksPlugin.provide(
  createComponentExtension({
    name: 'EntityEmrEndpointsContent',
    component: {
      lazy: () =>
        import('./components/EntityEmrEndpointsContent').then(
          m => m.EntityEmrEndpointsContent,
        ),
    },
  }),
);

/**
 * Card for a Group's page: the EMR on EKS virtual clusters the team owns,
 * with running and failed-in-24h job run counts.
 *
 * @public
 */
export const EntityEmrTeamCard = emrEksPlugin.provide(
  createComponentExtension({
    name: 'EntityEmrTeamCard',
    component: {
      lazy: () =>
        import('./components/EntityEmrTeamCard').then(m => m.EntityEmrTeamCard),
    },
  }),
);

/**
 * Entity page content with the EMR on EKS cost of a virtual-cluster Resource,
 * or of every virtual cluster a Group owns.
 *
 * @public
 */
export const EntityEmrCostContent = emrEksPlugin.provide(
  createComponentExtension({
    name: 'EntityEmrCostContent',
    component: {
      lazy: () =>
        import('./components/EntityEmrCostContent').then(
          m => m.EntityEmrCostContent,
        ),
    },
  }),
);

/**
 * Entity page content listing the job runs of an EMR Serverless application,
 * for Resource entities of type `emr-serverless-application`.
 *
 * @public
 */
export const EntityEmrServerlessContent = emrEksPlugin.provide(
  createComponentExtension({
    name: 'EntityEmrServerlessContent',
    component: {
      lazy: () =>
        import('./components/EntityEmrServerlessContent').then(
          m => m.EntityEmrServerlessContent,
        ),
    },
  }),
);

/**
 * Card for an EMR Serverless application's overview: state, capacity,
 * auto-start and auto-stop, with Start and Stop for its owners.
 *
 * @public
 */
export const EntityEmrServerlessApplicationCard = emrEksPlugin.provide(
  createComponentExtension({
    name: 'EntityEmrServerlessApplicationCard',
    component: {
      lazy: () =>
        import('./components/EntityEmrServerlessApplicationCard').then(
          m => m.EntityEmrServerlessApplicationCard,
        ),
    },
  }),
);
