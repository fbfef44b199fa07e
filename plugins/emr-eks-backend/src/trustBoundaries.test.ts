import { mockCredentials } from '@backstage/backend-test-utils';
import { JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG } from '@emr-eks/plugin-emr-eks-common';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import request from 'supertest';
import {
  ALICE,
  BOB,
  SANDBOX_ACCOUNTS,
  startBackend,
  teamA,
  pastOneMillisecondTtl,
  teamB,
} from './testing/backend';

const entity = (name: string) =>
  `/api/emr-eks/v1/entity/default/resource/${name}`;
const auth = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const A = 'group:default/data-team-a';
const B = 'group:default/data-team-b';

const sandbox = createSandbox({ seed: 31 });
let running: Awaited<ReturnType<typeof sandbox.listen>>;

beforeAll(async () => {
  running = await sandbox.listen(0);
});
afterAll(() => running.close());
beforeEach(() => sandbox.reset());

function activeRun(virtualClusterId: string) {
  return sandbox.emrContainers.listJobRuns(virtualClusterId, {
    states: ['PENDING', 'SUBMITTED', 'RUNNING'],
  })[0].run.id;
}

function finishedRun(virtualClusterId: string) {
  return sandbox.emrContainers.listJobRuns(virtualClusterId, {
    states: ['COMPLETED', 'FAILED'],
  })[0].run.id;
}

/** A value for every parameter of a template, so a start is valid. */
function startBody(templateId: string) {
  const template = sandbox.emrContainers.getJobTemplate(templateId)!;
  const params = template.jobTemplateData.parameterConfiguration ?? {};
  return {
    jobTemplateId: templateId,
    jobTemplateParameters: Object.fromEntries(
      Object.entries(params).map(([name, conf]) => [
        name,
        conf.type === 'NUMBER' ? '3' : '2026-11-20',
      ]),
    ),
  };
}

const writeCalls = () =>
  sandbox.stats.count('StartJobRun') +
  sandbox.stats.count('CancelJobRun') +
  sandbox.stats.count('DeleteManagedEndpoint');

/** The four writes on an entity's virtual cluster, as `user`. */
function writes(
  server: Parameters<typeof request>[0],
  name: string,
  user: string,
  vcId: string,
  templateId: string,
) {
  return {
    start: () =>
      request(server)
        .post(`${entity(name)}/job-runs`)
        .set(auth(user))
        .send(startBody(templateId)),
    rerun: () =>
      request(server)
        .post(`${entity(name)}/job-runs/${finishedRun(vcId)}/rerun`)
        .set(auth(user)),
    cancel: () =>
      request(server)
        .post(`${entity(name)}/job-runs/${activeRun(vcId)}/cancel`)
        .set(auth(user)),
    delete: () =>
      request(server)
        .delete(
          `${entity(name)}/endpoints/${
            vcId === teamA.id
              ? DEMO.managedEndpoints['data-team-a'].active.id
              : DEMO.managedEndpoints['data-team-b'].active.id
          }`,
        )
        .set(auth(user)),
  };
}

const teamATemplate = DEMO.jobTemplates['data-team-a']['daily-sales-etl'].id;
const teamBTemplate =
  DEMO.jobTemplates['data-team-b']['clickstream-sessionize'].id;

