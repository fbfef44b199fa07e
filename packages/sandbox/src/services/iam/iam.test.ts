import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  LimitExceededException,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  DeleteConflictException,
} from '@aws-sdk/client-iam';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
} from '@aws-sdk/client-sts';
import request from 'supertest';
import {
  errorOf,
  ListeningSandbox,
  listeningSandbox,
} from '../../__testUtils__/clients';
import { TRUST_POLICY_MAX_SIZE } from '.';

let env: ListeningSandbox;
let iam: IAMClient;

beforeAll(async () => {
  env = await listeningSandbox();
  iam = new IAMClient({ ...env.aws, maxAttempts: 1 });
});
afterAll(() => env.running.close());
beforeEach(() => env.sandbox.reset());

const OIDC =
  'oidc.eks.us-east-1.amazonaws.com/id/B3C9E1F47A2D8C6E0F5A9B1D3C7E4F28';
const trustPolicy = (extraConditions = 0) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: {
          Federated: `arn:aws:iam::123456789012:oidc-provider/${OIDC}`,
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringLike: {
            [`${OIDC}:sub`]: [
              'system:serviceaccount:data-team-c:emr-containers-sa-*-*-123456789012-*',
              ...Array.from(
                { length: extraConditions },
                (_, i) =>
                  `system:serviceaccount:data-team-c:sa-${i}-padding-padding-padding`,
              ),
            ],
          },
        },
      },
    ],
  });

const s3Policy = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Action: ['s3:GetObject'],
      Resource: 'arn:aws:s3:::analytics-data-team-c-code-123456789012/*',
    },
  ],
});

