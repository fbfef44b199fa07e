import userEvent from '@testing-library/user-event';

/**
 * A user for one interaction that does not yield to timers between the events it fires.
 * user-event's default delay of 0 queues a macrotask after every pointer and key event,
 * and on a loaded machine each of those waits behind other suites' work — a few clicks
 * on an MUI Autocomplete then took seconds. The events and their order are unchanged.
 */
export function user() {
  return userEvent.setup({ delay: null });
}
