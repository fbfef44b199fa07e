import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE } from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import { useTeamResources } from '../../hooks/useTeamResources';
import { useTeamVirtualClusters } from '../../hooks/useTeamVirtualClusters';
import { describeError } from '../shared/describeError';
import { SecondaryText } from '../shared/SecondaryText';
import { VirtualClusterRow } from '../shared/VirtualClusterRow';
import { TeamBudget } from './TeamBudget';
import { TeamServerlessApplications } from './TeamServerlessApplications';

/** @public */
export interface EntityEmrTeamCardProps {
  /**
   * Path of the EMR tab on a virtual cluster's page, where each cluster links
   * to; `emr` unless the app mounts the tab elsewhere.
   */
  emrTabPath?: string;
  /** Path of the Cost tab on the team's page; `emr-cost` unless mounted elsewhere. */
  costTabPath?: string;
}

/**
 * A card for a Group's page: the team's spend this month against its budget
 * with the forecast (when cost is configured), the EMR on EKS virtual clusters the team owns,
 * each with its running and failed-in-24h job run counts and a link to its EMR
 * tab, and its EMR Serverless applications with their state.
 *
 * @public
 */
export function EntityEmrTeamCard(props: EntityEmrTeamCardProps) {
  const { emrTabPath = 'emr', costTabPath = 'emr-cost' } = props;
  const { entity } = useEntity();
  const groupRef = stringifyEntityRef(entity);
  const clusters = useTeamVirtualClusters(groupRef);
  const applications = useTeamResources(
    groupRef,
    EMR_SERVERLESS_APPLICATION_RESOURCE_TYPE,
  );

  let content: JSX.Element;
  const error = clusters.error ?? applications.error;
  if (error) {
    content = (
      <ResponseErrorPanel
        error={error}
        title={`Could not find the team's ${
          clusters.error ? 'virtual clusters' : 'EMR Serverless applications'
        }. ${describeError(error)}`}
      />
    );
  } else if (!clusters.value || !applications.value) {
    content = <Progress />;
  } else if (clusters.value.length + applications.value.length === 0) {
    content = (
      <SecondaryText variant="body2">
        This team owns no EMR on EKS virtual clusters or EMR Serverless
        applications.
      </SecondaryText>
    );
  } else {
    content = (
      <>
        {clusters.value.length > 0 && (
          <Table size="small" aria-label="EMR virtual clusters">
            <TableHead>
              <TableRow>
                <TableCell>Virtual cluster</TableCell>
                <TableCell align="right">Running</TableCell>
                <TableCell align="right">Failed (24h)</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {clusters.value.map(cluster => (
                <VirtualClusterRow
                  key={stringifyEntityRef(cluster)}
                  entity={cluster}
                  emrTabPath={emrTabPath}
                  count="running"
                  align="right"
                />
              ))}
            </TableBody>
          </Table>
        )}
        {applications.value.length > 0 && (
          <Box mt={clusters.value.length > 0 ? 2 : 0}>
            <TeamServerlessApplications applications={applications.value} />
          </Box>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="EMR"
      subheader="What this team runs: EMR on EKS virtual clusters, with job runs running now and failed in the last 24 hours, and EMR Serverless applications"
    >
      <TeamBudget
        entityRef={getCompoundEntityRef(entity)}
        costTabPath={costTabPath}
      />
      {content}
    </InfoCard>
  );
}
