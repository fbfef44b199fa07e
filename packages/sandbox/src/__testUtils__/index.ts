import http from 'node:http';
import request from 'supertest';
import { Clock, manualClock } from '../clock';
import { DEMO } from '../demo';
import { createSandbox, Sandbox, SandboxOptions } from '../sandbox';

/** A fixed "now" for tests: a Friday afternoon, UTC. */
export const T0 = Date.parse('2025-03-14T15:00:00Z');
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const TEAM_A = DEMO.virtualClusters['data-team-a'];
export const TEAM_B = DEMO.virtualClusters['data-team-b'];

export const jobRunsPath = (virtualClusterId: string = TEAM_A.id) =>
  `/virtualclusters/${virtualClusterId}/jobruns`;

export interface TestSandbox {
  sandbox: Sandbox;
  clock: Clock;
  api: ReturnType<typeof request>;
}

/** A sandbox on a frozen clock at T0, with supertest bound to its app. */
export function testSandbox(options: SandboxOptions = {}): TestSandbox {
  const clock = options.clock ?? manualClock(T0);
  const sandbox = createSandbox({ seed: 7, ...options, clock });
  return { sandbox, clock, api: request(sandbox.app) };
}

/** A valid StartJobRun body for data-team-a. */
export function startBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'adhoc-test-run',
    clientToken: `token-${Math.random().toString(36).slice(2)}`,
    executionRoleArn: TEAM_A.executionRoleArn,
    releaseLabel: 'emr-7.1.0-latest',
    jobDriver: {
      sparkSubmitJobDriver: {
        entryPoint:
          's3://analytics-data-team-a-code-123456789012/jobs/adhoc/main.py',
        sparkSubmitParameters: '--conf spark.executor.instances=2',
      },
    },
    configurationOverrides: {
      monitoringConfiguration: {
        cloudWatchMonitoringConfiguration: {
          logGroupName: TEAM_A.logGroupName,
        },
        s3MonitoringConfiguration: { logUri: TEAM_A.logUri },
      },
    },
    ...overrides,
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Plain node:http GET (global fetch is blocked in Backstage's jest setup). */
export function httpGet(url: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    http
      .get(url, res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (text += chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text }),
        );
      })
      .on('error', reject);
  });
}

/** An Authorization header signed (in form only) for `region`. */
export function signedFor(region: string, service = 'emr-containers'): string {
  return `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250314/${region}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=deadbeef`;
}

/** Path of the tag APIs for an ARN, URL-encoded the way the SDK sends it. */
export const tagsPath = (arn: string) => `/tags/${encodeURIComponent(arn)}`;

/** The demo templates and endpoints of data-team-a. */
export const TEMPLATES_A = DEMO.jobTemplates['data-team-a'];
export const TEMPLATES_B = DEMO.jobTemplates['data-team-b'];
export const ENDPOINTS_A = DEMO.managedEndpoints['data-team-a'];
export const ENDPOINTS_B = DEMO.managedEndpoints['data-team-b'];

/** A valid CreateManagedEndpoint body for data-team-a. */
export function endpointBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'notebooks-test',
    type: 'JUPYTER_ENTERPRISE_GATEWAY',
    releaseLabel: 'emr-7.1.0-latest',
    executionRoleArn: TEAM_A.executionRoleArn,
    clientToken: `token-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
}

/** A valid CreateJobTemplate body. */
export function templateBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'test-template',
    clientToken: `token-${Math.random().toString(36).slice(2)}`,
    jobTemplateData: {
      executionRoleArn: TEAM_A.executionRoleArn,
      releaseLabel: '${ReleaseLabel}',
      jobDriver: {
        sparkSubmitJobDriver: {
          entryPoint: '${EntryPoint}',
          entryPointArguments: ['--day', '${Day}'],
          sparkSubmitParameters: '--conf spark.executor.instances=${Executors}',
        },
      },
      parameterConfiguration: {
        ReleaseLabel: { type: 'STRING', defaultValue: 'emr-7.5.0-latest' },
        EntryPoint: { type: 'STRING' },
        Day: { type: 'STRING', defaultValue: '2025-03-14' },
        Executors: { type: 'NUMBER', defaultValue: '3' },
      },
      jobTags: { team: 'data-team-a', origin: 'template' },
    },
    tags: { team: 'data-team-a' },
    ...overrides,
  };
}
