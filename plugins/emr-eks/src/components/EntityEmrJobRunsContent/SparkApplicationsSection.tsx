import { CompoundEntityRef } from '@backstage/catalog-model';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { useState } from 'react';
import { SecondaryText } from '../shared/SecondaryText';
import { SparkApplicationsTable } from './SparkApplicationsTable';

/**
 * "Spark applications" below the job runs, closed until opened: the runs that
 * bypass the emr-containers API (Spark Operator, spark-submit) come from the
 * cluster's Kubernetes API, which is asked only when someone looks.
 */
export function SparkApplicationsSection(props: {
  entityRef: CompoundEntityRef;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Accordion
      expanded={open}
      onChange={(_event, expanded) => setOpen(expanded)}
      TransitionProps={{ unmountOnExit: true }}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls="emr-spark-applications"
        id="emr-spark-applications-header"
      >
        <div>
          <Typography variant="h6" component="h2">
            Spark applications
          </Typography>
          <SecondaryText variant="body2">
            Spark Operator and spark-submit runs in this virtual cluster's
            namespace
          </SecondaryText>
        </div>
      </AccordionSummary>
      <AccordionDetails
        id="emr-spark-applications"
        style={{ display: 'block' }}
      >
        <SparkApplicationsTable entityRef={props.entityRef} />
      </AccordionDetails>
    </Accordion>
  );
}
