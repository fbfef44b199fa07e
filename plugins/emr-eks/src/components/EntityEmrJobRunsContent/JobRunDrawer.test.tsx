import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { JobRunDetail } from '@emr-eks/plugin-emr-eks-common';
import { screen, waitFor, within } from '@testing-library/react';
import { user } from '../../__testUtils__/user';
import { EmrEksApi, emrEksApiRef } from '../../api';
import {
  VIRTUAL_CLUSTER_ARN,
  failedRun,
  failedRunDetail,
  runningRun,
  runningRunDetail,
} from '../../__testUtils__/fixtures';
import {
  costReport,
  costTotals,
  responseError,
} from '../../__testUtils__/cost';
import { mockEmrEksApi } from '../../__testUtils__/mockEmrEksApi';
import { permissionApi } from '../../__testUtils__/permissions';
import { JobRunDrawer, SelectedJobRun } from './JobRunDrawer';

const entityRef = {
  kind: 'Resource',
  namespace: 'default',
  name: 'analytics-vc',
};

async function renderDrawer(options: {
  api: EmrEksApi;
  run: SelectedJobRun;
  denied?: string[];
  name?: string;
  onChanged?: () => void;
  onStarted?: () => void;
}) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, options.api],
        [permissionApiRef, permissionApi(...(options.denied ?? []))],
      ]}
    >
      <JobRunDrawer
        entityRef={{ ...entityRef, name: options.name ?? entityRef.name }}
        virtualClusterArn={VIRTUAL_CLUSTER_ARN}
        run={options.run}
        onClose={jest.fn()}
        onChanged={options.onChanged ?? jest.fn()}
        onStarted={options.onStarted ?? jest.fn()}
      />
    </TestApiProvider>,
  );
  return screen.getByRole('dialog', { name: options.run.name });
}

const detailApi = (detail: JobRunDetail) =>
  mockEmrEksApi({ getJobRun: async () => detail });

