import { parseEntityRef } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { useApi } from '@backstage/core-plugin-api';
import {
  CostReport,
  JobRunCost,
  JobRunDetail,
} from '@emr-eks/plugin-emr-eks-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { emrEksApiRef } from '../../api';
import { OneLine } from '../shared/columns';
import { formatDateTime } from '../shared/format';
import { SecondaryText } from '../shared/SecondaryText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatPercent } from '../shared/costFormat';
import { useEmrTabLink } from '../shared/useEmrTabLink';
import { CostAmountCells, CostAmountHeaderCells } from './CostAmountCells';

function efficiency(value: number | undefined): string {
  return value === undefined ? '–' : formatPercent(value);
}

/** The entity of the virtual cluster a run ran on, as far as the report says. */
function clusterRefOf(
  run: JobRunCost,
  report: CostReport,
  fallback: string | undefined,
): string | undefined {
  return (
    run.entityRef ??
    report.virtualClusters.find(
      cluster => cluster.virtualClusterId === run.virtualClusterId,
    )?.entityRef ??
    fallback
  );
}

/**
 * The run's name and start, read from EMR on EKS (the cost history keeps only
 * ids); nothing when they cannot be read. `cache` keeps each run's answer while
 * the table stays, so another window does not read the same runs again.
 */
function RunNameAndStart(props: {
  clusterRef: string;
  jobRunId: string;
  cache: Map<string, Promise<JobRunDetail>>;
}) {
  const { clusterRef, jobRunId, cache } = props;
  const api = useApi(emrEksApiRef);
  const { value } = useAsync(() => {
    const key = `${clusterRef}/${jobRunId}`;
    let run = cache.get(key);
    if (!run) {
      const { kind, namespace, name } = parseEntityRef(clusterRef);
      run = api.getJobRun({ kind, namespace, name }, jobRunId);
      cache.set(key, run);
    }
    return run;
  }, [api, clusterRef, jobRunId, cache]);
  if (!value) return null;
  return (
    <SecondaryText variant="caption" display="block">
      {[value.name, formatDateTime(value.createdAt)]
        .filter(Boolean)
        .join(' · ')}
    </SecondaryText>
  );
}

/**
 * The most expensive job runs of the period, dearest first, each linking to
 * its details on the EMR tab of its virtual cluster.
 */
export function TopJobRunsTable(props: {
  report: CostReport;
  /**
   * The virtual cluster the page is about; left out on a Group's page, where
   * a column says which virtual cluster each run ran on.
   */
  virtualClusterRef?: string;
  /** Path of the EMR tab on a virtual cluster's page. */
  emrTabPath: string;
}) {
  const { report, virtualClusterRef, emrTabPath } = props;
  const emrTabLink = useEmrTabLink();
  const [names] = useState(() => new Map<string, Promise<JobRunDetail>>());
  const showCluster = !virtualClusterRef;
  return (
    <Table size="small" aria-label="Most expensive job runs">
      <TableHead>
        <TableRow>
          <TableCell>Job run</TableCell>
          {showCluster && <TableCell>Virtual cluster</TableCell>}
          <CostAmountHeaderCells />
          <TableCell align="right">CPU efficiency</TableCell>
          <TableCell align="right">RAM efficiency</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {report.topJobRuns.map(run => {
          const clusterRef = clusterRefOf(run, report, virtualClusterRef);
          return (
            <TableRow key={`${run.virtualClusterId}/${run.jobRunId}`}>
              <TableCell component="th" scope="row" role="rowheader">
                {clusterRef ? (
                  <Link
                    to={emrTabLink(
                      parseEntityRef(clusterRef),
                      emrTabPath,
                      run.jobRunId,
                    )}
                  >
                    {run.jobRunId}
                  </Link>
                ) : (
                  run.jobRunId
                )}
                {clusterRef && (
                  <RunNameAndStart
                    clusterRef={clusterRef}
                    jobRunId={run.jobRunId}
                    cache={names}
                  />
                )}
              </TableCell>
              {showCluster && (
                <TableCell>
                  {clusterRef ? (
                    <OneLine text={clusterRef} maxWidth="16em">
                      <EntityRefLink
                        entityRef={clusterRef}
                        defaultKind="resource"
                      />
                    </OneLine>
                  ) : (
                    run.virtualClusterId
                  )}
                </TableCell>
              )}
              <CostAmountCells totals={run} />
              <TableCell align="right">
                {efficiency(run.cpuEfficiency)}
              </TableCell>
              <TableCell align="right">
                {efficiency(run.ramEfficiency)}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
