import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { application, applicationEntity } from '../../__testUtils__/serverless';
import { user } from '../../__testUtils__/user';
import { EntityEmrServerlessApplicationCard } from './EntityEmrServerlessApplicationCard';

async function renderCard(
  api: EmrEksApi,
  options: { denied?: string[]; name?: string } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...(options.denied ?? []))],
      ]}
    >
      <EntityProvider entity={applicationEntity(options.name)}>
        <EntityEmrServerlessApplicationCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const rowOf = (label: string) =>
  screen.getByRole('row', { name: new RegExp(`^${label}`) });

describe('EntityEmrServerlessApplicationCard', () => {
  it('shows state, capacity, auto-start and auto-stop', async () => {
    await renderCard(
      mockEmrEksApi({ getServerlessApplication: async () => application }),
    );
    await screen.findByText('emr-7.5.0');
    expect(rowOf('State')).toHaveTextContent('STARTED');
    expect(rowOf('Initial capacity')).toHaveTextContent(
      'Driver: 1 × 4 vCPU, 16 GB, 20 GB disk',
    );
    expect(rowOf('Maximum capacity')).toHaveTextContent(
      '200 vCPU, 800 GB, 2000 GB disk',
    );
    expect(rowOf('Auto-stop')).toHaveTextContent('After 15 idle minutes');
    expect(rowOf('Network')).toHaveTextContent('No VPC access');
  });

  it('stops a started application after a confirmation and reloads it', async () => {
    let state: 'STARTED' | 'STOPPING' = 'STARTED';
    const api = mockEmrEksApi({
      getServerlessApplication: async () => ({ ...application, state }),
      stopServerlessApplication: async () => {
        state = 'STOPPING';
        return { id: application.applicationId, action: 'stop' as const };
      },
    });
    await renderCard(api);

    await user().click(
      await screen.findByRole('button', { name: 'Stop application' }),
    );
    const dialog = screen.getByRole('dialog', { name: /Stop spark-team-a/ });
    await user().click(within(dialog).getByRole('button', { name: 'Confirm' }));

    expect(api.stopServerlessApplication).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(rowOf('State')).toHaveTextContent('STOPPING'));
    expect(
      screen.queryByRole('button', { name: /application$/ }),
    ).not.toBeInTheDocument();
  });

  it('offers Start on a stopped application, disabled for non-owners', async () => {
    await renderCard(
      mockEmrEksApi({
        getServerlessApplication: async () => ({
          ...application,
          state: 'STOPPED',
        }),
      }),
      { denied: ['emr-eks.job-run.start'], name: 'other-teams-app' },
    );
    const start = await screen.findByRole('button', {
      name: 'Start application',
    });
    await waitFor(() => expect(start).toBeDisabled());
  });
});
