import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { EmrEksClient, emrEksApiRef } from './api';

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
});

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