describe('JobRunDrawer', () => {
  it('explains why a run failed', async () => {
    const api = detailApi(failedRunDetail);
    const drawer = await renderDrawer({ api, run: failedRun });

    const why = await within(drawer).findByLabelText('Why the run failed');
    expect(api.getJobRun).toHaveBeenCalledWith(entityRef, 'run-failed-1');
    expect(why).toHaveTextContent(
      'Job code or configuration error (USER_ERROR)',
    );
    expect(why).toHaveTextContent(/job's own code or configuration failed/);
    expect(why).toHaveTextContent(
      'EMR on EKS says: Job failed: executor lost; OOMKilled',
    );
    const hints = within(why).getAllByRole('listitem');
    expect(hints).toHaveLength(2);
    expect(hints[0]).toHaveTextContent(/ran out of memory/);
    expect(hints[1]).toHaveTextContent(/Spark lost executors/);
  });

  it('shows the overview, job driver and configuration overrides', async () => {
    const drawer = await renderDrawer({
      api: detailApi(failedRunDetail),
      run: failedRun,
    });

    const overview = await within(drawer).findByRole('table', {
      name: 'Overview',
    });
    const row = (table: HTMLElement, label: string) =>
      within(table).getByRole('rowheader', { name: label }).closest('tr')!;
    expect(row(overview, 'Release label')).toHaveTextContent(
      'emr-7.2.0-latest',
    );
    expect(row(overview, 'Execution role')).toHaveTextContent(
      'arn:aws:iam::123456789012:role/emr-eks-job-execution',
    );
    expect(row(overview, 'Duration')).toHaveTextContent('12m 30s');
    expect(row(overview, 'Created by')).toHaveTextContent(
      'arn:aws:iam::123456789012:user/alice',
    );
    expect(row(overview, 'Created')).toHaveTextContent('2024');
    expect(row(overview, 'Finished')).toHaveTextContent('2024');

    const driver = within(drawer).getByRole('table', { name: 'Job driver' });
    expect(row(driver, 'Entry point')).toHaveTextContent(
      's3://analytics-code/jobs/nightly_etl.py',
    );
    expect(
      within(row(driver, 'Arguments'))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['--date', '2024-05-01']);
    // One --conf per line.
    expect(
      row(driver, 'Spark submit parameters').querySelector('pre')!.textContent,
    ).toBe(
      '--conf spark.executor.instances=4\n--conf spark.executor.memory=4g',
    );

    const config = within(drawer).getByRole('table', {
      name: 'Application configuration',
    });
    const configRows = within(config)
      .getAllByRole('row')
      .map(r =>
        within(r)
          .queryAllByRole('cell')
          .map(cell => cell.textContent),
      )
      .filter(cells => cells.length > 0);
    expect(configRows).toEqual([
      ['spark-defaults', 'spark.dynamicAllocation.enabled', 'false'],
      ['spark-defaults', 'spark.sql.shuffle.partitions', '400'],
      ['spark-env / export', 'PYSPARK_PYTHON', '/usr/bin/python3'],
    ]);

    const monitoring = within(drawer).getByRole('table', {
      name: 'Monitoring configuration',
    });
    expect(row(monitoring, 'Persistent application UI')).toHaveTextContent(
      'ENABLED',
    );
    expect(row(monitoring, 'CloudWatch log group')).toHaveTextContent(
      '/emr-on-eks/analytics',
    );
    expect(row(monitoring, 'S3 log URI')).toHaveTextContent(
      's3://analytics-logs/emr/',
    );
    expect(
      row(within(drawer).getByRole('table', { name: 'Tags' }), 'team'),
    ).toHaveTextContent('analytics');
  });

  it('links to the Spark UI, the CloudWatch log streams and the S3 logs of the run', async () => {
    const drawer = await renderDrawer({
      api: detailApi(failedRunDetail),
      run: failedRun,
    });

    // External links also say that they open in a new window.
    const sparkUi = await within(drawer).findByRole('link', {
      name: /^Spark UI/,
    });
    expect(sparkUi).toHaveAttribute(
      'href',
      'https://us-east-1.console.aws.amazon.com/elasticmapreduce/home?region=us-east-1#virtual-cluster-jobs:abc123',
    );
    expect(
      within(drawer).getByRole('link', { name: /^CloudWatch logs/ }),
    ).toHaveAttribute(
      'href',
      expect.stringContaining(
        'log-group/$252Femr-on-eks$252Fanalytics$3FlogStreamNameFilter$3Dnightly$252Fabc123$252Fjobs$252Frun-failed-1',
      ),
    );
    const s3 = within(drawer).getByRole('link', { name: /^S3 logs/ });
    expect(new URL(s3.getAttribute('href')!).searchParams.get('prefix')).toBe(
      'emr/abc123/jobs/run-failed-1/',
    );
    expect(drawer).toHaveTextContent(
      's3://analytics-logs/emr/abc123/jobs/run-failed-1/',
    );
  });

  it('has no Spark UI link when the run turned the persistent UI off', async () => {
    const drawer = await renderDrawer({
      api: detailApi(runningRunDetail),
      run: runningRun,
    });

    expect(
      await within(drawer).findByText(/No console links/),
    ).toBeInTheDocument();
    expect(within(drawer).queryByRole('link')).not.toBeInTheDocument();
    expect(within(drawer).queryByLabelText('Why the run failed')).toBeNull();
  });

  it('offers Cancel run only while the run has not ended', async () => {
    await renderDrawer({ api: detailApi(failedRunDetail), run: failedRun });
    await screen.findByRole('table', { name: 'Overview' });
    expect(await screen.findByRole('button', { name: 'Rerun' })).toBeEnabled();
    expect(
      screen.queryByRole('button', { name: 'Cancel run' }),
    ).not.toBeInTheDocument();
  });

  it('cancels after confirmation and tells the table', async () => {
    const onChanged = jest.fn();
    const api = mockEmrEksApi({
      getJobRun: async () => runningRunDetail,
      cancelJobRun: async (_ref, id) => ({ id, virtualClusterId: 'abc123' }),
    });
    await renderDrawer({ api, run: runningRun, onChanged });

    await user().click(
      await screen.findByRole('button', { name: 'Cancel run' }),
    );
    const confirm = screen.getByRole('dialog', {
      name: 'Cancel job run hourly-agg?',
    });
    expect(api.cancelJobRun).not.toHaveBeenCalled();
    await user().click(
      within(confirm).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(api.cancelJobRun).toHaveBeenCalledWith(entityRef, 'run-running-1');
    await waitFor(() =>
      expect(
        screen.queryByRole('dialog', { name: 'Cancel job run hourly-agg?' }),
      ).not.toBeInTheDocument(),
    );
    // The details are read again to show the new state.
    await waitFor(() => expect(api.getJobRun).toHaveBeenCalledTimes(2));
  });

  it('keeps the confirmation open with the backend’s message when cancelling fails', async () => {
    const onChanged = jest.fn();
    const api = mockEmrEksApi({
      getJobRun: async () => runningRunDetail,
      cancelJobRun: async () => {
        throw new Error('Job run run-running-1 has already ended');
      },
    });
    await renderDrawer({ api, run: runningRun, onChanged });

    await user().click(
      await screen.findByRole('button', { name: 'Cancel run' }),
    );
    const confirm = screen.getByRole('dialog', {
      name: 'Cancel job run hourly-agg?',
    });
    await user().click(
      within(confirm).getByRole('button', { name: 'Confirm' }),
    );

    expect(await within(confirm).findByRole('alert')).toHaveTextContent(
      'Job run run-running-1 has already ended',
    );
    expect(onChanged).not.toHaveBeenCalled();

    await user().click(
      within(confirm).getByRole('button', { name: 'Go back' }),
    );
    await waitFor(() => expect(confirm).not.toBeInTheDocument());
  });

  it('reruns after confirmation', async () => {
    const onStarted = jest.fn();
    const started = {
      id: 'run-new-1',
      name: 'nightly-etl',
      virtualClusterId: 'abc123',
    };
    const api = mockEmrEksApi({
      getJobRun: async () => failedRunDetail,
      rerunJobRun: async () => started,
    });
    await renderDrawer({ api, run: failedRun, onStarted });

    await user().click(await screen.findByRole('button', { name: 'Rerun' }));
    const confirm = screen.getByRole('dialog', { name: 'Rerun nightly-etl?' });
    await user().click(
      within(confirm).getByRole('button', { name: 'Confirm' }),
    );

    await waitFor(() => expect(onStarted).toHaveBeenCalledWith(started));
    expect(api.rerunJobRun).toHaveBeenCalledWith(entityRef, 'run-failed-1');
  });

  it('disables Cancel run and Rerun with a reason when permission is denied', async () => {
    const api = detailApi(runningRunDetail);
    // usePermission caches per entity for the whole file: use another one.
    await renderDrawer({
      api,
      run: runningRun,
      name: 'locked-vc',
      denied: ['emr-eks.job-run.cancel', 'emr-eks.job-run.start'],
    });

    const cancel = await screen.findByRole('button', { name: 'Cancel run' });
    await waitFor(() =>
      expect(cancel.parentElement).toHaveAttribute(
        'title',
        'You are not allowed to cancel job runs of this virtual cluster.',
      ),
    );
    expect(cancel).toBeDisabled();
    const rerun = screen.getByRole('button', { name: 'Rerun' });
    expect(rerun).toBeDisabled();
    expect(rerun.parentElement).toHaveAttribute(
      'title',
      'You are not allowed to start job runs on this virtual cluster.',
    );
  });

  it('shows the backend error', async () => {
    const api = mockEmrEksApi({
      getJobRun: async () => {
        throw new Error('Job run run-failed-1 not found');
      },
    });
    await renderDrawer({ api, run: failedRun });

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load job run run-failed-1. Job run run-failed-1 not found',
    );
  });

  describe('cost', () => {
    const costRow = async (drawer: HTMLElement) => {
      const overview = await within(drawer).findByRole('table', {
        name: 'Overview',
      });
      return within(overview)
        .getByRole('rowheader', { name: 'Cost' })
        .closest('tr')!;
    };

    it("shows the run's total, compute and uplift with its basis", async () => {
      const api = mockEmrEksApi({
        getJobRun: async () => failedRunDetail,
        getCost: async () =>
          costReport({
            totals: costTotals({
              compute: 10,
              uplift: 2.34,
              total: 12.34,
              upliftBasis: 'estimated',
            }),
          }),
      });
      const drawer = await renderDrawer({ api, run: failedRun });

      const row = await costRow(drawer);
      await waitFor(() =>
        expect(row).toHaveTextContent(
          '$12.34 in all: compute $10.00, EMR uplift $2.34 (estimated)',
        ),
      );
      // The days the run ran on.
      expect(api.getCost).toHaveBeenCalledWith(entityRef, {
        jobRunId: 'run-failed-1',
        start: '2024-05-01',
        end: '2024-05-01',
      });
    });

    it('says the uplift is not priced, with no number, for a run in a region without a price', async () => {
      const api = mockEmrEksApi({
        getJobRun: async () => failedRunDetail,
        getCost: async () =>
          costReport({
            totals: costTotals({
              compute: 10,
              uplift: null,
              total: null,
              upliftBasis: 'unpriced',
              upliftUnpricedRegions: ['eu-west-1'],
            }),
          }),
      });
      const drawer = await renderDrawer({ api, run: failedRun });
      const row = await costRow(drawer);
      await waitFor(() =>
        expect(row).toHaveTextContent(
          'compute $10.00, EMR uplift not priced for eu-west-1',
        ),
      );
      expect(row).not.toHaveTextContent('in all');
    });

    it('says when no cost is recorded for the run yet', async () => {
      const api = mockEmrEksApi({
        getJobRun: async () => failedRunDetail,
        getCost: async () => costReport({ totals: costTotals() }),
      });
      const drawer = await renderDrawer({ api, run: failedRun });
      const row = await costRow(drawer);
      await waitFor(() =>
        expect(row).toHaveTextContent('No cost recorded yet'),
      );
    });

    it.each([
      [
        'the cost cannot be read',
        () => new Error('Cost is not configured'),
        'Cost unavailable: Cost is not configured',
      ],
      [
        'the user may not see it',
        () =>
          responseError(403, 'NotAllowedError', 'Not allowed to read the cost'),
        'Not shown: you are not allowed to see the cost of this virtual cluster.',
      ],
    ])('keeps the details when %s', async (_when, error, note) => {
      const api = mockEmrEksApi({
        getJobRun: async () => failedRunDetail,
        getCost: async () => {
          throw await error();
        },
      });
      const drawer = await renderDrawer({ api, run: failedRun });
      const row = await costRow(drawer);
      await waitFor(() => expect(row).toHaveTextContent(note));
      expect(
        within(drawer).getByRole('table', { name: 'Job driver' }),
      ).toBeInTheDocument();
      expect(
        within(drawer).getByLabelText('Why the run failed'),
      ).toBeInTheDocument();
      expect(within(drawer).queryByText(/Could not load/)).toBeNull();
    });
  });
});