describe('writes need the entity owner to own the virtual cluster', () => {
  it('refuses every write through an entity of data-team-a that names data-team-b’s cluster, though the policy allows its owner', async () => {
    const server = await startBackend({
      endpoint: running.url,
      permission: 'owner-writes',
      visibleTo: 'everyone',
    });
    const shadow = writes(
      server,
      'shadow-of-team-b',
      ALICE,
      teamB.id,
      teamBTemplate,
    );
    for (const [what, write] of Object.entries(shadow)) {
      const res = await write();
      expect({ what, status: res.status }).toEqual({ what, status: 403 });
      expect(res.body.error.message).toBe(
        `virtual cluster ${teamB.id} is tagged for ${B}, not this entity's owner ${A}`,
      );
    }
    expect(writeCalls()).toBe(0);

    // Reads are the policy's business, and it lets everyone signed in read.
    const read = await request(server)
      .get(`${entity('shadow-of-team-b')}/job-runs`)
      .set(auth(ALICE));
    expect(read.status).toBe(200);
    expect(read.body.items[0].virtualClusterId).toBe(teamB.id);
  });

  it('lets the virtual cluster’s owners write through their own entity', async () => {
    const server = await startBackend({
      endpoint: running.url,
      permission: 'owner-writes',
      visibleTo: 'everyone',
    });
    const own = writes(server, 'team-b-emr', BOB, teamB.id, teamBTemplate);
    expect((await own.start()).status).toBe(201);
    expect((await own.rerun()).status).toBe(201);
    expect((await own.cancel()).status).toBe(202);
    expect((await own.delete()).status).toBe(202);
    expect(sandbox.stats.count('StartJobRun')).toBe(2);

    // A relative owner (`data-team-a`) is read in the entity's namespace, as the catalog does.
    const relative = writes(
      server,
      'team-a-relative-owner',
      ALICE,
      teamA.id,
      teamATemplate,
    );
    expect((await relative.cancel()).status).toBe(202);
  });

  it('takes the owner from emrEks.ownership.virtualClusters over the AWS tag', async () => {
    const server = await startBackend({
      endpoint: running.url,
      permission: 'owner-writes',
      visibleTo: 'everyone',
      config: {
        accounts: SANDBOX_ACCOUNTS,
        ownership: {
          virtualClusters: [{ arn: teamB.arn, owner: 'data-team-a' }],
        },
      },
    });
    const viaShadow = writes(
      server,
      'shadow-of-team-b',
      ALICE,
      teamB.id,
      teamBTemplate,
    );
    expect((await viaShadow.cancel()).status).toBe(202);

    const res = await writes(
      server,
      'team-b-emr',
      BOB,
      teamB.id,
      teamBTemplate,
    ).cancel();
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `virtual cluster ${teamB.id} is owned by ${A} (emrEks.ownership.virtualClusters), not this entity's owner ${B}`,
    );
  });

  it('refuses writes on an untagged virtual cluster, and still serves reads', async () => {
    delete sandbox.emrContainers.tagsOf(teamA.arn)!.team;
    const server = await startBackend({ endpoint: running.url });
    const own = writes(server, 'team-a-emr', ALICE, teamA.id, teamATemplate);
    for (const [what, write] of Object.entries(own)) {
      const res = await write();
      expect({ what, status: res.status }).toEqual({ what, status: 403 });
      expect(res.body.error.message).toBe(
        `virtual cluster ${teamA.id} has no 'team' tag and no owner in emrEks.ownership.virtualClusters; writes are refused`,
      );
    }
    expect(writeCalls()).toBe(0);
    for (const path of [
      'job-runs',
      'virtual-cluster',
      'endpoints',
      'summary',
    ]) {
      const read = await request(server)
        .get(`${entity('team-a-emr')}/${path}`)
        .set(auth(ALICE));
      expect({ path, status: read.status }).toEqual({ path, status: 200 });
    }
  });

  it('reads the tag again once the list TTL has passed, so a retagged cluster is not written on', async () => {
    const server = await startBackend({
      endpoint: running.url,
      config: {
        accounts: SANDBOX_ACCOUNTS,
        cache: { listTtl: { milliseconds: 1 } },
      },
    });
    const own = writes(server, 'team-a-emr', ALICE, teamA.id, teamATemplate);
    expect((await own.cancel()).status).toBe(202);

    sandbox.emrContainers.tagsOf(teamA.arn)!.team = 'data-team-b';
    await pastOneMillisecondTtl();
    const res = await own.cancel();
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(`is tagged for ${B}`);
  });

  it('refuses writes by a service principal even when the policy allows them', async () => {
    const server = await startBackend({
      endpoint: running.url,
      visibleTo: 'everyone',
    });
    const res = await request(server)
      .post(`${entity('team-a-emr')}/job-runs/${activeRun(teamA.id)}/cancel`)
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('needs a signed-in user');
    expect(writeCalls()).toBe(0);
  });
});

