import { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import { CopyableText } from './CopyableText';
import { formatDateTime, shortPrincipal } from './format';

type StringKeys<T> = {
  [K in keyof T]-?: T[K] extends string | undefined ? K : never;
}[keyof T] &
  string;

/** A column with a long id, cut to fit with the whole id on hover and a copy button. */
export function idColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
  what: string,
): TableColumn<T> {
  return {
    title,
    field,
    render: row => {
      const id = row[field] as string | undefined;
      return id ? <CopyableText text={id} what={what} maxWidth="12em" /> : '';
    },
  };
}

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
      // One line, cut with an ellipsis if need be: the ARN is on hover.
      return arn ? (
        <Tooltip title={arn}>
          <Box
            component="span"
            display="inline-block"
            maxWidth="16em"
            overflow="hidden"
            textOverflow="ellipsis"
            whiteSpace="nowrap"
          >
            {shortPrincipal(arn)}
          </Box>
        </Tooltip>
      ) : (
        ''
      );
    },
  };
}
