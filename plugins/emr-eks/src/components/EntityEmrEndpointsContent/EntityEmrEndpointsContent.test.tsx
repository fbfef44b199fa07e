import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  ManagedEndpoint,
  ManagedEndpointPage,
} from '@emr-eks/plugin-emr-eks-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { virtualClusterEntity } from '../../__testUtils__/fixtures';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { EntityEmrEndpointsContent } from './EntityEmrEndpointsContent';

const entityRef = {
  kind: 'Resource',
  namespace: 'default',
  name: 'analytics-vc',
};

const active: ManagedEndpoint = {
  id: 'ep-active',
  name: 'studio-notebooks',
  virtualClusterId: 'abc123',
  type: 'JUPYTER_ENTERPRISE_GATEWAY',
  state: 'ACTIVE',
  releaseLabel: 'emr-7.2.0-latest',
  executionRoleArn: 'arn:aws:iam::123456789012:role/emr-studio-endpoint',
  serverUrl: 'https://ep-active.emr-containers.us-east-1.amazonaws.com',
  createdAt: '2024-05-01T08:00:00Z',
};
const broken: ManagedEndpoint = {
  id: 'ep-broken',
  name: 'old-notebooks',
  virtualClusterId: 'abc123',
  type: 'JUPYTER_ENTERPRISE_GATEWAY',
  state: 'TERMINATED_WITH_ERRORS',
  failureReason: 'CLUSTER_UNAVAILABLE',
  stateDetails: 'Namespace not found',
  releaseLabel: 'emr-6.15.0-latest',
};
const creating: ManagedEndpoint = {
  ...active,
  id: 'ep-new',
  name: 'new-notebooks',
  state: 'CREATING',
  serverUrl: undefined,
};

function mockApi(
  listEndpoints: EmrEksApi['listEndpoints'] = async () => ({
    items: [active, broken],
  }),
  rest: Partial<EmrEksApi> = {},
) {
  return mockEmrEksApi({ listEndpoints, ...rest });
}

