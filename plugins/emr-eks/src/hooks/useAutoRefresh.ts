import useInterval from 'react-use/esm/useInterval';

/** How often views refresh themselves while something is changing. */
export const AUTO_REFRESH_INTERVAL_MS = 5000;

/**
 * Calls `refresh` every few seconds while `active`, and stops as soon as it is
 * not. Pair it with the `retry` of a `useAsyncRetry` hook, which does nothing
 * while a request is still under way, so slow answers never pile up.
 */
export function useAutoRefresh(
  active: boolean,
  refresh: () => void,
  intervalMs: number = AUTO_REFRESH_INTERVAL_MS,
) {
  useInterval(refresh, active ? intervalMs : null);
}
