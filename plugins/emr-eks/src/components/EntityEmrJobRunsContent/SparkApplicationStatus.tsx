import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import { SparkApplicationState } from '@emr-eks/plugin-emr-eks-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import { ComponentType, PropsWithChildren } from 'react';
import { StateWithIndicator } from './JobRunStatus';

/* A Spark application's state, kind and image flag, shared by its table and drawer. */

const indicators: Partial<
  Record<SparkApplicationState, ComponentType<PropsWithChildren<{}>>>
> = {
  NEW: StatusPending,
  SUBMITTED: StatusPending,
  RUNNING: StatusRunning,
  SUCCEEDING: StatusRunning,
  COMPLETED: StatusOK,
  FAILED: StatusError,
  SUBMISSION_FAILED: StatusError,
  FAILING: StatusError,
};

/** A Spark application's state with its status colour. */
export function SparkApplicationStatus(props: {
  state: SparkApplicationState;
  details?: string;
}) {
  return (
    <StateWithIndicator
      state={props.state}
      indicator={indicators[props.state]}
      details={props.details}
    />
  );
}

export const KIND_LABELS = {
  'spark-operator': 'Spark Operator',
  'spark-submit': 'spark-submit',
} as const;

/** The image, flagged when it is not an Amazon EMR runtime image. */
export function ImageFlag(props: { image?: string; emrRuntimeImage: boolean }) {
  if (!props.image) return null;
  return props.emrRuntimeImage ? (
    <Tooltip title={props.image}>
      <Chip size="small" label="EMR runtime" />
    </Tooltip>
  ) : (
    <Tooltip
      title={`${props.image} is not an Amazon EMR runtime image: the run misses the EMR runtime's optimisations and EMRFS`}
    >
      <Chip
        size="small"
        color="secondary"
        icon={<StatusWarning />}
        label="Not EMR runtime"
      />
    </Tooltip>
  );
}
