import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { useMyVirtualClusters } from '../../hooks/useMyVirtualClusters';
import { describeError } from '../shared/describeError';
import { HomeVirtualClusterRow } from './HomeVirtualClusterRow';

/** The onboarding template shipped with this suite. */
const ONBOARDING_TEMPLATE =
  '/create/templates/default/onboard-emr-eks-data-team';

/** @public */
export interface EmrHomePageProps {
  /** Path of the EMR tab on a virtual cluster's page; `emr` by default. */
  emrTabPath?: string;
  /** Path of the Cost tab on a virtual cluster's page; `emr-cost` by default. */
  costTabPath?: string;
  /** Where a team onboards onto EMR on EKS: the onboarding template's page. */
  onboardingUrl?: string;
}

function describeTeams(teams: string[]): string {
  return teams
    .map(ref =>
      humanizeEntityRef(parseEntityRef(ref), { defaultKind: 'group' }),
    )
    .join(', ');
}

function NoClusters(props: { teams: string[]; onboardingUrl: string }) {
  const { teams, onboardingUrl } = props;
  const whose =
    teams.length === 0
      ? 'You belong to no team in the catalog, so no virtual cluster is yours.'
      : `None of your teams (${describeTeams(
          teams,
        )}) owns an EMR on EKS virtual cluster in the catalog yet.`;
  return (
    <EmptyState
      missing="content"
      title="No EMR on EKS virtual clusters for your teams"
      description={`${whose} A virtual cluster appears here once the catalog holds it as a Resource of type emr-virtual-cluster owned by your team: the portal discovers virtual clusters in AWS by their team tag, and onboarding a team creates one for it.`}
      action={
        <LinkButton to={onboardingUrl} variant="contained" color="primary">
          Onboard a data team
        </LinkButton>
      }
    />
  );
}

/** The EMR home's content: the signed-in user's teams' virtual clusters. */
export function EmrHomeContent(props: EmrHomePageProps) {
  const {
    emrTabPath = 'emr',
    costTabPath = 'emr-cost',
    onboardingUrl = ONBOARDING_TEMPLATE,
  } = props;
  const { value, error } = useMyVirtualClusters();
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title={`Could not find your teams' virtual clusters. ${describeError(
          error,
        )}`}
      />
    );
  }
  if (!value) {
    return <Progress />;
  }
  if (value.clusters.length === 0) {
    return <NoClusters teams={value.teams} onboardingUrl={onboardingUrl} />;
  }
  return (
    <InfoCard
      title="Your teams' virtual clusters"
      subheader="Job runs active now and failed in the last 24 hours, and this month's cost (UTC) where cost is set up"
    >
      <Table size="small" aria-label="Your teams' virtual clusters">
        <TableHead>
          <TableRow>
            <TableCell>Virtual cluster</TableCell>
            <TableCell>Team</TableCell>
            <TableCell>Active</TableCell>
            <TableCell>Failed (24h)</TableCell>
            <TableCell>Cost this month</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.clusters.map(cluster => (
            <HomeVirtualClusterRow
              key={stringifyEntityRef(cluster)}
              entity={cluster}
              emrTabPath={emrTabPath}
              costTabPath={costTabPath}
            />
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
}

/**
 * The EMR home: a page listing the virtual clusters of the signed-in user's
 * teams, each with its active and recently failed job runs and this month's
 * cost, linking to its EMR and Cost tabs.
 *
 * @public
 */
export function EmrHomePage(props: EmrHomePageProps) {
  return (
    <Page themeId="home">
      <Header
        title="EMR on EKS"
        subtitle="Spark on your teams' virtual clusters"
      />
      <Content>
        <EmrHomeContent {...props} />
      </Content>
    </Page>
  );
}
