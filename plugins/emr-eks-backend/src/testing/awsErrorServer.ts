import { AddressInfo } from 'node:net';
import http from 'node:http';

/**
 * A loopback HTTP peer that answers every request with one AWS REST-JSON error,
 * as emr-containers sends them, and counts the requests it got.
 */
export async function startAwsErrorServer(answer: {
  status: number;
  type: string;
  message?: string;
}) {
  let count = 0;
  const server = http.createServer((req, res) => {
    count += 1;
    req.resume();
    res.writeHead(answer.status, {
      'content-type': 'application/json',
      'x-amzn-errortype': answer.type,
      'x-amzn-requestid': `req-${count}`,
    });
    res.end(JSON.stringify({ message: answer.message ?? answer.type }));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => count,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
