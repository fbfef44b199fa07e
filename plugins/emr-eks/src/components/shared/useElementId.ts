import { useState } from 'react';

let counter = 0;

/**
 * An id for labelling one element by another (`aria-labelledby`), stable for
 * the life of the component. (React's own `useId` needs React 18.)
 */
export function useElementId(prefix: string): string {
  const [id] = useState(() => {
    counter += 1;
    return `${prefix}-${counter}`;
  });
  return id;
}
