import { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import { formatDateTime, shortPrincipal } from './format';

type StringKeys<T> = {
  [K in keyof T]-?: T[K] extends string | undefined ? K : never;
}[keyof T] &
  string;

/** A column with a timestamp in local time, the ISO form in its tooltip. */
export function timeColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
): TableColumn<T> {
  return {
    title,
    field,
    render: row => {
      const iso = row[field] as string | undefined;
      return (
        <Box component="span" title={iso} whiteSpace="nowrap">
          {formatDateTime(iso) ?? ''}
        </Box>
      );
    },
  };
}

/** A column with an IAM principal's short name, its full ARN in a tooltip. */
export function principalColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
): TableColumn<T> {
  return {
    title,
    field,
    render: row => {
      const arn = row[field] as string | undefined;
      return arn ? (
        <Tooltip title={arn}>
          <span>{shortPrincipal(arn)}</span>
        </Tooltip>
      ) : (
        ''
      );
    },
  };
}