describe('IAM through @aws-sdk/client-iam', () => {
  it('creates and reads a role with path, tags and a URL-encoded trust policy', async () => {
    const created = await iam.send(
      new CreateRoleCommand({
        RoleName: 'emr-eks-data-team-c-job-execution',
        Path: '/emr/',
        AssumeRolePolicyDocument: trustPolicy(),
        Description: 'Job execution role of data-team-c',
        Tags: [{ Key: 'team', Value: 'data-team-c' }],
      }),
    );
    expect(created.Role).toMatchObject({
      RoleName: 'emr-eks-data-team-c-job-execution',
      Path: '/emr/',
      Arn: 'arn:aws:iam::123456789012:role/emr/emr-eks-data-team-c-job-execution',
      MaxSessionDuration: 3600,
      Tags: [{ Key: 'team', Value: 'data-team-c' }],
    });
    expect(created.Role?.RoleId).toMatch(/^AROA[A-Z2-7]{17}$/);
    expect(created.Role?.CreateDate).toEqual(new Date('2025-03-14T15:00:00Z'));
    const got = await iam.send(
      new GetRoleCommand({ RoleName: 'emr-eks-data-team-c-job-execution' }),
    );
    expect(
      JSON.parse(decodeURIComponent(got.Role!.AssumeRolePolicyDocument!)),
    ).toEqual(JSON.parse(trustPolicy()));
    expect(got.Role?.AssumeRolePolicyDocument).toContain('%22');
    expect(got.Role?.Description).toBe('Job execution role of data-team-c');
  });

  it('raises NoSuchEntity, EntityAlreadyExists, MalformedPolicyDocument with IAM status codes', async () => {
    const missing = await errorOf(
      iam.send(new GetRoleCommand({ RoleName: 'nope' })),
    );
    expect(missing).toBeInstanceOf(NoSuchEntityException);
    expect(missing.name).toBe('NoSuchEntityException');
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect(missing.message).toBe('The role with name nope cannot be found.');

    await iam.send(
      new CreateRoleCommand({
        RoleName: 'r1',
        AssumeRolePolicyDocument: trustPolicy(),
      }),
    );
    const dup = await errorOf(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'r1',
          AssumeRolePolicyDocument: trustPolicy(),
        }),
      ),
    );
    expect(dup).toBeInstanceOf(EntityAlreadyExistsException);
    expect(dup.$metadata.httpStatusCode).toBe(409);

    const notJson = await errorOf(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'r2',
          AssumeRolePolicyDocument: '{"Statement": [',
        }),
      ),
    );
    expect(notJson).toBeInstanceOf(MalformedPolicyDocumentException);
    expect(notJson.$metadata.httpStatusCode).toBe(400);
    const noPrincipal = await errorOf(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'r2',
          AssumeRolePolicyDocument: s3Policy,
        }),
      ),
    );
    expect(noPrincipal).toBeInstanceOf(MalformedPolicyDocumentException);

    const badName = await errorOf(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'bad name!',
          AssumeRolePolicyDocument: trustPolicy(),
        }),
      ),
    );
    expect(badName.name).toBe('ValidationError');
    expect(badName.$metadata.httpStatusCode).toBe(400);
  });

  it('sends the query-protocol error XML', async () => {
    const res = await request(env.sandbox.app)
      .post('/')
      .set(
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=AKID/20250314/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=x',
      )
      .type('form')
      .send('Action=GetRole&Version=2010-05-08&RoleName=ghost')
      .expect(404);
    expect(res.headers['content-type']).toBe('text/xml');
    expect(res.text).toMatch(
      /<ErrorResponse><Error><Type>Sender<\/Type><Code>NoSuchEntity<\/Code><Message>The role with name ghost cannot be found.<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/,
    );
  });

  it(`limits a trust policy to ${TRUST_POLICY_MAX_SIZE} characters (white space not counted)`, async () => {
    let n = 0;
    while (
      trustPolicy(n + 1).replace(/\s/g, '').length <= TRUST_POLICY_MAX_SIZE
    )
      n++;
    const fits = trustPolicy(n);
    const tooBig = trustPolicy(n + 1);
    expect(fits.length).toBeLessThanOrEqual(TRUST_POLICY_MAX_SIZE);
    expect(tooBig.length).toBeGreaterThan(TRUST_POLICY_MAX_SIZE);
    // Pretty-printed, the policy that fits is longer than the limit, and still fits.
    const pretty = JSON.stringify(JSON.parse(fits), null, 2);
    expect(pretty.length).toBeGreaterThan(TRUST_POLICY_MAX_SIZE);
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'fits',
        AssumeRolePolicyDocument: pretty,
      }),
    );
    const error = await errorOf(
      iam.send(
        new CreateRoleCommand({
          RoleName: 'too-big',
          AssumeRolePolicyDocument: tooBig,
        }),
      ),
    );
    expect(error).toBeInstanceOf(LimitExceededException);
    expect(error.message).toBe('Cannot exceed quota for ACLSizePerRole: 2048');
    const update = await errorOf(
      iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: 'fits',
          PolicyDocument: tooBig,
        }),
      ),
    );
    expect(update).toBeInstanceOf(LimitExceededException);
    await errorOf(iam.send(new GetRoleCommand({ RoleName: 'too-big' }))).then(
      e => expect(e).toBeInstanceOf(NoSuchEntityException),
    );
  });

  it('manages inline policies, tags, trust policy updates and refuses to delete a role with policies', async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: 'exec',
        AssumeRolePolicyDocument: trustPolicy(),
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'exec',
        PolicyName: 's3-code',
        PolicyDocument: s3Policy,
      }),
    );
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: 'exec',
        PolicyName: 'a-logs',
        PolicyDocument: s3Policy,
      }),
    );
    const names = await iam.send(
      new ListRolePoliciesCommand({ RoleName: 'exec' }),
    );
    expect(names.PolicyNames).toEqual(['a-logs', 's3-code']);
    expect(names.IsTruncated).toBe(false);
    const policy = await iam.send(
      new GetRolePolicyCommand({ RoleName: 'exec', PolicyName: 's3-code' }),
    );
    expect(JSON.parse(decodeURIComponent(policy.PolicyDocument!))).toEqual(
      JSON.parse(s3Policy),
    );
    const withPrincipal = await errorOf(
      iam.send(
        new PutRolePolicyCommand({
          RoleName: 'exec',
          PolicyName: 'p',
          PolicyDocument: trustPolicy(),
        }),
      ),
    );
    expect(withPrincipal).toBeInstanceOf(MalformedPolicyDocumentException);
    const missingPolicy = await errorOf(
      iam.send(
        new GetRolePolicyCommand({ RoleName: 'exec', PolicyName: 'nope' }),
      ),
    );
    expect(missingPolicy).toBeInstanceOf(NoSuchEntityException);

    await iam.send(
      new TagRoleCommand({
        RoleName: 'exec',
        Tags: [
          { Key: 'team', Value: 'c' },
          { Key: 'cost-center', Value: '42' },
        ],
      }),
    );
    await iam.send(
      new TagRoleCommand({
        RoleName: 'exec',
        Tags: [{ Key: 'team', Value: 'data-team-c' }],
      }),
    );
    const tags = await iam.send(new ListRoleTagsCommand({ RoleName: 'exec' }));
    expect(tags.Tags).toEqual([
      { Key: 'team', Value: 'data-team-c' },
      { Key: 'cost-center', Value: '42' },
    ]);

    const newTrust = trustPolicy().replace(
      'data-team-c:emr',
      'data-team-c:other',
    );
    await iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: 'exec',
        PolicyDocument: newTrust,
      }),
    );
    const role = await iam.send(new GetRoleCommand({ RoleName: 'exec' }));
    expect(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!)).toBe(
      newTrust,
    );

    const conflict = await errorOf(
      iam.send(new DeleteRoleCommand({ RoleName: 'exec' })),
    );
    expect(conflict).toBeInstanceOf(DeleteConflictException);
    expect(conflict.$metadata.httpStatusCode).toBe(409);
    await iam.send(
      new DeleteRolePolicyCommand({ RoleName: 'exec', PolicyName: 's3-code' }),
    );
    await iam.send(
      new DeleteRolePolicyCommand({ RoleName: 'exec', PolicyName: 'a-logs' }),
    );
    await iam.send(new DeleteRoleCommand({ RoleName: 'exec' }));
    expect(
      await errorOf(iam.send(new GetRoleCommand({ RoleName: 'exec' }))),
    ).toBeInstanceOf(NoSuchEntityException);
    expect(env.sandbox.stats.count('PutRolePolicy')).toBe(3);
  });

  it('answers injected throttling the way IAM does', async () => {
    env.sandbox.faults.set({
      throttleRate: 1,
      throttleStatus: 400,
      operations: ['GetRole'],
      count: 1,
    });
    const error = await errorOf(
      iam.send(new GetRoleCommand({ RoleName: 'x' })),
    );
    expect(error.name).toBe('Throttling');
    expect(env.sandbox.stats.snapshot().faults.GetRole.throttled).toBe(1);
  });
});