describe('only configured accounts and regions', () => {
  it.each([
    [
      'an account not in emrEks.accounts',
      'other-account',
      'virtual cluster arn:aws:emr-containers:eu-west-1:999999999999:/virtualclusters/abc is in account 999999999999, which is not configured for EMR on EKS (emrEks.accounts)',
    ],
    [
      'a region not listed for the account',
      'other-region',
      `virtual cluster arn:aws:emr-containers:ap-south-1:${DEMO.accountId}:/virtualclusters/${teamA.id} is in region ap-south-1, which is not configured for account ${DEMO.accountId} (emrEks.accounts[0].regions)`,
    ],
  ])(
    'refuses %s with a 400, and AWS is never called',
    async (_what, name, message) => {
      const server = await startBackend({ endpoint: running.url });
      const calls = [
        request(server).get(`${entity(name)}/job-runs`),
        request(server).get(`${entity(name)}/virtual-cluster`),
        request(server).get(`${entity(name)}/job-templates/${teamATemplate}`),
        request(server).post(
          `${entity(name)}/job-runs/${activeRun(teamA.id)}/cancel`,
        ),
        request(server).delete(
          `${entity(name)}/endpoints/${
            DEMO.managedEndpoints['data-team-a'].active.id
          }`,
        ),
      ];
      for (const call of calls) {
        const res = await call.set(auth(ALICE));
        expect(res.status).toBe(400);
        expect(res.body.error).toMatchObject({ name: 'InputError', message });
      }
      expect(sandbox.stats.snapshot().total).toBe(0);
    },
  );

  it('serves every configured region of the account', async () => {
    const server = await startBackend({ endpoint: running.url });
    const eu = DEMO.secondaryRegion.virtualClusters['data-team-b'];
    const res = await request(server)
      .get(`${entity('team-b-eu-emr')}/virtual-cluster`)
      .set(auth(ALICE));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: eu.id, arn: eu.arn });
  });
});

describe('job templates by id', () => {
  /** A data-team-a template tied to data-team-b's virtual cluster. */
  function addBoundTemplate() {
    const base = sandbox.emrContainers.getJobTemplate(teamATemplate)!;
    const id = 't9z9z9z9z9z9z9z9z9z9z9z9a';
    sandbox.emrContainers.addJobTemplate({
      ...base,
      id,
      arn: base.arn.replace(base.id, id),
      clientToken: 'bound-to-team-b',
      tags: {
        team: 'data-team-a',
        [JOB_TEMPLATE_VIRTUAL_CLUSTER_TAG]: teamB.id,
      },
    });
    return id;
  }

  it.each([
    ['another team’s template', () => teamBTemplate],
    ['a template bound to another virtual cluster', addBoundTemplate],
  ])('neither describes nor starts %s (404)', async (_what, templateOf) => {
    const templateId = templateOf();
    const server = await startBackend({ endpoint: running.url });
    const message = `job template ${templateId} is not offered on virtual cluster ${teamA.id}`;

    const described = await request(server)
      .get(`${entity('team-a-emr')}/job-templates/${templateId}`)
      .set(auth(ALICE));
    expect(described.status).toBe(404);
    expect(described.body.error).toMatchObject({
      name: 'NotFoundError',
      message,
    });

    const started = await request(server)
      .post(`${entity('team-a-emr')}/job-runs`)
      .set(auth(ALICE))
      .send(startBody(templateId));
    expect(started.status).toBe(404);
    expect(started.body.error.message).toBe(message);
    expect(sandbox.stats.count('StartJobRun')).toBe(0);

    // The same template is offered on the cluster it belongs to.
    const own = await request(server)
      .get(`${entity('team-a-emr')}/job-templates/${teamATemplate}`)
      .set(auth(ALICE));
    expect(own.status).toBe(200);
  });
});
