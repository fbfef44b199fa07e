import { ApplicationConfiguration } from '@emr-eks/plugin-emr-eks-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { SecondaryText } from '../shared/SecondaryText';

interface PropertyRow {
  classification: string;
  property?: string;
  value?: string;
}

/**
 * One row per property; nested configurations (e.g. `spark-env` → `export`)
 * show as `spark-env / export`. A classification without properties still
 * gets a row, so that it is not lost.
 */
export function flattenApplicationConfiguration(
  configurations: ApplicationConfiguration[],
  parent?: string,
): PropertyRow[] {
  return configurations.flatMap(configuration => {
    const classification = parent
      ? `${parent} / ${configuration.classification}`
      : configuration.classification;
    const properties = Object.entries(configuration.properties ?? {}).map(
      ([property, value]) => ({ classification, property, value }),
    );
    const nested = flattenApplicationConfiguration(
      configuration.configurations ?? [],
      classification,
    );
    return properties.length + nested.length > 0
      ? [...properties, ...nested]
      : [{ classification }];
  });
}

/** A run's application configuration overrides, as a table. */
export function ApplicationConfigurationTable(props: {
  configurations?: ApplicationConfiguration[];
}) {
  const rows = flattenApplicationConfiguration(props.configurations ?? []);
  if (rows.length === 0) {
    return (
      <SecondaryText variant="body2">
        No application configuration overrides.
      </SecondaryText>
    );
  }
  return (
    <Table size="small" aria-label="Application configuration">
      <TableHead>
        <TableRow>
          <TableCell>Classification</TableCell>
          <TableCell>Property</TableCell>
          <TableCell>Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={`${row.classification}:${row.property ?? index}`}>
            <TableCell>{row.classification}</TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>
              {row.property ?? ''}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-all' }}>
              {row.value ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
