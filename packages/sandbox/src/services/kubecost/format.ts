import type { Response } from 'express';
import { Flavor, KubecostError } from './query';

/*
 * How the cost model writes numbers, times and envelopes.
 */

/**
 * A number as the API writes it: rounded (Kubecost to 6 decimals, OpenCost
 * to 5, as its `formatFloat64ForResponse`), and null for NaN or infinity.
 */
export function formatNumber(value: number, flavor: Flavor): number | null {
  if (!Number.isFinite(value)) return null;
  const scale = flavor === 'kubecost' ? 1e6 : 1e5;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
}

/** RFC3339 in UTC with whole seconds: `2025-03-14T15:00:00Z`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

/** A copy with the keys in sorted order, as Go writes maps. */
export function sortedObject<T>(map: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(map)
      .sort()
      .map(key => [key, map[key]]),
  );
}

function send(res: Response, status: number, body: unknown): void {
  res.status(status);
  res.setHeader('Content-Type', 'application/json');
  res.send(Buffer.from(JSON.stringify(body)));
}

/** `{"code":200,"data":...}` (Kubecost) or with `"status":"success"` (OpenCost). */
export function sendData(res: Response, flavor: Flavor, data: unknown): void {
  send(
    res,
    200,
    flavor === 'kubecost'
      ? { code: 200, data }
      : { code: 200, status: 'success', data },
  );
}

/** `{"code":400,"status":"","data":null,"message":"Error: ..."}`. */
export function sendFailure(res: Response, error: KubecostError): void {
  send(res, error.status, {
    code: error.status,
    status: '',
    data: null,
    message: `Error: ${error.message}`,
  });
}
