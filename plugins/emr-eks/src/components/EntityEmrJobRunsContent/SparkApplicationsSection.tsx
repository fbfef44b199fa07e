import { CompoundEntityRef } from '@backstage/catalog-model';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { SecondaryText } from '../shared/SecondaryText';
import { SaveSparkApplicationTemplateButton } from './SaveSparkApplicationTemplateButton';
import { SparkApplicationsTable } from './SparkApplicationsTable';

/**
 * "Spark applications" below the job runs, closed until opened: the runs that
 * bypass the emr-containers API (Spark Operator, spark-submit) come from the
 * cluster's Kubernetes API, which is asked only when someone looks. A team
 * saves the templates it starts them from here too; the Start dialog reads the
 * templates each time it opens, so a saved one is offered at once.
 */
export function SparkApplicationsSection(props: {
  entityRef: CompoundEntityRef;
}) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string>();
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
        <Box display="flex" justifyContent="flex-end" mb={2}>
          <SaveSparkApplicationTemplateButton
            entityRef={props.entityRef}
            onSaved={template => setSaved(template.name)}
          />
        </Box>
        {saved && (
          <Box mb={2}>
            <Alert severity="success" onClose={() => setSaved(undefined)}>
              Saved template {saved}
            </Alert>
          </Box>
        )}
        <SparkApplicationsTable entityRef={props.entityRef} />
      </AccordionDetails>
    </Accordion>
  );
}
