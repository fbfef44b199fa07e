import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { JobRunPage } from '@emr-eks/plugin-emr-eks-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import { user } from '../../__testUtils__/user';
import { useLocation } from 'react-router-dom';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EmrEksApi, emrEksApiRef } from '../../api';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { EntityEmrJobRunsContent } from './EntityEmrJobRunsContent';

const ARN =
  'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc123';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'analytics-vc',
    namespace: 'default',
    annotations: { 'aws.amazon.com/emr-virtual-cluster-arn': ARN },
  },
  spec: { type: 'emr-virtual-cluster', owner: 'team-a' },
};

const firstPage: JobRunPage = {
  items: [
    {
      id: 'run-failed-1',
      name: 'nightly-etl',
      virtualClusterId: 'abc123',
      state: 'FAILED',
      failureReason: 'USER_ERROR',
      stateDetails: 'Job failed with exit code 1',
      releaseLabel: 'emr-7.2.0-latest',
      createdAt: '2024-05-01T10:00:00Z',
      finishedAt: '2024-05-01T10:12:30Z',
      createdBy: 'arn:aws:iam::123456789012:user/alice',
    },
    {
      id: 'run-ok-1',
      name: 'hourly-agg',
      virtualClusterId: 'abc123',
      state: 'COMPLETED',
      releaseLabel: 'emr-6.15.0-latest',
      createdAt: '2024-05-01T09:00:00Z',
      finishedAt: '2024-05-01T10:05:00Z',
    },
  ],
  nextToken: 'token-page-2',
};

const secondPage: JobRunPage = {
  items: [
    {
      id: 'run-old-1',
      name: 'backfill-2023',
      virtualClusterId: 'abc123',
      state: 'CANCELLED',
      releaseLabel: 'emr-6.10.0-latest',
      createdAt: '2024-04-01T09:00:00Z',
    },
  ],
};

function mockApi(impl?: EmrEksApi['listJobRuns']) {
  return mockEmrEksApi({
    listJobRuns:
      impl ??
      (async (_ref, query) => (query?.nextToken ? secondPage : firstPage)),
    // The Spark Connect section below the runs, empty here.
    listSparkConnectServers: async () => ({
      items: [],
      cluster: 'analytics-shared',
      namespace: 'data-team-a',
    }),
  });
}

async function renderContent(api: EmrEksApi, forEntity: Entity = entity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, api],
        [permissionApiRef, permissionApi()],
      ]}
    >
      <EntityProvider entity={forEntity}>
        <EntityEmrJobRunsContent />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const rowOf = (text: string) => screen.getByText(text).closest('tr')!;

