import http from 'node:http';
import { AddressInfo } from 'node:net';

/** What the stand-in sends: a status, a body as text, and headers. */
export interface StandInAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** A request the stand-in got, with the emr-containers operation it stands for. */
export interface StandInRequest {
  operation: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

// The REST-JSON routes of emr-containers this plugin calls.
const OPERATIONS: Array<[string, RegExp, string]> = [
  ['GET', /^\/virtualclusters\/[^/]+\/jobruns$/, 'ListJobRuns'],
  ['POST', /^\/virtualclusters\/[^/]+\/jobruns$/, 'StartJobRun'],
  ['GET', /^\/virtualclusters\/[^/]+\/jobruns\/[^/]+$/, 'DescribeJobRun'],
  ['DELETE', /^\/virtualclusters\/[^/]+\/jobruns\/[^/]+$/, 'CancelJobRun'],
  ['GET', /^\/virtualclusters\/[^/]+\/endpoints$/, 'ListManagedEndpoints'],
  [
    'GET',
    /^\/virtualclusters\/[^/]+\/endpoints\/[^/]+$/,
    'DescribeManagedEndpoint',
  ],
  [
    'DELETE',
    /^\/virtualclusters\/[^/]+\/endpoints\/[^/]+$/,
    'DeleteManagedEndpoint',
  ],
  ['GET', /^\/virtualclusters\/[^/]+$/, 'DescribeVirtualCluster'],
  ['GET', /^\/jobtemplates$/, 'ListJobTemplates'],
  ['GET', /^\/jobtemplates\/[^/]+$/, 'DescribeJobTemplate'],
];

/** A JSON answer. */
export const json = (body: unknown, status = 200): StandInAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/** An AWS REST-JSON error, code in `x-amzn-errortype`. */
export const awsError = (
  status: number,
  code: string,
  message = code,
): StandInAnswer => ({
  status,
  body: JSON.stringify({ message }),
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
});

/** What a proxy or an endpoint without the operation sends. */
export const html = (status: number): StandInAnswer => ({
  status,
  body: `<html><body><h1>${status}</h1></body></html>`,
  headers: { 'content-type': 'text/html' },
});

/**
 * A loopback HTTP peer for the emr-containers operations this plugin calls, answering
 * whatever `handle` says: an independent endpoint, not our sandbox, so that tests can send
 * HTML, odd error codes and members the API description does not have.
 */
export async function startStandIn(
  handle: (request: StandInRequest) => StandInAnswer,
) {
  const requests: StandInRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const method = req.method ?? 'GET';
      const operation =
        OPERATIONS.find(
          ([m, path]) => m === method && path.test(url.pathname),
        )?.[2] ?? 'Unknown';
      const text = Buffer.concat(chunks).toString('utf8');
      const request: StandInRequest = {
        operation,
        method,
        path: url.pathname,
        query: url.searchParams,
        body: text ? JSON.parse(text) : undefined,
      };
      requests.push(request);
      const answer = handle(request);
      res.writeHead(answer.status, answer.headers ?? {});
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    count: (operation: string) =>
      requests.filter(r => r.operation === operation).length,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
