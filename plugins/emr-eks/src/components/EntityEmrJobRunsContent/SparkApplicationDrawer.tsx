import { CompoundEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  DeletedSparkApplication,
  SparkApplicationDetail,
  SparkApplicationSummary,
  StartedSparkApplication,
  isTerminalSparkApplicationState,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import Drawer from '@material-ui/core/Drawer';
import IconButton from '@material-ui/core/IconButton';
import Link from '@material-ui/core/Link';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { ReactNode } from 'react';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import {
  useSparkApplication,
  useSparkDriverLog,
} from '../../hooks/useSparkApplications';
import { CopyableText } from '../shared/CopyableText';
import { DetailList } from '../shared/DetailList';
import { couldNotLoad } from '../shared/describeError';
import { formatDateTime, formatDuration } from '../shared/format';
import { RefreshButton } from '../shared/RefreshButton';
import { SecondaryText } from '../shared/SecondaryText';
import { StaleBanner } from '../shared/StaleBanner';
import { useElementId } from '../shared/useElementId';
import { SparkApplicationActions } from './SparkApplicationActions';
import {
  ImageFlag,
  KIND_LABELS,
  SparkApplicationStatus,
} from './SparkApplicationStatus';

/** What the drawer's actions report to the list. */
interface ActionCallbacks {
  onStarted: (started: StartedSparkApplication) => void;
  onDeleted: (deleted: DeletedSparkApplication) => void;
}

/** Lines of the driver's log the drawer shows. */
export const LOG_TAIL_LINES = 200;

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={3}>
      <Typography variant="h6" component="h3" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

function ConfTable(props: { label: string; conf: Record<string, string> }) {
  const entries = Object.entries(props.conf);
  if (entries.length === 0) {
    return <SecondaryText variant="body2">None set.</SecondaryText>;
  }
  return (
    <Table size="small" aria-label={props.label}>
      <TableBody>
        {entries.map(([key, value]) => (
          <TableRow key={key}>
            <TableCell
              component="th"
              scope="row"
              style={{ width: '45%', wordBreak: 'break-all' }}
            >
              {key}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>{value}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Events(props: { events: SparkApplicationDetail['events'] }) {
  if (props.events.length === 0) {
    return (
      <SecondaryText variant="body2">
        No events (Kubernetes keeps them for about an hour).
      </SecondaryText>
    );
  }
  return (
    <Table size="small" aria-label="Kubernetes events">
      <TableHead>
        <TableRow>
          <TableCell>Last seen</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.events.map((event, i) => (
          <TableRow key={`${event.reason}-${i}`}>
            <TableCell style={{ whiteSpace: 'nowrap' }}>
              {formatDateTime(event.lastSeen) ?? ''}
            </TableCell>
            <TableCell>
              {event.type === 'Warning' ? `⚠ ${event.reason}` : event.reason}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-word' }}>
              {event.message}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function DriverLog(props: {
  entityRef: CompoundEntityRef;
  id: string;
  running: boolean;
}) {
  const { value, error, loading, retry } = useSparkDriverLog(
    props.entityRef,
    props.id,
    LOG_TAIL_LINES,
  );
  useAutoRefresh(props.running, retry);
  let body: JSX.Element;
  if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title={couldNotLoad('the driver log', error)}
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else if (value.lines.length === 0) {
    body = (
      <SecondaryText variant="body2">
        {value.message ?? 'The driver has written nothing yet.'}
      </SecondaryText>
    );
  } else {
    body = (
      <Box
        component="pre"
        aria-label="Driver log"
        m={0}
        p={1}
        maxHeight={360}
        overflow="auto"
        fontSize={12}
        bgcolor="background.default"
      >
        {value.lines.join('\n')}
      </Box>
    );
  }
  return (
    <>
      <Box display="flex" alignItems="center" gridGap={8}>
        <SecondaryText variant="body2">
          The last {LOG_TAIL_LINES} lines of {value?.pod || 'the driver pod'}
        </SecondaryText>
        <RefreshButton
          label="Refresh the driver log"
          onClick={retry}
          disabled={loading}
        />
      </Box>
      {value?.stale && <StaleBanner stale={value.stale} />}
      {body}
    </>
  );
}

function Links(props: { links: SparkApplicationDetail['links'] }) {
  const { sparkUi, historyServer, eventLogDir } = props.links;
  return (
    <DetailList
      label="Links"
      details={[
        {
          label: 'Spark UI (live)',
          value: sparkUi && (
            <>
              <CopyableText
                text={sparkUi.portForward}
                what="port-forward command"
                maxWidth="100%"
              />
              <SecondaryText variant="body2">
                Then open http://localhost:{sparkUi.port}. Kubernetes API proxy
                path: {sparkUi.kubernetesProxyPath}
              </SecondaryText>
            </>
          ),
        },
        {
          label: 'Spark History Server',
          value: historyServer && (
            <Link href={historyServer} target="_blank" rel="noopener">
              Open the run in the Spark History Server
            </Link>
          ),
        },
        { label: 'Event log', value: eventLogDir },
      ]}
    />
  );
}

function Details(props: {
  entityRef: CompoundEntityRef;
  app: SparkApplicationDetail;
}) {
  const { app } = props;
  return (
    <>
      {app.stale && <StaleBanner stale={app.stale} />}
      <DetailList
        label="Spark application"
        details={[
          {
            label: 'State',
            value: (
              <SparkApplicationStatus
                state={app.state}
                details={app.errorMessage}
              />
            ),
          },
          { label: 'Error', value: app.errorMessage },
          { label: 'Submitted with', value: KIND_LABELS[app.kind] },
          {
            label: 'Image',
            value: app.image && (
              <Box display="flex" alignItems="center" gridGap={8}>
                <ImageFlag
                  image={app.image}
                  emrRuntimeImage={app.emrRuntimeImage}
                />
                <CopyableText text={app.image} what="image" maxWidth="24em" />
              </Box>
            ),
          },
          { label: 'Type', value: app.type },
          { label: 'Main class', value: app.mainClass },
          { label: 'Main application file', value: app.mainApplicationFile },
          {
            label: 'Arguments',
            value: app.arguments.length ? app.arguments.join(' ') : undefined,
          },
          { label: 'Service account', value: app.serviceAccount },
          { label: 'Spark application id', value: app.sparkApplicationId },
          { label: 'Driver pod', value: app.driverPod },
          { label: 'Executors', value: app.executors },
          { label: 'Submitted', value: formatDateTime(app.submittedAt) },
          { label: 'Finished', value: formatDateTime(app.finishedAt) },
          {
            label: 'Duration',
            value:
              app.durationSeconds === undefined
                ? undefined
                : formatDuration(app.durationSeconds * 1000),
          },
        ]}
      />
      <Section title="Links">
        <Links links={app.links} />
      </Section>
      <Section title="Driver log">
        <DriverLog
          entityRef={props.entityRef}
          id={app.id}
          running={!isTerminalSparkApplicationState(app.state)}
        />
      </Section>
      <Section title="Events">
        <Events events={app.events} />
      </Section>
      <Section title="sparkConf">
        <ConfTable label="sparkConf" conf={app.sparkConf} />
        {app.kind === 'spark-submit' && (
          <SecondaryText variant="body2">
            spark-submit keeps its settings in the driver's ConfigMap, which the
            portal does not read.
          </SecondaryText>
        )}
      </Section>
      {Object.keys(app.hadoopConf).length > 0 && (
        <Section title="hadoopConf">
          <ConfTable label="hadoopConf" conf={app.hadoopConf} />
        </Section>
      )}
    </>
  );
}

function DrawerContent(
  props: ActionCallbacks & {
    entityRef: CompoundEntityRef;
    app: SparkApplicationSummary;
    headingId: string;
    onClose: () => void;
  },
) {
  const { entityRef, app, headingId } = props;
  const { value, error, retry } = useSparkApplication(entityRef, app.id);
  useAutoRefresh(
    !!value && !isTerminalSparkApplicationState(value.state),
    retry,
  );
  let body: JSX.Element;
  if (error) {
    body = (
      <ResponseErrorPanel
        error={error}
        title={couldNotLoad(`Spark application ${app.id}`, error)}
      />
    );
  } else if (!value) {
    body = <Progress />;
  } else {
    body = <Details entityRef={entityRef} app={value} />;
  }
  return (
    <Box p={3}>
      <Box
        display="flex"
        alignItems="flex-start"
        justifyContent="space-between"
      >
        <Box>
          <Typography variant="h5" component="h2" id={headingId}>
            {app.name}
          </Typography>
          <SecondaryText variant="body2">
            {KIND_LABELS[app.kind]} · {app.id}
          </SecondaryText>
        </Box>
        <IconButton aria-label="Close details" onClick={props.onClose}>
          <CloseIcon />
        </IconButton>
      </Box>
      <Box mt={2}>
        <SparkApplicationActions
          entityRef={entityRef}
          app={value ?? app}
          onStarted={props.onStarted}
          onDeleted={props.onDeleted}
        />
        {body}
      </Box>
    </Box>
  );
}

/**
 * A Spark application's spec, links, driver log and events, in a drawer on the
 * right, with Delete for a SparkApplication and Rerun for one the portal started.
 */
export function SparkApplicationDrawer(
  props: ActionCallbacks & {
    entityRef: CompoundEntityRef;
    app?: SparkApplicationSummary;
    onClose: () => void;
  },
) {
  const headingId = useElementId('emr-spark-application-heading');
  return (
    <Drawer
      anchor="right"
      open={!!props.app}
      onClose={props.onClose}
      PaperProps={{
        role: 'dialog',
        'aria-modal': true,
        'aria-labelledby': headingId,
        style: { width: 'min(760px, 100vw)' },
      }}
    >
      {props.app && (
        <DrawerContent
          key={props.app.id}
          entityRef={props.entityRef}
          app={props.app}
          headingId={headingId}
          onClose={props.onClose}
          onStarted={props.onStarted}
          onDeleted={props.onDeleted}
        />
      )}
    </Drawer>
  );
}