describe('EntityEmrJobRunsContent', () => {
  it('lists the job runs of the entity', async () => {
    const api = mockApi();
    await renderContent(api);

    expect(await screen.findByText('nightly-etl')).toBeInTheDocument();
    expect(api.listJobRuns).toHaveBeenCalledWith(
      { kind: 'Resource', namespace: 'default', name: 'analytics-vc' },
      { maxResults: 25 },
    );
    expect(
      screen.getByRole('heading', { name: 'Job runs' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Virtual cluster abc123 in us-east-1, account 123456789012',
      ),
    ).toBeInTheDocument();

    const failed = within(rowOf('nightly-etl'));
    expect(failed.getAllByRole('cell')[0]).toHaveAccessibleName('FAILED');
    expect(failed.getByText('run-failed-1')).toBeInTheDocument();
    expect(failed.getByText('emr-7.2.0-latest')).toBeInTheDocument();
    expect(failed.getByText('12m 30s')).toBeInTheDocument();
    expect(failed.getByText('alice')).toHaveAttribute(
      'title',
      'arn:aws:iam::123456789012:user/alice',
    );
    expect(failed.getByText('FAILED')).toHaveAttribute(
      'title',
      'USER_ERROR: Job failed with exit code 1',
    );
    expect(failed.getByTestId('status-error')).toBeInTheDocument();

    const completed = within(rowOf('hourly-agg'));
    expect(completed.getByText('COMPLETED')).toBeInTheDocument();
    expect(completed.getByText('emr-6.15.0-latest')).toBeInTheDocument();
    expect(completed.getByText('1h 05m')).toBeInTheDocument();
    expect(completed.getByTestId('status-ok')).toBeInTheDocument();
  });

  it('keeps each cell on one line at laptop widths: ids cut with a copy button, creator short', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('nightly-etl');
    const failed = within(rowOf('nightly-etl'));

    // The whole id on hover, cut to fit, and copied without opening the row.
    const id = failed.getByText('run-failed-1');
    expect(id).toHaveAttribute('title', 'run-failed-1');
    expect(id).toHaveStyle({ whiteSpace: 'nowrap', textOverflow: 'ellipsis' });
    const clicks = user(); // puts a clipboard on navigator
    const writeText = jest.spyOn(navigator.clipboard, 'writeText');
    await clicks.click(failed.getByRole('button', { name: 'Copy job run id' }));
    expect(writeText).toHaveBeenCalledWith('run-failed-1');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // A name over two lines starts at the left like the other cells.
    expect(failed.getByRole('button', { name: 'nightly-etl' })).toHaveStyle({
      textAlign: 'left',
    });
    expect(failed.getByText('alice')).toHaveStyle({ whiteSpace: 'nowrap' });
  });

  it('asks the backend for the states chosen in the State filter', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('nightly-etl');

    await user().click(screen.getByRole('textbox', { name: 'State' }));
    await user().click(await screen.findByRole('option', { name: 'FAILED' }));

    await waitFor(() =>
      expect(api.listJobRuns).toHaveBeenLastCalledWith(
        { kind: 'Resource', namespace: 'default', name: 'analytics-vc' },
        { states: ['FAILED'], maxResults: 25 },
      ),
    );

    await user().click(screen.getByRole('option', { name: 'RUNNING' }));
    await waitFor(() =>
      expect(api.listJobRuns).toHaveBeenLastCalledWith(expect.anything(), {
        states: ['FAILED', 'RUNNING'],
        maxResults: 25,
      }),
    );
  });

  it('pages forward with the next token and back again', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('nightly-etl');

    const previous = screen.getByRole('button', { name: 'Previous' });
    expect(previous).toBeDisabled();
    expect(screen.getByText('Page 1')).toBeInTheDocument();

    await user().click(screen.getByRole('button', { name: 'Next' }));

    expect(await screen.findByText('backfill-2023')).toBeInTheDocument();
    expect(screen.queryByText('nightly-etl')).not.toBeInTheDocument();
    expect(api.listJobRuns).toHaveBeenLastCalledWith(expect.anything(), {
      maxResults: 25,
      nextToken: 'token-page-2',
    });
    expect(screen.getByText('Page 2')).toBeInTheDocument();
    // The last page has no nextToken.
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();

    await user().click(screen.getByRole('button', { name: 'Previous' }));

    expect(await screen.findByText('nightly-etl')).toBeInTheDocument();
    expect(api.listJobRuns).toHaveBeenLastCalledWith(expect.anything(), {
      maxResults: 25,
    });
    expect(screen.getByText('Page 1')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Previous' })).toBeDisabled();
  });

  // Two tests rather than one chain: each interaction re-renders the table, and a long
  // chain of them is what once outlasted jest's timeout on a loaded machine.
  it('starts from the first page when the page size changes', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('nightly-etl');
    await user().click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('backfill-2023');

    await user().selectOptions(
      screen.getByRole('combobox', { name: 'Rows per page' }),
      '50',
    );

    expect(await screen.findByText('nightly-etl')).toBeInTheDocument();
    expect(api.listJobRuns).toHaveBeenLastCalledWith(expect.anything(), {
      maxResults: 50,
    });
    expect(screen.getByText('Page 1')).toBeInTheDocument();
  });

  it('starts from the first page when the filter changes', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('nightly-etl');
    await user().click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText('backfill-2023');
    expect(screen.getByText('Page 2')).toBeInTheDocument();

    await user().click(screen.getByRole('textbox', { name: 'State' }));
    await user().click(await screen.findByRole('option', { name: 'RUNNING' }));

    expect(await screen.findByText('nightly-etl')).toBeInTheDocument();
    expect(api.listJobRuns).toHaveBeenLastCalledWith(expect.anything(), {
      states: ['RUNNING'],
      maxResults: 25,
    });
    expect(screen.getByText('Page 1')).toBeInTheDocument();
  });

  it('refreshes the current page', async () => {
    const api = mockApi();
    await renderContent(api);
    await screen.findByText('nightly-etl');
    expect(api.listJobRuns).toHaveBeenCalledTimes(1);

    await user().click(screen.getByRole('button', { name: 'Refresh' }));

    await waitFor(() => expect(api.listJobRuns).toHaveBeenCalledTimes(2));
    expect(api.listJobRuns).toHaveBeenLastCalledWith(expect.anything(), {
      maxResults: 25,
    });
  });

  it('says when no job runs match', async () => {
    const api = mockApi(async () => ({ items: [] }));
    await renderContent(api);

    expect(await screen.findByText('No job runs')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
  });

  it('shows the missing annotation instead of calling the backend', async () => {
    const api = mockApi();
    await renderContent(api, {
      ...entity,
      metadata: { name: 'analytics-vc', namespace: 'default' },
    });

    expect(screen.getByText(/Missing Annotation/i)).toBeInTheDocument();
    expect(
      screen.getAllByText(/aws\.amazon\.com\/emr-virtual-cluster-arn/).length,
    ).toBeGreaterThan(0);
    expect(api.listJobRuns).not.toHaveBeenCalled();
  });

  it('shows the backend error', async () => {
    const response = new Response(
      JSON.stringify({
        error: {
          name: 'NotFoundError',
          message: 'Virtual cluster abc123 not found',
        },
        response: { statusCode: 404 },
      }),
      {
        status: 404,
        statusText: 'Not Found',
        headers: { 'Content-Type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response);
    const api = mockApi(async () => {
      throw error;
    });
    await renderContent(api);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Error: Could not load job runs. Virtual cluster abc123 not found',
    );
    expect(screen.queryByText('Job runs')).not.toBeInTheDocument();
  });

  it('shows a plain error', async () => {
    const api = mockApi(async () => {
      throw new Error('Network down');
    });
    await renderContent(api);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Error: Could not load job runs. Network down',
    );
  });

  describe('while runs are active', () => {
    afterEach(() => {
      jest.useRealTimers();
    });

    const running: JobRunPage = {
      items: [{ ...secondPage.items[0], id: 'run-live', state: 'RUNNING' }],
    };
    const done: JobRunPage = {
      items: [{ ...secondPage.items[0], id: 'run-live', state: 'COMPLETED' }],
    };

    it('refreshes every 5 seconds until every shown run has ended', async () => {
      jest.useFakeTimers();
      const pages = [running, running, done];
      const api = mockApi(async () => pages.shift() ?? done);
      await renderContent(api);
      await screen.findByText('RUNNING');
      expect(api.listJobRuns).toHaveBeenCalledTimes(1);
      expect(
        screen.getByText('Refreshing every 5 seconds while runs are active.'),
      ).toBeInTheDocument();

      await act(async () => {
        jest.advanceTimersByTime(4000);
      });
      expect(api.listJobRuns).toHaveBeenCalledTimes(1);
      await act(async () => {
        jest.advanceTimersByTime(1000);
      });
      expect(api.listJobRuns).toHaveBeenCalledTimes(2);
      await act(async () => {
        jest.advanceTimersByTime(5000);
      });
      expect(api.listJobRuns).toHaveBeenCalledTimes(3);
      expect(await screen.findByText('COMPLETED')).toBeInTheDocument();
      // Every run has ended: no more requests.
      await act(async () => {
        jest.advanceTimersByTime(30000);
      });
      expect(api.listJobRuns).toHaveBeenCalledTimes(3);
      expect(
        screen.queryByText(/Refreshing every 5 seconds/),
      ).not.toBeInTheDocument();
      // Each refresh asks for the same page.
      for (const call of api.listJobRuns.mock.calls) {
        expect(call[1]).toEqual({ maxResults: 25 });
      }
    });

    it('does not refresh a page of ended runs', async () => {
      jest.useFakeTimers();
      const api = mockApi();
      await renderContent(api);
      await screen.findByText('nightly-etl');

      await act(async () => {
        jest.advanceTimersByTime(30000);
      });
      expect(api.listJobRuns).toHaveBeenCalledTimes(1);
    });
  });

  it('says plainly when it shows an old copy', async () => {
    const api = mockApi(async () => ({
      ...firstPage,
      stale: {
        asOf: '2024-05-01T10:00:00Z',
        ageSeconds: 7 * 60 + 12,
        reason: 'EMR on EKS did not answer (ThrottlingException)',
      },
    }));
    await renderContent(api);

    expect(
      await screen.findByText(
        'Showing data from 7 minutes ago: EMR on EKS did not answer (ThrottlingException)',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('nightly-etl')).toBeInTheDocument();
  });

  it('opens the details of a run from its row, and refreshes after cancelling it', async () => {
    const live = {
      ...secondPage.items[0],
      id: 'run-live',
      state: 'RUNNING' as const,
    };
    const api = mockEmrEksApi({
      listJobRuns: async () => ({ items: [live] }),
      getJobRun: async () => live,
      cancelJobRun: async () => ({
        id: 'run-live',
        virtualClusterId: 'abc123',
      }),
    });
    await renderContent(api);

    await user().click(
      await screen.findByRole('button', { name: 'backfill-2023' }),
    );
    const drawer = await screen.findByRole('dialog', { name: 'backfill-2023' });
    expect(api.getJobRun).toHaveBeenCalledWith(
      { kind: 'Resource', namespace: 'default', name: 'analytics-vc' },
      'run-live',
    );

    await user().click(
      await within(drawer).findByRole('button', { name: 'Cancel run' }),
    );
    await user().click(
      within(
        screen.getByRole('dialog', { name: 'Cancel job run backfill-2023?' }),
      ).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() => expect(api.cancelJobRun).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(api.listJobRuns).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', {
          name: 'Cancel job run backfill-2023?',
        }),
      ).not.toBeInTheDocument(),
    );

    await user().click(
      within(drawer).getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() => expect(drawer).not.toBeInTheDocument());
  });

  it('opens the run a link names with ?jobRun=, and forgets it when closed', async () => {
    const api = mockEmrEksApi({
      listJobRuns: async () => firstPage,
      getJobRun: async () => ({ ...firstPage.items[0] }),
      getCost: async () => {
        throw new Error('not configured');
      },
    });
    const Search = () => <output>{useLocation().search}</output>;
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [emrEksApiRef, api],
          [permissionApiRef, permissionApi()],
        ]}
      >
        <EntityProvider entity={entity}>
          <EntityEmrJobRunsContent />
          <Search />
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: ['/emr?jobRun=run-failed-1&tab=x'] },
    );

    const drawer = await screen.findByRole('dialog', { name: 'nightly-etl' });
    expect(api.getJobRun).toHaveBeenCalledWith(
      { kind: 'Resource', namespace: 'default', name: 'analytics-vc' },
      'run-failed-1',
    );

    await user().click(
      within(drawer).getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() => expect(drawer).not.toBeInTheDocument());
    // The link's run is forgotten; other parameters stay.
    expect(screen.getByRole('status')).toHaveTextContent(/^\?tab=x$/);
  });
});
