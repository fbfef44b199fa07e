import type { ElementType } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography, { TypographyProps } from '@material-ui/core/Typography';

// MUI's textSecondary is black at 54 % opacity: #717171 on Backstage's grey page
// background, 4.47:1, short of WCAG AA's 4.5:1. The theme's textSubtle (#6E6E6E in the
// light theme, #CCCCCC in the dark one) passes on both the page and on cards.
const useStyles = makeStyles(theme => ({
  root: { color: theme.palette.textSubtle },
}));

/** The class of {@link SecondaryText}, for MUI parts that take a class, such as field labels. */
export function useSecondaryTextClass(): string {
  return useStyles().root;
}

/** Secondary text (captions, notes, subtitles) that keeps AA contrast on any background. */
export function SecondaryText(
  props: TypographyProps & { component?: ElementType },
) {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <Typography
      {...rest}
      className={className ? `${classes.root} ${className}` : classes.root}
    />
  );
}