describe('STS through @aws-sdk/client-sts', () => {
  it('tells the caller, assumes a role and identifies the role session', async () => {
    const sts = new STSClient(env.aws);
    const me = await sts.send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: '123456789012',
      Arn: 'arn:aws:iam::123456789012:user/sandbox-user',
    });

    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'provisioner',
        AssumeRolePolicyDocument: trustPolicy(),
      }),
    );
    const assumed = await sts.send(
      new AssumeRoleCommand({
        RoleArn: Role!.Arn,
        RoleSessionName: 'backstage@scaffolder',
        DurationSeconds: 900,
      }),
    );
    expect(assumed.AssumedRoleUser).toEqual({
      Arn: 'arn:aws:sts::123456789012:assumed-role/provisioner/backstage@scaffolder',
      AssumedRoleId: `${Role!.RoleId}:backstage@scaffolder`,
    });
    expect(assumed.Credentials?.AccessKeyId).toMatch(/^ASIA/);
    expect(assumed.Credentials?.Expiration).toEqual(
      new Date('2025-03-14T15:15:00Z'),
    );

    const asRole = new STSClient({
      ...env.aws,
      credentials: {
        accessKeyId: assumed.Credentials!.AccessKeyId!,
        secretAccessKey: assumed.Credentials!.SecretAccessKey!,
        sessionToken: assumed.Credentials!.SessionToken!,
      },
    });
    const who = await asRole.send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe(
      'arn:aws:sts::123456789012:assumed-role/provisioner/backstage@scaffolder',
    );
  });

  it('validates RoleSessionName and refuses roles that do not exist', async () => {
    const sts = new STSClient({ ...env.aws, maxAttempts: 1 });
    const { Role } = await iam.send(
      new CreateRoleCommand({
        RoleName: 'provisioner',
        AssumeRolePolicyDocument: trustPolicy(),
      }),
    );
    for (const name of ['x', 'has space', 'a'.repeat(65)]) {
      const error = await errorOf(
        sts.send(
          new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: name }),
        ),
      );
      expect(error.name).toBe('ValidationError');
      expect(error.message).toContain("at 'roleSessionName'");
    }
    const denied = await errorOf(
      sts.send(
        new AssumeRoleCommand({
          RoleArn: 'arn:aws:iam::123456789012:role/ghost',
          RoleSessionName: 'ok',
        }),
      ),
    );
    expect(denied.name).toBe('AccessDenied');
    expect(denied.$metadata.httpStatusCode).toBe(403);
  });
});
