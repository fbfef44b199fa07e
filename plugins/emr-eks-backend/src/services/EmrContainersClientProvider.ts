import { EMRContainersClient } from '@aws-sdk/client-emr-containers';
import { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { EmrEksConfig } from '../config';
import { AwsAccountNotConfiguredError } from './awsErrors';

const USER_AGENT = 'backstage-plugin-emr-eks';

/** Where an emr-containers call goes: the account and region of the virtual cluster's ARN. */
export interface AwsTarget {
  accountId: string;
  region: string;
}

/**
 * Hands out one emr-containers client per account and region, with credentials
 * from the `aws` integration config and the endpoint override from `emrEks.endpoint`.
 */
export class EmrContainersClientProvider {
  readonly #clients = new Map<string, Promise<EMRContainersClient>>();

  constructor(
    private readonly credentialsManager: AwsCredentialsManager,
    private readonly config: EmrEksConfig,
  ) {}

  getClient(target: AwsTarget): Promise<EMRContainersClient> {
    const key = `${target.accountId}/${target.region}`;
    let client = this.#clients.get(key);
    if (!client) {
      client = this.#createClient(target);
      // A failed lookup (account not configured) is not remembered, so a config fix takes effect.
      client.catch(() => this.#clients.delete(key));
      this.#clients.set(key, client);
    }
    return client;
  }

  async #createClient({
    accountId,
    region,
  }: AwsTarget): Promise<EMRContainersClient> {
    let credentialProvider;
    try {
      credentialProvider = await this.credentialsManager.getCredentialProvider({
        accountId,
      });
    } catch (error) {
      throw new AwsAccountNotConfiguredError(accountId, error);
    }
    return new EMRContainersClient({
      region,
      endpoint: this.config.endpoint,
      credentials: credentialProvider.sdkCredentialProvider,
      customUserAgent: USER_AGENT,
      maxAttempts: this.config.maxAttempts,
      retryMode: 'standard',
    });
  }
}
