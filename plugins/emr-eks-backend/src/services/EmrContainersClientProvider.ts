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
 * Hands out emr-containers clients for an account and region, with credentials from the
 * `aws` integration config, optionally through a role this plugin assumes in that account,
 * and the endpoint override from `emrEks.endpoint`.
 */
export class EmrContainersClientProvider {
  readonly #readClients = new Map<string, Promise<EMRContainersClient>>();
  readonly #overrides: Map<string, AccountOverride>;

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly config: EmrEksConfig,
  ) {
    this.#overrides = new Map(config.accounts.map(a => [a.accountId, a]));
  }

  /** The shared client for reads; one per account and region. */
  getClient(target: AwsTarget): Promise<EMRContainersClient> {
    const key = `${target.accountId}/${target.region}`;
    let client = this.#readClients.get(key);
    if (!client) {
      client = this.#createClient(target, READ_SESSION_NAME);
      // A failed lookup (account not configured) is not remembered, so a config fix takes effect.
      client.catch(() => this.#readClients.delete(key));
      this.#readClients.set(key, client);
    }
    return client;
  }

  /**
   * A client for one write on behalf of a user. When the account has a role override,
   * the role session is named after the user, which CloudTrail records.
   */
  getClientForUser(
    target: AwsTarget,
    userEntityRef: string | undefined,
  ): Promise<EMRContainersClient> {
    if (!this.#overrides.get(target.accountId)?.roleArn || !userEntityRef) {
      return this.getClient(target);
    }
    return this.#createClient(target, sessionNameFor(userEntityRef));
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

  async #createClient(
    target: AwsTarget,
    sessionName: string,
  ): Promise<EMRContainersClient> {
    return new EMRContainersClient(
      emrEksClientOptions({
        region: target.region,
        credentials: await this.credentialsFor(target, sessionName),
        endpoint: this.config.endpoint,
        maxAttempts: this.config.maxAttempts,
        component: 'backend',
      }),
    );
  }
}
