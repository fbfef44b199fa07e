/*
 * A small round-robin HTTP proxy standing in for the load balancer in front of the replicas.
 * A replica that refuses the connection (it is gone) is taken out of the rotation and the
 * request goes to the next one, since it never reached a replica; a request whose replica
 * failed after it was sent (the replica died with it in flight) is answered 502 and counted
 * as lost, as a load balancer cannot know whether it was processed.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface ProxyBackend {
  url: string;
  /** In the rotation; false once it refused a connection, until `revive`. */
  alive: boolean;
  inFlight: number;
  /** Requests answered by this replica. */
  answered: number;
  /** Requests this replica had accepted and never answered (502 to the client). */
  lost: number;
  /** Requests sent on to another replica because this one refused the connection. */
  refused: number;
}

export interface RoundRobinProxy {
  url: string;
  backends: ProxyBackend[];
  revive(index: number): void;
  close(): Promise<void>;
}

export async function startProxy(
  urls: string[],
  port = 0,
): Promise<RoundRobinProxy> {
  const backends: ProxyBackend[] = urls.map(url => ({
    url,
    alive: true,
    inFlight: 0,
    answered: 0,
    lost: 0,
    refused: 0,
  }));
  // Pooled connections closed after 60 s idle, as an ALB's default idle timeout does.
  const agents = backends.map(
    () => new http.Agent({ keepAlive: true, maxSockets: 256, timeout: 60_000 }),
  );
  let next = 0;

  const pick = (): number | undefined => {
    for (let i = 0; i < backends.length; i++) {
      const index = (next + i) % backends.length;
      if (backends[index].alive) {
        next = index + 1;
        return index;
      }
    }
    return undefined;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks)));
  });

  function forward(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
  ) {
    const index = pick();
    if (index === undefined) {
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"no replica is up"}}');
      return;
    }
    const backend = backends[index];
    const target = new URL(req.url ?? '/', backend.url);
    backend.inFlight++;
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        backend.inFlight--;
      }
    };
    const upstream = http.request(
      target,
      {
        method: req.method,
        headers: { ...req.headers, 'x-forwarded-for': '127.0.0.1' },
        agent: agents[index],
      },
      answer => {
        res.writeHead(answer.statusCode ?? 502, {
          ...answer.headers,
          'x-replica': String(index),
        });
        answer.pipe(res);
        answer.on('end', () => {
          finish();
          backend.answered++;
        });
        answer.on('error', () => {
          finish();
          backend.lost++;
          res.destroy();
        });
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      finish();
      if (error.code === 'ECONNREFUSED') {
        // Never reached the replica: out of the rotation, and the next one answers.
        backend.alive = false;
        backend.refused++;
        forward(req, res, body);
        return;
      }
      backend.lost++;
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            error: { message: `replica ${index} failed: ${error.message}` },
          }),
        );
      } else {
        res.destroy();
      }
    });
    upstream.end(body);
  }

  await new Promise<void>(resolve => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    backends,
    revive(index) {
      backends[index].alive = true;
    },
    close: () =>
      new Promise<void>(resolve => {
        agents.forEach(agent => agent.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
