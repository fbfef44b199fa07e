import { spawn } from 'node:child_process';
import path from 'node:path';
import { httpGet } from './__testUtils__';

describe('bin/sandbox.js', () => {
  it('starts on SANDBOX_PORT with demo data and answers', async () => {
    const child = spawn(
      process.execPath,
      [path.resolve(__dirname, '../bin/sandbox.js')],
      {
        env: {
          ...process.env,
          SANDBOX_PORT: '0',
          SANDBOX_SEED: '5',
          SANDBOX_ACCELERATE: '60',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', chunk => {
          out += chunk;
          const found = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (found) resolve(found[1]);
        });
        child.stderr.on('data', chunk => (out += chunk));
        child.on('exit', code =>
          reject(new Error(`exited with ${code}: ${out}`)),
        );
      });
      const health = await httpGet(`${url}/_sandbox/health`);
      expect(health.status).toBe(200);
      const clusters = await httpGet(`${url}/virtualclusters`);
      expect(JSON.parse(clusters.text).virtualClusters).toHaveLength(2);
    } finally {
      child.kill('SIGTERM');
    }
  }, 30_000);
});
