import { awsErrorFacts, mapAwsError } from '@emr-eks/plugin-emr-eks-node';

/**
 * The account and region a client calls.
 *
 * @public
 */
export interface AwsTarget {
  accountId: string;
  region: string;
}

/** The service each SDK client calls, as messages name it. */
const SERVICES: Record<string, string> = {
  IAMClient: 'IAM',
  EKSClient: 'EKS',
  S3Client: 'S3',
  EMRContainersClient: 'EMR on EKS',
  EMRServerlessClient: 'EMR Serverless',
};

/** The SDK error behind each mapped one, for call sites that handle one answer (not found). */
const sdkErrors = new WeakMap<object, unknown>();

/** The AWS SDK error a mapped error stands for; the error itself otherwise. */
export function sdkErrorOf(error: unknown): unknown {
  return (error && typeof error === 'object' && sdkErrors.get(error)) || error;
}

/** Whether an AWS answer was a page (HTML, plain text) rather than the API's JSON or XML. */
export function isNotAnAwsAnswer(error: unknown): boolean {
  return awsErrorFacts(sdkErrorOf(error)).notJson;
}

/** What a request is about, from the members that name a resource: `role x in 123…/us-east-1`. */
export function describeRequest(input: unknown, target: AwsTarget): string {
  const i = (input ?? {}) as Record<string, unknown>;
  const text = (key: string) =>
    typeof i[key] === 'string' ? (i[key] as string) : undefined;
  let resource: string | undefined;
  if (text('RoleName')) resource = `role ${text('RoleName')}`;
  else if (text('Bucket'))
    resource = `s3://${text('Bucket')}/${text('Key') ?? ''}`;
  else if (text('clusterName')) resource = `EKS cluster ${text('clusterName')}`;
  else if (text('virtualClusterId') && text('name'))
    resource = `'${text('name')}' on virtual cluster ${text(
      'virtualClusterId',
    )}`;
  else if (text('name')) resource = `'${text('name')}'`;
  else if (text('applicationId'))
    resource = `application ${text('applicationId')}`;
  else if (text('id')) resource = text('id');
  const where = `${target.accountId}/${target.region}`;
  return resource ? `${resource} in ${where}` : where;
}

/**
 * The error a failed AWS call surfaces as: the suite's one mapping (`mapAwsError`) to an
 * error from `@backstage/errors` or a gateway error, naming the service and the operation,
 * with no SDK text such as "Deserialization error". The SDK error stays reachable through
 * {@link sdkErrorOf}, so `isNotFound` and the like still read AWS's answer.
 */
export function awsCallError(
  error: unknown,
  call: { service: string; operation: string; what: string },
): unknown {
  const mapped = mapAwsError(error, call.what, {
    service: call.service,
    operation: call.operation,
  });
  if (mapped === error) {
    return error;
  }
  if (!mapped.message.includes(call.operation)) {
    mapped.message = `${mapped.message} (${call.service} ${call.operation})`;
  }
  sdkErrors.set(mapped, error);
  return mapped;
}

interface SdkClient {
  middlewareStack: { add(middleware: any, options: any): void };
}

/**
 * Makes every call of an AWS SDK client fail with {@link awsCallError}: added first in the
 * stack, so it sees what the SDK throws after its retries and deserialization.
 */
export function withMappedErrors<C extends SdkClient>(
  client: C,
  target: AwsTarget,
): C {
  client.middlewareStack.add(
    (
        next: (args: { input: unknown }) => Promise<unknown>,
        context: { clientName?: string; commandName?: string },
      ) =>
      async (args: { input: unknown }) => {
        try {
          return await next(args);
        } catch (error) {
          const clientName = context.clientName ?? 'AWS';
          throw awsCallError(error, {
            service: SERVICES[clientName] ?? clientName.replace(/Client$/, ''),
            operation: (context.commandName ?? 'call').replace(/Command$/, ''),
            what: describeRequest(args.input, target),
          });
        }
      },
    { step: 'initialize', name: 'emrEksMapAwsErrors', priority: 'high' },
  );
  return client;
}
