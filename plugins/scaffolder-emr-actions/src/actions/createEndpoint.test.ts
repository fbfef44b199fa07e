import { CreateManagedEndpointCommand } from '@aws-sdk/client-emr-containers';
import { createSandbox, DEMO } from '@emr-eks/sandbox';
import { DefaultClientFactory } from '../lib/clients';
import { testConfig } from '../__testUtils__/context';
import {
  EKS,
  provisionTenant,
  run,
  sandboxActions,
  TEAM_X,
  useSandbox,
  expectInvalid,
} from '../__testUtils__/sandbox';
import { waitForActive } from './createEndpoint';

const ID = 'emr:endpoint:create';

const endpoint = (tenant: { arn: string; role: string }) => ({
  virtualClusterArn: tenant.arn,
  name: 'team-x-notebooks',
  releaseLabel: 'emr-7.5.0-latest',
  executionRoleArn: tenant.role,
  owner: TEAM_X.owner,
});

describe('emr:endpoint:create', () => {
  const env = useSandbox();

  it('creates the endpoint and waits until it is ACTIVE', async () => {
    const actions = env.actions();
    const tenant = await provisionTenant(actions);
    const { done, outputs, log } = run(actions, ID, {
      ...endpoint(tenant),
      timeoutMinutes: 5,
    });
    await done;
    expect(outputs.serverUrl).toMatch(/^https:\/\//);
    expect(outputs.endpointId).toMatch(/^[0-9a-z]+$/);
    expect(log.text()).toMatch(/is ACTIVE at/);
    expect(env.sandbox.stats.count('CreateManagedEndpoint')).toBe(1);
  });

  it('deletes an endpoint that fails to come up, and says why', async () => {
    const actions = env.actions();
    const tenant = await provisionTenant(actions);
    const { done, log } = run(actions, ID, {
      ...endpoint(tenant),
      name: 'broken',
      tags: { 'sandbox:outcome': 'TERMINATED_WITH_ERRORS' },
    });
    await expect(done).rejects.toThrow(/is TERMINATED_WITH_ERRORS/);
    expect(log.text()).toMatch(/CLUSTER_UNAVAILABLE/);
    expect(log.text()).toMatch(/Rolled back: deleted managed endpoint broken/);
    // EMR already terminated it; deleting a terminated endpoint is an error there.
    expect(env.sandbox.stats.count('DeleteManagedEndpoint')).toBe(0);
    expect(log.text()).not.toContain('Rollback incomplete');
  });

  it('gives up waiting for an endpoint at the timeout', async () => {
    // Endpoints of this sandbox take minutes to come up, as on AWS.
    const slow = createSandbox({ seed: 5, accelerate: 1 });
    const slowRunning = await slow.listen(0);
    try {
      const tenant = await provisionTenant(sandboxActions(slowRunning.url));
      const { root, config } = testConfig({
        endpoint: slowRunning.url,
        eksClusterName: EKS,
      });
      const emr = await DefaultClientFactory.fromConfig(
        root,
        config,
      ).emrContainers({ accountId: DEMO.accountId, region: 'us-east-1' });
      const virtualClusterId = tenant.arn.split('/').pop()!;
      const created = await emr.send(
        new CreateManagedEndpointCommand({
          name: 'slow',
          virtualClusterId,
          type: 'JUPYTER_ENTERPRISE_GATEWAY',
          releaseLabel: 'emr-7.5.0-latest',
          executionRoleArn: `arn:aws:iam::${DEMO.accountId}:role/r`,
        }),
      );
      const logged: string[] = [];
      await expect(
        waitForActive(
          emr,
          { id: created.id!, virtualClusterId },
          {
            timeoutMs: 120,
            intervalMs: 20,
            maxIntervalMs: 40,
            log: m => logged.push(m),
          },
        ),
      ).rejects.toThrow(/was still CREATING after .* \(timeoutMinutes\)/);
      expect(logged.length).toBeGreaterThan(1);
      expect(logged[0]).toMatch(/is CREATING; checking again in/);
    } finally {
      await slowRunning.close();
    }
  });

  it('against the sandbox, a dry run writes nothing', async () => {
    const actions = env.actions();
    const tenant = await provisionTenant(actions);
    env.sandbox.stats.reset();
    const { done, log } = run(actions, ID, endpoint(tenant), {
      isDryRun: true,
    });
    await done;
    expect(log.text()).toContain('emr-containers:CreateManagedEndpoint');
    expect(env.writes()).toBe(0);
  });

  describe('validation errors name the field and call nothing', () => {
    const input = {
      virtualClusterArn:
        'arn:aws:emr-containers:us-east-1:123456789012:/virtualclusters/abc',
      name: 'nb',
      releaseLabel: 'emr-7.5.0-latest',
      executionRoleArn: 'arn:aws:iam::123456789012:role/r',
      owner: 'group:default/a',
    };
    it.each([
      [
        { ...input, releaseLabel: 'emr-7.5.0' },
        /releaseLabel: must be an EMR release label/,
      ],
      [
        { ...input, virtualClusterArn: 'not-an-arn' },
        /virtualClusterArn: must be an EMR on EKS virtual cluster ARN/,
      ],
      [
        {
          ...input,
          certificateArn: 'arn:aws:acm:us-east-1:123:certificate/x',
        },
        /certificateArn: must be an ACM certificate ARN/,
      ],
    ])('%j', (bad, message) => expectInvalid(ID, bad, message));
  });
});
