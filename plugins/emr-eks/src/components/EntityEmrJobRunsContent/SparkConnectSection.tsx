import { CompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import {
  SparkApplicationState,
  SparkConnectServer,
  emrEksJobRunCancelPermission,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import CopyIcon from '@material-ui/icons/FileCopyOutlined';
import PlayIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { emrEksApiRef } from '../../api';
import { useSparkConnectServers } from '../../hooks/useSparkConnectServers';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';
import { CopyableText } from '../shared/CopyableText';
import { copyText } from '../shared/copyText';
import { describeError } from '../shared/describeError';
import { SecondaryText } from '../shared/SecondaryText';
import { StateWithIndicator } from './JobRunStatus';
import { SparkApplicationStatus } from './SparkApplicationStatus';

/** The template that makes a team's endpoint (templates/spark-connect). */
export const SPARK_CONNECT_TEMPLATE_PATH =
  '/create/templates/default/create-emr-eks-spark-connect';

function ServerState(props: { server: SparkConnectServer }) {
  const { state, stoppedAt, stoppedBy } = props.server;
  if (state === 'STOPPED') {
    return (
      <StateWithIndicator
        state="STOPPED"
        details={
          stoppedAt
            ? `Stopped ${new Date(stoppedAt).toLocaleString()}${
                stoppedBy ? ` by ${stoppedBy}` : ''
              }`
            : undefined
        }
      />
    );
  }
  if (state === 'MISSING') {
    return (
      <StateWithIndicator
        state="MISSING"
        details="Neither its SparkApplication nor a stopped copy is there; create it again with the template"
      />
    );
  }
  return <SparkApplicationStatus state={state as SparkApplicationState} />;
}

function CopySnippetButton(props: { snippet: string }) {
  const errorApi = useApi(errorApiRef);
  const [copied, setCopied] = useState(false);
  return (
    <Button
      size="small"
      variant="outlined"
      startIcon={<CopyIcon />}
      onClick={() =>
        copyText(props.snippet).then(
          () => setCopied(true),
          error => errorApi.post(error),
        )
      }
    >
      {copied ? 'Copied' : 'Copy client code'}
    </Button>
  );
}

function ServerRow(props: {
  entityRef: CompoundEntityRef;
  server: SparkConnectServer;
  onChanged: () => void;
}) {
  const { entityRef, server, onChanged } = props;
  const api = useApi(emrEksApiRef);
  return (
    <Box
      component="section"
      aria-label={`Spark Connect server ${server.name}`}
      display="flex"
      flexDirection="column"
      gridGap={8}
    >
      <Box display="flex" alignItems="center" gridGap={16} flexWrap="wrap">
        <Typography variant="subtitle1" component="h3">
          {server.name}
        </Typography>
        <ServerState server={server} />
        <Box flexGrow={1} />
        {server.state === 'STOPPED' ? (
          <ConfirmedActionButton
            permission={emrEksJobRunStartPermission}
            entityRef={entityRef}
            deniedReason="You are not allowed to start Spark applications of this virtual cluster."
            label="Start"
            size="small"
            startIcon={<PlayIcon />}
            title={`Start Spark Connect server ${server.name}?`}
            action={() => api.startSparkConnectServer(entityRef, server.name)}
            onDone={onChanged}
          >
            The Spark Operator runs the server again as it was, at the same
            address. Its driver and executors cost again while it runs.
          </ConfirmedActionButton>
        ) : (
          server.state !== 'MISSING' && (
            <ConfirmedActionButton
              permission={emrEksJobRunCancelPermission}
              entityRef={entityRef}
              deniedReason="You are not allowed to stop Spark applications of this virtual cluster."
              label="Stop"
              size="small"
              startIcon={<StopIcon />}
              title={`Stop Spark Connect server ${server.name}?`}
              action={() => api.stopSparkConnectServer(entityRef, server.name)}
              onDone={onChanged}
            >
              Its SparkApplication is deleted: open sessions end and the driver
              and executors stop costing. The address, Service and load balancer
              stay, so Start brings it back at the same address.
            </ConfirmedActionButton>
          )
        )}
      </Box>
      {server.address ? (
        <>
          <CopyableText text={server.address} what="address" maxWidth="40em">
            <code>{server.address}</code>
          </CopyableText>
          {server.snippet && (
            <Box display="flex" alignItems="flex-start" gridGap={8}>
              {/* Focusable, so keyboard users can scroll a long line (WCAG). */}
              <Box
                component="pre"
                tabIndex={0}
                aria-label="Client code"
                m={0}
                p={1}
                flexGrow={1}
                overflow="auto"
                bgcolor="action.hover"
                borderRadius={4}
              >
                {server.snippet}
              </Box>
              <CopySnippetButton snippet={server.snippet} />
            </Box>
          )}
        </>
      ) : (
        <SecondaryText variant="body2">
          No Ingress: the server has no address outside the cluster.
        </SecondaryText>
      )}
      {server.inboundCidrs.length > 0 && (
        <SecondaryText variant="body2">
          Reachable from {server.inboundCidrs.join(', ')}
        </SecondaryText>
      )}
    </Box>
  );
}

/**
 * "Spark Connect" on the virtual cluster's EMR tab: the team's Spark Connect
 * servers in its namespace, each with its state, its `sc://` address and the
 * PySpark code that connects to it; Stop and Start for those who may write.
 */
export function SparkConnectSection(props: { entityRef: CompoundEntityRef }) {
  const { entityRef } = props;
  const { value, loading, error, retry } = useSparkConnectServers(entityRef);
  let content;
  if (error) {
    content = (
      <Alert severity="info">
        Spark Connect servers could not be read from the cluster.{' '}
        {describeError(error)}
      </Alert>
    );
  } else if (!value) {
    content = loading ? <Progress /> : null;
  } else if (value.items.length === 0) {
    content = (
      <Typography variant="body2">
        No Spark Connect server in this namespace. A member of the team can
        create one with the template{' '}
        <Link to={SPARK_CONNECT_TEMPLATE_PATH}>
          Create a Spark Connect endpoint for a team
        </Link>
        .
      </Typography>
    );
  } else {
    content = (
      <Box display="flex" flexDirection="column" gridGap={24}>
        {value.items.map(server => (
          <ServerRow
            key={server.name}
            entityRef={entityRef}
            server={server}
            onChanged={retry}
          />
        ))}
      </Box>
    );
  }
  return (
    <InfoCard
      title="Spark Connect"
      subheader={
        value
          ? `Spark Connect servers in namespace ${value.namespace} of cluster ${value.cluster}`
          : 'Spark Connect servers in this virtual cluster’s namespace'
      }
    >
      {content}
    </InfoCard>
  );
}
