import {
  CompoundEntityRef,
  getCompoundEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusAborted,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION,
  ServerlessApplication,
  ServerlessApplicationState,
  emrEksJobRunStartPermission,
} from '@emr-eks/plugin-emr-eks-common';
import Box from '@material-ui/core/Box';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import StopIcon from '@material-ui/icons/Stop';
import { ComponentType, PropsWithChildren } from 'react';
import { emrEksApiRef } from '../../api';
import { useAutoRefresh } from '../../hooks/useAutoRefresh';
import { useServerlessApplication } from '../../hooks/useServerless';
import { StateWithIndicator } from '../EntityEmrJobRunsContent/JobRunStatus';
import { AnnotationGate } from '../shared/AnnotationGate';
import { ConfirmedActionButton } from '../shared/ConfirmedActionButton';
import { DetailList } from '../shared/DetailList';
import { couldNotLoad } from '../shared/describeError';
import { describeWorkerResources } from '../shared/format';
import { StaleBanner } from '../shared/StaleBanner';

const indicators: Partial<
  Record<ServerlessApplicationState, ComponentType<PropsWithChildren<{}>>>
> = {
  CREATING: StatusPending,
  CREATED: StatusAborted,
  STARTING: StatusPending,
  STARTED: StatusOK,
  STOPPING: StatusPending,
  STOPPED: StatusAborted,
  TERMINATED: StatusAborted,
};

/** States the application moves on from by itself: the card follows them. */
const CHANGING: ServerlessApplicationState[] = [
  'CREATING',
  'STARTING',
  'STOPPING',
];

function initialCapacity(app: ServerlessApplication) {
  const workers = Object.entries(app.initialCapacity ?? {});
  if (workers.length === 0) {
    return 'None: workers start with each run';
  }
  return (
    <Box component="ul" m={0} pl={2}>
      {workers.map(([type, { workerCount, workerConfiguration }]) => (
        <li key={type}>
          {type}: {workerCount} ×{' '}
          {workerConfiguration
            ? describeWorkerResources(workerConfiguration)
            : 'default size'}
        </li>
      ))}
    </Box>
  );
}

function ApplicationActions(props: {
  entityRef: CompoundEntityRef;
  app: ServerlessApplication;
  onDone: () => void;
}) {
  const { entityRef, app, onDone } = props;
  const api = useApi(emrEksApiRef);
  const denied =
    'Only the team that owns this application may start or stop it.';
  if (app.state === 'CREATED' || app.state === 'STOPPED') {
    return (
      <ConfirmedActionButton
        permission={emrEksJobRunStartPermission}
        entityRef={entityRef}
        deniedReason={denied}
        label="Start application"
        startIcon={<PlayArrowIcon />}
        title={`Start ${app.name ?? app.applicationId}?`}
        action={() => api.startServerlessApplication(entityRef)}
        onDone={onDone}
      >
        EMR Serverless starts the application and its pre-initialized capacity,
        which is billed while the application is started.
      </ConfirmedActionButton>
    );
  }
  if (app.state === 'STARTED') {
    return (
      <ConfirmedActionButton
        permission={emrEksJobRunStartPermission}
        entityRef={entityRef}
        deniedReason={denied}
        label="Stop application"
        startIcon={<StopIcon />}
        title={`Stop ${app.name ?? app.applicationId}?`}
        action={() => api.stopServerlessApplication(entityRef)}
        onDone={onDone}
      >
        EMR Serverless releases the pre-initialized capacity. Runs still running
        hold the application until they end
        {app.autoStart.enabled
          ? '; a new run starts it again'
          : '; new runs wait until someone starts it again'}
        .
      </ConfirmedActionButton>
    );
  }
  return null;
}

function ApplicationDetails(props: { entityRef: CompoundEntityRef }) {
  const { entityRef } = props;
  const { value: app, error, retry } = useServerlessApplication(entityRef);
  useAutoRefresh(!!app && CHANGING.includes(app.state), retry);

  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title={couldNotLoad('the application', error)}
      />
    );
  }
  if (!app) {
    return <Progress />;
  }
  return (
    <>
      {app.stale && <StaleBanner stale={app.stale} />}
      <DetailList
        label="EMR Serverless application"
        details={[
          {
            label: 'State',
            value: (
              <StateWithIndicator
                state={app.state}
                indicator={indicators[app.state]}
                details={app.stateDetails}
              />
            ),
          },
          { label: 'State details', value: app.stateDetails },
          { label: 'Type', value: app.type },
          { label: 'Release label', value: app.releaseLabel },
          { label: 'Architecture', value: app.architecture },
          { label: 'Initial capacity', value: initialCapacity(app) },
          {
            label: 'Maximum capacity',
            value: app.maximumCapacity
              ? describeWorkerResources(app.maximumCapacity)
              : 'No limit set',
          },
          {
            label: 'Auto-start',
            value: app.autoStart.enabled ? 'On: a new run starts it' : 'Off',
          },
          {
            label: 'Auto-stop',
            value: app.autoStop.enabled
              ? `After ${app.autoStop.idleTimeoutMinutes ?? 15} idle minutes`
              : 'Off',
          },
          {
            label: 'Network',
            value: app.network
              ? `${app.network.subnetIds.length} subnets, ${app.network.securityGroupIds.length} security groups`
              : 'No VPC access',
          },
        ]}
      />
      <Box mt={2}>
        <ApplicationActions entityRef={entityRef} app={app} onDone={retry} />
      </Box>
    </>
  );
}

/**
 * A card for an EMR Serverless application's page: state, type, release
 * label, initial and maximum capacity, auto-start and auto-stop, with Start
 * and Stop for the team that owns it.
 *
 * @public
 */
export function EntityEmrServerlessApplicationCard() {
  return (
    <InfoCard title="EMR Serverless application">
      <AnnotationGate annotation={EMR_SERVERLESS_APPLICATION_ARN_ANNOTATION}>
        {entity => (
          <ApplicationDetails entityRef={getCompoundEntityRef(entity)} />
        )}
      </AnnotationGate>
    </InfoCard>
  );
}