async function renderContent(
  api: EmrEksApi,
  options: { entity?: Entity; denied?: string[] } = {},
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi(...(options.denied ?? []))],
      ]}
    >
      <EntityProvider entity={options.entity ?? virtualClusterEntity()}>
        <EntityEmrEndpointsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('EntityEmrEndpointsContent', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('lists the managed endpoints with state, link and role', async () => {
    const api = mockApi();
    await renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'Managed endpoints' }),
    ).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenCalledWith(entityRef, {
      maxResults: 25,
    });

    const row = within(rowOf('studio-notebooks'));
    expect(row.getAllByRole('cell')[0]).toHaveAccessibleName('ACTIVE');
    expect(row.getByTestId('status-ok')).toBeInTheDocument();
    // The type under the name, in words.
    expect(row.getByText('Jupyter Enterprise Gateway')).toBeInTheDocument();
    expect(row.getByText('emr-7.2.0-latest')).toBeInTheDocument();
    expect(
      row.getByRole('link', {
        name: /^https:\/\/ep-active\.emr-containers\.us-east-1\.amazonaws\.com/,
      }),
    ).toHaveAttribute(
      'href',
      'https://ep-active.emr-containers.us-east-1.amazonaws.com',
    );
    expect(row.getByText('emr-studio-endpoint')).toHaveAttribute(
      'title',
      'arn:aws:iam::123456789012:role/emr-studio-endpoint',
    );
    // An icon with a name and tooltip, not a word-wrapped button.
    const remove = row.getByRole('button', { name: 'Delete endpoint' });
    expect(remove).toBeEnabled();
    expect(remove).toHaveTextContent(/^$/);
    expect(remove).toHaveAttribute('title', 'Delete endpoint');
    // The long URL cut to fit, whole on hover, with a copy button.
    const url = 'https://ep-active.emr-containers.us-east-1.amazonaws.com';
    expect(row.getByTitle(url)).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(
      row.getByRole('button', { name: 'Copy server URL' }),
    ).toBeInTheDocument();

    const failed = within(rowOf('old-notebooks'));
    expect(failed.getByTestId('status-error')).toBeInTheDocument();
    expect(failed.getByText('TERMINATED_WITH_ERRORS')).toHaveAttribute(
      'title',
      'CLUSTER_UNAVAILABLE: Namespace not found',
    );
    // Nothing left to delete.
    expect(
      failed.queryByRole('button', { name: 'Delete endpoint' }),
    ).not.toBeInTheDocument();
  });

  it('deletes an endpoint after confirmation and reloads', async () => {
    const api = mockApi(undefined, {
      deleteEndpoint: async () => ({
        id: 'ep-active',
        virtualClusterId: 'abc123',
      }),
    });
    await renderContent(api);
    await screen.findByText('studio-notebooks');

    await user().click(
      within(rowOf('studio-notebooks')).getByRole('button', {
        name: 'Delete endpoint',
      }),
    );
    const confirm = screen.getByRole('dialog', {
      name: 'Delete endpoint studio-notebooks?',
    });
    expect(api.deleteEndpoint).not.toHaveBeenCalled();
    await user().click(
      within(confirm).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() =>
      expect(api.deleteEndpoint).toHaveBeenCalledWith(entityRef, 'ep-active'),
    );
    await waitFor(() => expect(api.listEndpoints).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(confirm).not.toBeInTheDocument());
  });

  it('does not delete when the user goes back', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('studio-notebooks');

    await user().click(screen.getByRole('button', { name: 'Delete endpoint' }));
    await user().click(screen.getByRole('button', { name: 'Go back' }));

    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', {
          name: 'Delete endpoint studio-notebooks?',
        }),
      ).not.toBeInTheDocument(),
    );
    expect(api.deleteEndpoint).not.toHaveBeenCalled();
  });

  it('disables delete with a reason without the delete permission', async () => {
    const api = mockApi();
    await renderContent(api, {
      entity: virtualClusterEntity('no-delete-vc'),
      denied: ['emr-eks.endpoint.delete'],
    });
    await screen.findByText('studio-notebooks');

    const remove = screen.getByRole('button', { name: 'Delete endpoint' });
    await waitFor(() => expect(remove).toBeDisabled());
    expect(remove.parentElement).toHaveAttribute(
      'title',
      'You are not allowed to delete endpoints of this virtual cluster.',
    );
  });

  it('refreshes while an endpoint is being created, then stops', async () => {
    jest.useFakeTimers();
    const pages: ManagedEndpointPage[] = [
      { items: [creating] },
      { items: [{ ...creating, state: 'ACTIVE' }] },
    ];
    const api = mockApi(async () => pages.shift() ?? { items: [active] });
    await renderContent(api);
    await screen.findByText('CREATING');

    await act(async () => {
      jest.advanceTimersByTime(5000);
    });
    expect(api.listEndpoints).toHaveBeenCalledTimes(2);
    expect(await screen.findByText('ACTIVE')).toBeInTheDocument();

    await act(async () => {
      jest.advanceTimersByTime(30000);
    });
    expect(api.listEndpoints).toHaveBeenCalledTimes(2);
  });

  it('pages with the next token', async () => {
    const api = mockApi(async (_ref, query) =>
      query?.nextToken
        ? { items: [broken] }
        : { items: [active], nextToken: 'page-2' },
    );
    await renderContent(api);
    await screen.findByText('studio-notebooks');

    await user().click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('old-notebooks')).toBeInTheDocument();
    expect(api.listEndpoints).toHaveBeenLastCalledWith(entityRef, {
      maxResults: 25,
      nextToken: 'page-2',
    });
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    await user().click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByText('studio-notebooks')).toBeInTheDocument();
  });

  it('shows a stale copy plainly, and an empty list', async () => {
    const api = mockApi(async () => ({
      items: [],
      stale: {
        asOf: '2024-05-01T10:00:00Z',
        ageSeconds: 65,
        reason: 'EMR on EKS is unavailable',
      },
    }));
    await renderContent(api);

    expect(
      await screen.findByText(
        'Showing data from 1 minute ago: EMR on EKS is unavailable',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('No managed endpoints')).toBeInTheDocument();
  });

  it('shows the backend error', async () => {
    const api = mockApi(async () => {
      throw new Error('Not allowed to read endpoints');
    });
    await renderContent(api);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load managed endpoints. Not allowed to read endpoints',
    );
  });

  it('shows the missing annotation instead of calling the backend', async () => {
    const api = mockApi();
    await renderContent(api, {
      entity: {
        ...virtualClusterEntity(),
        metadata: { name: 'analytics-vc', namespace: 'default' },
      },
    });

    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(api.listEndpoints).not.toHaveBeenCalled();
  });
});
