import { mockCredentials } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { ALICE, sandboxKubernetes, startBackend } from '../testing/backend';

/*
 * The local portal's demo template (examples/spark-application-template.json, saved for
 * data-team-a by scripts/seed-demo.sh) is one the backend accepts, and one that starts and
 * runs to its end in the sandbox's demo namespace as it is seeded: no namespace
 * annotations, so the default service account.
 */

const DEMO_TEMPLATE = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../../../examples/spark-application-template.json'),
    'utf8',
  ),
);
const A = '/api/emr-eks/v1/entity/default/resource/team-a-emr';
const as = { Authorization: mockCredentials.user.header(ALICE) };

describe("the local portal's demo Spark application template", () => {
  const sandbox = createSandbox({ seed: 11 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    running = await sandbox.listen(0);
    server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
      permission: 'owner-writes',
      rootConfig: sandboxKubernetes(running.url),
      // As app-config.yaml has it.
      config: {
        sparkApplications: {
          imageAccounts: [{ region: DEMO.region, accountId: '755674844232' }],
        },
      },
    });
  });
  afterAll(() => running.close());

  it('is saved, starts in data-team-a with the default service account, and runs to its end', async () => {
    const saved = await request(server)
      .post(`${A}/spark-application-templates`)
      .set(as)
      .send(DEMO_TEMPLATE);
    expect(saved.status).toBe(201);

    const started = await request(server)
      .post(`${A}/spark-applications`)
      .set(as)
      .send({ template: DEMO_TEMPLATE.name });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      namespace: 'data-team-a',
      serviceAccount: 'emr-job-execution-sa',
    });

    sandbox.clock.advance(2 * 60 * 60_000);
    const detail = await request(server)
      .get(`${A}/spark-applications/${started.body.id}`)
      .set(as);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      kind: 'spark-operator',
      emrRuntimeImage: true,
      serviceAccount: 'emr-job-execution-sa',
      mainClass: 'ValueZones',
    });
    expect(['COMPLETED', 'FAILED']).toContain(detail.body.state);
    expect(detail.body.driverPod).toBeTruthy();
  });
});
