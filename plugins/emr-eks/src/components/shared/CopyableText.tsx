import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import CopyIcon from '@material-ui/icons/FileCopyOutlined';
import { ReactNode, useState } from 'react';
import { copyText } from './copyText';

/**
 * A long value (an id, a URL) on one line: cut with an ellipsis where the
 * column ends, the whole value on hover, and a small button that copies it.
 * `children` replaces the text shown (a link, say); it is cut the same way.
 */
export function CopyableText(props: {
  text: string;
  /** What is copied, for the button's name: "Copy <what>". */
  what: string;
  /** Widest the value may be before it is cut; 14em by default. */
  maxWidth?: number | string;
  children?: ReactNode;
}) {
  const { text, what, maxWidth = '14em', children } = props;
  const errorApi = useApi(errorApiRef);
  const [copied, setCopied] = useState(false);
  const copy = () =>
    copyText(text).then(
      () => setCopied(true),
      error => errorApi.post(error),
    );

  return (
    <Box display="flex" alignItems="center" maxWidth={maxWidth}>
      <Box
        component="span"
        title={text}
        overflow="hidden"
        textOverflow="ellipsis"
        whiteSpace="nowrap"
        minWidth={0}
      >
        {children ?? text}
      </Box>
      <Tooltip
        title={copied ? 'Copied' : `Copy ${what}`}
        onClose={() => setCopied(false)}
      >
        <IconButton
          size="small"
          aria-label={`Copy ${what}`}
          onClick={event => {
            // In a table row, copying does not open the row.
            event.stopPropagation();
            copy();
          }}
        >
          <CopyIcon fontSize="inherit" />
        </IconButton>
      </Tooltip>
    </Box>
  );
}
