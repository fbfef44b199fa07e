import { TableColumn } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Tooltip from '@material-ui/core/Tooltip';
import type { ReactNode } from 'react';
import { CopyableText } from './CopyableText';
import { formatShortDateTime, shortPrincipal } from './format';

type StringKeys<T> = {
  [K in keyof T]-?: T[K] extends string | undefined ? K : never;
}[keyof T] &
  string;

/**
 * Text on one line, cut with an ellipsis at `maxWidth`, the whole of `text`
 * on hover; `children` replaces what is shown (a link, say).
 */
export function OneLine(props: {
  text: string;
  maxWidth: string;
  children?: ReactNode;
}) {
  return (
    <Tooltip title={props.text}>
      <Box
        component="span"
        display="inline-block"
        maxWidth={props.maxWidth}
        overflow="hidden"
        textOverflow="ellipsis"
        whiteSpace="nowrap"
        // Cut text sits on the line like the cells around it.
        style={{ verticalAlign: 'bottom' }}
      >
        {props.children ?? props.text}
      </Box>
    </Tooltip>
  );
}

/** A column of one string field, `cell` drawing a value that is there (nothing for one that is not). */
function stringColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
  cell: (value: string) => ReactNode,
): TableColumn<T> {
  return {
    title,
    field,
    render: row => {
      const value = row[field] as string | undefined;
      return value ? cell(value) : '';
    },
  };
}

/** A column of short text (a name, a type) on one line, cut at `maxWidth` with the whole on hover. */
export function textColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
  maxWidth: string,
): TableColumn<T> {
  return stringColumn(title, field, text => (
    <OneLine text={text} maxWidth={maxWidth} />
  ));
}

/** A column with a long id, cut to fit with the whole id on hover and a copy button. */
export function idColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
  what: string,
  maxWidth = '12em',
): TableColumn<T> {
  return stringColumn(title, field, id => (
    <CopyableText text={id} what={what} maxWidth={maxWidth} />
  ));
}

/** A column with a timestamp in local time to the minute, the ISO form in its tooltip. */
export function timeColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
): TableColumn<T> {
  return stringColumn(title, field, iso => (
    <Box component="span" title={iso} whiteSpace="nowrap">
      {formatShortDateTime(iso) ?? ''}
    </Box>
  ));
}

/** A column with an IAM principal's short name, on one line, its full ARN on hover. */
export function principalColumn<T extends object>(
  title: string,
  field: StringKeys<T>,
): TableColumn<T> {
  return stringColumn(title, field, arn => (
    <OneLine text={arn} maxWidth="8em">
      {shortPrincipal(arn)}
    </OneLine>
  ));
}
