import {
  BackstageCredentials,
  CacheService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { DefaultAwsCredentialsManager } from '@backstage/integration-aws-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { mapAwsError } from '@emr-eks/plugin-emr-eks-node';
import { EmrEksConfig, readEmrEksConfig } from '../config';
import {
  AwsTarget,
  EmrContainersClientProvider,
} from './EmrContainersClientProvider';
import type { TargetDeps } from './entityTargets';
import { UpstreamCache } from './UpstreamCache';

/** What the EMR on EKS and EMR Serverless services are created with. */
export interface UpstreamServiceOptions {
  config: RootConfigService;
  catalog: CatalogService;
  permissions: PermissionsService;
  cache: CacheService;
  logger: LoggerService;
}

/** What both services are built from, read once from their options. */
export function upstreamContext(options: UpstreamServiceOptions): {
  config: EmrEksConfig;
  cache: UpstreamCache;
  clients: EmrContainersClientProvider;
  targets: TargetDeps;
} {
  const config = readEmrEksConfig(options.config);
  return {
    config,
    cache: new UpstreamCache(options.cache, config.cache.staleTtlMs),
    clients: new EmrContainersClientProvider(
      DefaultAwsCredentialsManager.fromConfig(options.config),
      config,
    ),
    targets: {
      catalog: options.catalog,
      permissions: options.permissions,
      accounts: config.accounts,
    },
  };
}

/** The signed-in user behind a request, if it is one. */
export function userOf(credentials: BackstageCredentials): string | undefined {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/** A write needs a signed-in user, so that AWS records who acted; a service may only read. */
export function requireSignedInUser(
  credentials: BackstageCredentials,
  permission: { name: string },
): string {
  const user = userOf(credentials);
  if (!user) {
    throw new NotAllowedError(
      `${permission.name} needs a signed-in user, so that AWS records who acted; a service may only read`,
    );
  }
  return user;
}

/** Where clients of one AWS API come from: shared for reads, as the user for writes. */
export interface ClientSource<C> {
  getClient(target: AwsTarget): Promise<C>;
  getClientForUser(target: AwsTarget, user: string | undefined): Promise<C>;
}

/** What a call is about, for its error: `what` names the thing asked for. */
export interface CallAbout {
  what: string;
  operation: string;
  /** The caller's page token, when the call carries one: AWS refusing it is a 400 naming it. */
  pageToken?: string;
}

/**
 * The calls of one AWS API for the resources entities name (a virtual cluster, an EMR
 * Serverless application), with what both APIs share: AWS errors mapped once into caller
 * errors, writes as the user that retire the resource's cached lists, and run details
 * cached briefly — or long once finished, as finished runs never change.
 */
export class UpstreamCalls<C, T extends AwsTarget & { arn: string }> {
  constructor(
    private readonly options: {
      clients: ClientSource<C>;
      cache: UpstreamCache;
      config: EmrEksConfig;
      logger: LoggerService;
      /** The API's name in messages; EMR on EKS unless said. */
      service?: string;
      /** The target in messages: "virtual cluster x in account/region". */
      describe: (target: T) => string;
    },
  ) {}

  /** Calls the API for `target`, as `user` for writes; AWS errors become caller errors. */
  async call<R>(
    target: T,
    about: CallAbout,
    fn: (client: C) => Promise<R>,
    user?: string,
  ): Promise<R> {
    const { clients, service, describe, logger } = this.options;
    try {
      const client = user
        ? await clients.getClientForUser(target, user)
        : await clients.getClient(target);
      return await fn(client);
    } catch (error) {
      const mapped = mapAwsError(error, `${about.what} (${describe(target)})`, {
        ...(service && { service }),
        operation: about.operation,
        ...(about.pageToken && { pageTokenParameter: 'nextToken' }),
      });
      logger.warn(`${service ?? 'EMR on EKS'} call failed: ${mapped.message}`);
      throw mapped;
    }
  }

  /**
   * A read kept a list TTL under the target's scope, answered from its last good copy
   * (marked stale) in an outage.
   */
  list<R extends object>(
    target: T,
    key: string,
    about: CallAbout,
    fn: (client: C) => Promise<R>,
  ): Promise<R> {
    const { cache, config } = this.options;
    return cache.readWithFallback(
      target.arn,
      key,
      () => this.call(target, about, fn),
      () => config.cache.listTtlMs,
    );
  }

  /** A write as `user`; afterwards the target's cached lists are retired. */
  async write<R>(
    target: T,
    about: Omit<CallAbout, 'pageToken'>,
    user: string | undefined,
    send: (client: C) => Promise<R>,
  ): Promise<R> {
    const result = await this.call(target, about, send, user);
    await this.options.cache.bump(target.arn);
    return result;
  }

  /**
   * A list TTL's worth of `key` under the target's scope: for reads, the last good copy
   * (marked stale) in an outage; `fresh` (a write's checks) a current copy or an error.
   */
  async read<R extends object>(
    scope: string,
    key: string,
    fetch: () => Promise<R>,
    options: { fresh?: boolean } = {},
  ): Promise<R> {
    const { cache, config } = this.options;
    const ttl = () => config.cache.listTtlMs;
    return options.fresh
      ? cache.read(await cache.scoped(scope, key), fetch, ttl)
      : cache.readWithFallback(scope, key, fetch, ttl);
  }

  /**
   * A job run's detail. Finished runs never change, so they are kept long; others briefly,
   * and a write on the target (a cancel) retires them at once. `fresh` skips the cache.
   */
  async run<R extends { state?: string }>(
    target: T,
    jobRunId: string,
    fetch: () => Promise<R>,
    isTerminal: (state: R['state']) => boolean,
    options: { fresh?: boolean } = {},
  ): Promise<R> {
    if (options.fresh) {
      return fetch();
    }
    const { cache, config } = this.options;
    const terminal = `${target.arn}:job-run:${jobRunId}`;
    const cached = await cache.peek<R>(terminal);
    if (cached) {
      return cached;
    }
    const run = await cache.read(
      await cache.scoped(target.arn, `job-run:${jobRunId}`),
      fetch,
      () => config.cache.listTtlMs,
    );
    if (isTerminal(run.state)) {
      await cache.keep(terminal, run, config.cache.terminalTtlMs);
    }
    return run;
  }
}

/** A page of a list answer: its items as the wire has them, and AWS's token when there is one. */
export function pageOf<S, W>(
  items: S[] | undefined,
  toWire: (item: S) => W,
  nextToken: string | undefined,
): { items: W[]; nextToken?: string } {
  return {
    items: (items ?? []).map(toWire),
    ...(nextToken && { nextToken }),
  };
}

/** A wire timestamp as the SDK takes it. */
export function toDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
