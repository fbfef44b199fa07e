import { EMRContainersClient } from '@aws-sdk/client-emr-containers';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { AccountOverride, EmrEksConfig } from '../config';
import {
  AwsAccountNotConfiguredError,
  emrEksClientOptions,
} from '@emr-eks/plugin-emr-eks-node';

const READ_SESSION_NAME = 'backstage-emr-eks';

/** Where an emr-containers call goes: the account and region of the virtual cluster's ARN. */
export interface AwsTarget {
  accountId: string;
  region: string;
}

/**
 * Turns a Backstage user entity ref into an STS role session name
 * (2–64 characters of `[\w+=,.@-]`), e.g. `user:default/jane.doe` → `backstage@jane.doe`.
 */
export function sessionNameFor(userEntityRef: string): string {
  const match = /^user:(?:([^/]+)\/)?(.+)$/.exec(userEntityRef);
  const [namespace, name] = match
    ? [match[1], match[2]]
    : [undefined, userEntityRef];
  const who =
    namespace && namespace !== 'default' ? `${namespace}.${name}` : name;
  return `backstage@${who}`.replace(/[^\w+=,.@-]/g, '-').slice(0, 64);
}

/**
 * The clients of one AWS service: shared per account and region for reads (a failed one is
 * forgotten, so a config fix takes effect), and one per write under a role session named
 * after the user where the account has a role override.
 */
export class AwsClients<C> {
  readonly #readClients = new Map<string, Promise<C>>();

  constructor(
    private readonly credentials: Pick<
      EmrContainersClientProvider,
      'credentialsFor' | 'hasUserSessions'
    >,
    private readonly create: (
      target: AwsTarget,
      credentials: AwsCredentialIdentityProvider,
    ) => C,
  ) {}

  getClient(target: AwsTarget): Promise<C> {
    const key = `${target.accountId}/${target.region}`;
    let client = this.#readClients.get(key);
    if (!client) {
      client = this.#createClient(target, READ_SESSION_NAME);
      client.catch(() => this.#readClients.delete(key));
      this.#readClients.set(key, client);
    }
    return client;
  }

  getClientForUser(
    target: AwsTarget,
    userEntityRef: string | undefined,
  ): Promise<C> {
    if (
      !userEntityRef ||
      !this.credentials.hasUserSessions(target.accountId, userEntityRef)
    ) {
      return this.getClient(target);
    }
    return this.#createClient(target, sessionNameFor(userEntityRef));
  }

  async #createClient(target: AwsTarget, sessionName: string): Promise<C> {
    return this.create(
      target,
      await this.credentials.credentialsFor(target, sessionName),
    );
  }
}

/**
 * Hands out emr-containers clients for an account and region, with credentials from the
 * `aws` integration config, optionally through a role this plugin assumes in that account,
 * and the endpoint override from `emrEks.endpoint`.
 */
export class EmrContainersClientProvider {
  readonly #overrides: Map<string, AccountOverride>;
  readonly #containers: AwsClients<EMRContainersClient>;

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly config: EmrEksConfig,
  ) {
    this.#overrides = new Map(config.accounts.map(a => [a.accountId, a]));
    this.#containers = this.clientsOf(
      (target, credentials) =>
        new EMRContainersClient(
          emrEksClientOptions({
            region: target.region,
            credentials,
            endpoint: this.config.endpoint,
            maxAttempts: this.config.maxAttempts,
            component: 'backend',
          }),
        ),
    );
  }

  /** The shared client for reads; one per account and region. */
  getClient(target: AwsTarget): Promise<EMRContainersClient> {
    return this.#containers.getClient(target);
  }

  /**
   * A client for one write on behalf of a user. When the account has a role override,
   * the role session is named after the user, which CloudTrail records.
   */
  getClientForUser(
    target: AwsTarget,
    userEntityRef: string | undefined,
  ): Promise<EMRContainersClient> {
    return this.#containers.getClientForUser(target, userEntityRef);
  }

  /** Clients of another AWS service (EMR Serverless), with the same credentials and sessions. */
  clientsOf<C>(
    create: (
      target: AwsTarget,
      credentials: AwsCredentialIdentityProvider,
    ) => C,
  ): AwsClients<C> {
    return new AwsClients(this, create);
  }

  /**
   * Credentials for a call in `target`: the account's from the `aws` integration config,
   * through the account's role override when there is one, as a role session named
   * `sessionName`. Shared with the other AWS clients of the plugin (EMR Serverless).
   */
  async credentialsFor(
    { accountId, region }: AwsTarget,
    sessionName: string = READ_SESSION_NAME,
  ): Promise<AwsCredentialIdentityProvider> {
    let credentials: AwsCredentialIdentityProvider;
    try {
      const provider = await this.credentialsManager.getCredentialProvider({
        accountId,
      });
      credentials = provider.sdkCredentialProvider;
    } catch (error) {
      throw new AwsAccountNotConfiguredError(accountId, error);
    }
    const override = this.#overrides.get(accountId);
    if (override?.roleArn) {
      const masterCredentials = credentials;
      credentials = fromTemporaryCredentials({
        masterCredentials,
        params: {
          RoleArn: override.roleArn,
          RoleSessionName: sessionName,
          ExternalId: override.externalId,
          DurationSeconds: 900,
        },
        clientConfig: emrEksClientOptions({
          region,
          credentials: masterCredentials,
          endpoint: this.config.stsEndpoint,
          maxAttempts: this.config.maxAttempts,
          component: 'backend',
        }),
      });
    }
    return credentials;
  }

  /** Whether writes by `userEntityRef` in the account get a role session of their own. */
  hasUserSessions(accountId: string, userEntityRef?: string): boolean {
    return Boolean(this.#overrides.get(accountId)?.roleArn && userEntityRef);
  }
}
