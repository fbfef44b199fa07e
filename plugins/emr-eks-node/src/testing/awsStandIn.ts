import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the stand-in sends back: a status, a body as text, and headers.
 *
 * @public
 */
export interface StandInAnswer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/**
 * A request the stand-in got, with the operation it stands for (`ListJobRuns`, `GetRole`, …)
 * when it knows the route, else `Unknown`.
 *
 * @public
 */
export interface StandInRequest {
  operation: string;
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

// The routes of the calls the suite's packages make: emr-containers and EKS are REST-JSON;
// IAM is the query protocol (a form body naming the action).
const ROUTES: Array<[string, RegExp, string]> = [
  ['GET', /^\/virtualclusters$/, 'ListVirtualClusters'],
  ['POST', /^\/virtualclusters$/, 'CreateVirtualCluster'],
  ['GET', /^\/virtualclusters\/[^/]+$/, 'DescribeVirtualCluster'],
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
  ['GET', /^\/jobtemplates$/, 'ListJobTemplates'],
  ['POST', /^\/jobtemplates$/, 'CreateJobTemplate'],
  ['GET', /^\/jobtemplates\/[^/]+$/, 'DescribeJobTemplate'],
  ['GET', /^\/clusters\/[^/]+$/, 'DescribeCluster'],
];

/**
 * A JSON answer.
 *
 * @public
 */
export const json = (body: unknown, status = 200): StandInAnswer => ({
  status,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/**
 * A REST-JSON AWS error (emr-containers, EKS), its code in `x-amzn-errortype`.
 *
 * @public
 */
export const jsonError = (
  status: number,
  code: string,
  message = code,
): StandInAnswer => ({
  status,
  body: JSON.stringify({ message }),
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
});

/**
 * An IAM (query protocol) answer: `<Action>Response><Action>Result>…`.
 *
 * @public
 */
export const iamXml = (action: string, result: string): StandInAnswer => ({
  status: 200,
  body: `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result></${action}Response>`,
  headers: { 'content-type': 'text/xml' },
});

/**
 * An IAM (query protocol) error.
 *
 * @public
 */
export const iamError = (
  status: number,
  code: string,
  message = code,
): StandInAnswer => ({
  status,
  body: `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
  headers: { 'content-type': 'text/xml' },
});

/**
 * What a proxy, a load balancer or an endpoint without the operation sends.
 *
 * @public
 */
export const html = (status: number): StandInAnswer => ({
  status,
  body: `<html><body><h1>${status}</h1><p>upstream said no</p></body></html>`,
  headers: { 'content-type': 'text/html' },
});

/**
 * A loopback HTTP peer answering whatever `handle` says: not the suite's sandbox, so tests can
 * send HTML pages, bodies that are not JSON, codes no AWS API has and members the API
 * description does not have. Point an AWS SDK client's `endpoint` at `url`.
 *
 * @public
 */
export async function startAwsStandIn(
  handle: (request: StandInRequest) => StandInAnswer,
) {
  const requests: StandInRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const operation =
        new URLSearchParams(body).get('Action') ??
        ROUTES.find(([m, p]) => m === method && p.test(url.pathname))?.[2] ??
        'Unknown';
      const request: StandInRequest = {
        operation,
        method,
        path: url.pathname,
        query: url.searchParams,
        body,
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
    /** How many requests of that operation it got. */
    count: (operation: string) =>
      requests.filter(r => r.operation === operation).length,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
