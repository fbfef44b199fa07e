/**
 * The sandbox never reads Date.now() directly: everything time-dependent goes
 * through a Clock so tests can freeze, set and advance time, and job run state
 * is computed from it on demand (no timers).
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Jump to an absolute time. */
  set(time: Date | number | string): void;
  /** Move forward (or backward, with a negative value) by `ms`. */
  advance(ms: number): void;
}

function toMillis(time: Date | number | string): number {
  let ms: number;
  if (time instanceof Date) ms = time.getTime();
  else if (typeof time === 'number') ms = time;
  else ms = Date.parse(time);
  if (!Number.isFinite(ms)) {
    throw new Error(`Invalid time: ${String(time)}`);
  }
  return ms;
}

/** Follows real time; set() and advance() shift it by an offset and it keeps ticking. */
export function systemClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    set: time => {
      offset = toMillis(time) - Date.now();
    },
    advance: ms => {
      offset += ms;
    },
  };
}

/** Stands still until set() or advance() is called; for tests. */
export function manualClock(start: Date | number | string = Date.now()): Clock {
  let current = toMillis(start);
  return {
    now: () => current,
    set: time => {
      current = toMillis(time);
    },
    advance: ms => {
      current += ms;
    },
  };
}
