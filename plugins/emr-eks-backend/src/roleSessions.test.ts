import { mockCredentials } from '@backstage/backend-test-utils';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { sessionNameFor } from './services/EmrContainersClientProvider';
import { ALICE, startBackend } from './testing/backend';

const STS = 'http://sts.test';
const ROLE = `arn:aws:iam::${DEMO.accountId}:role/backstage-emr-eks`;
const KEYS: Record<string, string> = {
  'backstage-emr-eks': 'ASIAREADERREADERREAD',
  'backstage@alice': 'ASIAALICEALICEALICEA',
};

function assumeRoleResponse(accessKeyId: string) {
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${accessKeyId}</AccessKeyId>
      <SecretAccessKey>temporary-secret</SecretAccessKey>
      <SessionToken>temporary-token</SessionToken>
      <Expiration>2099-01-01T00:00:00Z</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::${DEMO.accountId}:assumed-role/backstage-emr-eks/session</Arn>
      <AssumedRoleId>AROAEXAMPLE:session</AssumedRoleId>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>
</AssumeRoleResponse>`;
}

describe('sessionNameFor', () => {
  it.each([
    ['user:default/alice', 'backstage@alice'],
    ['user:finance/jane.doe', 'backstage@finance.jane.doe'],
    ['user:default/Ünïcode name', 'backstage@-n-code-name'],
    [`user:default/${'x'.repeat(80)}`, `backstage@${'x'.repeat(54)}`],
  ])('%s → %s', (ref, name) => {
    expect(sessionNameFor(ref)).toBe(name);
    expect(name).toMatch(/^[\w+=,.@-]{2,64}$/);
  });
});

describe('the per-account role', () => {
  const sandbox = createSandbox({ seed: 5 });
  let running: Awaited<ReturnType<typeof sandbox.listen>>;
  const assumed: Array<{ session: string; role: string }> = [];
  const emrKeys: Array<{ method: string; key: string }> = [];
  const msw = setupServer(
    http.post(STS, async ({ request: req }) => {
      const form = new URLSearchParams(await req.text());
      expect(form.get('Action')).toBe('AssumeRole');
      const session = form.get('RoleSessionName')!;
      assumed.push({ session, role: form.get('RoleArn')! });
      return new HttpResponse(
        assumeRoleResponse(KEYS[session] ?? 'ASIAUNKNOWN'),
        {
          headers: { 'content-type': 'text/xml' },
        },
      );
    }),
  );
  msw.events.on('request:start', ({ request: req }) => {
    const credential = /Credential=([^/]+)\//.exec(
      req.headers.get('authorization') ?? '',
    );
    if (req.url.startsWith(running?.url ?? '-') && credential) {
      emrKeys.push({ method: req.method, key: credential[1] });
    }
  });

  beforeAll(async () => {
    msw.listen({ onUnhandledRequest: 'bypass' });
    running = await sandbox.listen(0);
  });
  afterAll(async () => {
    msw.close();
    await running.close();
  });

  it('reads as the plugin and writes as a session named after the user', async () => {
    const server = await startBackend({
      endpoint: running.url,
      config: {
        stsEndpoint: STS,
        accounts: [
          { accountId: DEMO.accountId, regions: [DEMO.region], roleArn: ROLE },
        ],
      },
    });
    const base = '/api/emr-eks/v1/entity/default/resource/team-a-emr';
    const auth = { Authorization: mockCredentials.user.header(ALICE) };

    const list = await request(server)
      .get(`${base}/job-runs`)
      .query({ states: ['PENDING', 'SUBMITTED', 'RUNNING'] })
      .set(auth);
    expect(list.status).toBe(200);
    expect(emrKeys.at(-1)).toEqual({
      method: 'GET',
      key: KEYS['backstage-emr-eks'],
    });

    const cancel = await request(server)
      .post(`${base}/job-runs/${list.body.items[0].id}/cancel`)
      .set(auth);
    expect(cancel.status).toBe(202);
    expect(emrKeys.at(-1)).toEqual({
      method: 'DELETE',
      key: KEYS['backstage@alice'],
    });
    expect(assumed).toEqual([
      { session: 'backstage-emr-eks', role: ROLE },
      { session: 'backstage@alice', role: ROLE },
    ]);
  });
});
