import { InputError } from '@backstage/errors';
import { AwsUpstreamError } from '@emr-eks/plugin-emr-eks-node';
import {
  html,
  iamError,
  iamXml,
  json,
  jsonError,
  StandInAnswer,
  startAwsStandIn,
} from '@emr-eks/plugin-emr-eks-node/testing';
import {
  ACCOUNT,
  mockContext,
  testAuthorizer,
  testConfig,
} from '../__testUtils__/context';
import { DefaultClientFactory } from '../lib/clients';
import { createJobTemplateAction } from './createJobTemplate';

// Every failing AWS call surfaces as a Backstage error naming the service, the operation and,
// for an answer that is not the API's, the HTTP status: never the SDK's SyntaxError with its
// "Deserialization error", never an HTML 404 read as "does not exist".
const VC_ID = 'abc123';
const ROLE = 'emr-eks-data-team-a-exec';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const input = {
  virtualClusterArn: `arn:aws:emr-containers:us-east-1:${ACCOUNT}:/virtualclusters/${VC_ID}`,
  name: 'nightly',
  releaseLabel: 'emr-7.5.0-latest',
  executionRoleArn: ROLE_ARN,
  entryPoint: 's3://code/job.py',
  owner: 'group:default/data-team-a',
};

const virtualCluster = json({
  virtualCluster: {
    id: VC_ID,
    name: 'data-team-a',
    arn: input.virtualClusterArn,
    state: 'RUNNING',
    tags: { team: 'data-team-a' },
  },
});
const role = iamXml(
  'GetRole',
  `<Role><Path>/</Path><RoleName>${ROLE}</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>${ROLE_ARN}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate><Tags><member><Key>team</Key><Value>data-team-a</Value></member></Tags></Role>`,
);

describe('AWS failures in the actions', () => {
  let answers: Record<string, StandInAnswer>;
  let standIn: Awaited<ReturnType<typeof startAwsStandIn>>;

  beforeAll(async () => {
    standIn = await startAwsStandIn(
      request => answers[request.operation] ?? html(500),
    );
  });
  afterAll(() => standIn.close());

  async function createJobTemplate(overrides: Record<string, StandInAnswer>) {
    answers = {
      DescribeVirtualCluster: virtualCluster,
      GetRole: role,
      ListJobTemplates: json({ templates: [] }),
      ...overrides,
    };
    const { root, config } = testConfig({ endpoint: standIn.url });
    const action = createJobTemplateAction({
      config,
      clients: DefaultClientFactory.fromConfig(root, config),
      authorizer: testAuthorizer(),
    });
    const { ctx, log } = mockContext(input);
    const error = (await action.handler(ctx as any).then(
      () => undefined,
      (e: Error) => e,
    )) as Error;
    expect(error).toBeDefined();
    // Nothing of the SDK's internals reaches the user, in the error or the task log.
    for (const text of [`${error.name}: ${error.message}`, log.text()]) {
      expect(text).not.toMatch(/Deserialization|SyntaxError|\$response/);
    }
    return error;
  }

  it.each<[string, StandInAnswer, Function, string]>([
    [
      'an HTML 502 from a proxy',
      html(502),
      AwsUpstreamError,
      `the EMR on EKS endpoint answered HTTP 502 to CreateJobTemplate for 'nightly' in ${ACCOUNT}/us-east-1, not JSON`,
    ],
    [
      'a 200 whose body is not JSON',
      {
        status: 200,
        body: 'created',
        headers: { 'content-type': 'text/plain' },
      },
      AwsUpstreamError,
      `the EMR on EKS endpoint answered HTTP 200 to CreateJobTemplate for 'nightly' in ${ACCOUNT}/us-east-1, not JSON`,
    ],
    [
      'an HTML 404 from an endpoint without the operation',
      html(404),
      AwsUpstreamError,
      `the EMR on EKS endpoint answered HTTP 404 to CreateJobTemplate for 'nightly' in ${ACCOUNT}/us-east-1, not JSON (not supported there?)`,
    ],
    [
      'a code no AWS API has, with an odd status',
      jsonError(418, 'TeapotException', "I'm a teapot"),
      AwsUpstreamError,
      `EMR on EKS failed for 'nightly' in ${ACCOUNT}/us-east-1: TeapotException, HTTP 418: I'm a teapot (EMR on EKS CreateJobTemplate)`,
    ],
    [
      'a validation error',
      jsonError(400, 'ValidationException', 'jobDriver is required'),
      InputError,
      'EMR on EKS rejected the request: jobDriver is required (EMR on EKS CreateJobTemplate)',
    ],
  ])('CreateJobTemplate answering %s', async (_, answer, type, message) => {
    const error = await createJobTemplate({ CreateJobTemplate: answer });
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(standIn.count('CreateJobTemplate')).toBeGreaterThan(0);
  });

  it("reads IAM's HTML 404 as the endpoint's answer, not as a missing role", async () => {
    const error = await createJobTemplate({ GetRole: html(404) });
    expect(error).toBeInstanceOf(AwsUpstreamError);
    expect(error.message).toBe(
      `the IAM endpoint answered HTTP 404 to GetRole for role ${ROLE} in ${ACCOUNT}/us-east-1, not JSON (not supported there?)`,
    );
  });

  it('names IAM and GetRole when IAM refuses the credentials, without its text', async () => {
    const error = await createJobTemplate({
      GetRole: iamError(
        403,
        'AccessDenied',
        'User arn:aws:sts::123456789012:assumed-role/portal is not authorized',
      ),
    });
    expect(error).toBeInstanceOf(AwsUpstreamError);
    expect(error.message).toBe(
      `AWS refused the credentials Backstage uses for role ${ROLE} in ${ACCOUNT}/us-east-1 (AccessDenied); check the aws integration config and the IAM policy (IAM GetRole)`,
    );
  });

  it('keeps the specific answers: a role IAM does not have is named in the field', async () => {
    const error = await createJobTemplate({
      GetRole: iamError(
        404,
        'NoSuchEntity',
        `The role ${ROLE} cannot be found`,
      ),
    });
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(
      `Invalid input: executionRoleArn: role ${ROLE} does not exist in account ${ACCOUNT}`,
    );
  });
});
