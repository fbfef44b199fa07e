import fs from 'node:fs';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import request from 'supertest';
import { parse } from 'yaml';
import { scaffolderModuleEmrEks } from '../module';

// The EMR Serverless template through the scaffolder's own dry run: its form values rendered
// into the action's input by the real template engine (nested numbers and booleans, absent
// optional fields), the action run in dry-run mode, the output rendered.
const TEMPLATE = parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../templates/emr-serverless-application/template.yaml',
    ),
    'utf8',
  ),
);

describe('the EMR Serverless template, dry-run by the scaffolder', () => {
  it('renders the form into a valid action input and links the discovered entity', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleEmrEks,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'mock', namespace: 'default' },
              spec: {},
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            emrEks: {
              provisioning: {
                buckets: ['s3://analytics-${team}-code-123456789012/*'],
                serverless: {
                  targets: [{ accountId: '123456789012', region: 'us-east-1' }],
                },
              },
            },
          },
        }),
      ],
    });
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: TEMPLATE,
        values: {
          owner: 'group:default/data-team-a',
          name: 'data-team-a-etl',
          type: 'Spark',
          releaseLabel: 'emr-7.5.0',
          region: 'us-east-1',
          driverWorkers: 1,
          executorWorkers: 0,
          workerCpu: '4 vCPU',
          workerMemory: '16 GB',
          maximumCpu: '200 vCPU',
          maximumMemory: '800 GB',
          maximumDisk: '4000 GB',
          autoStart: true,
          autoStop: true,
          autoStopIdleTimeoutMinutes: 30,
          buckets: [{ bucket: 'analytics-data-team-a-code-123456789012' }],
          glue: true,
        },
        directoryContents: [],
      });
    const log = (res.body.log ?? [])
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    expect({ status: res.status, log }).toMatchObject({ status: 200 });
    expect(log).toContain(
      'Dry run: emr-serverless:CreateApplication in 123456789012/us-east-1',
    );
    // The rendered request: one warm driver (numbers stayed numbers), no executors.
    expect(log).toContain('"Driver": {\n      "workerCount": 1');
    expect(log).not.toContain('"Executor"');
    expect(log).toContain('"idleTimeoutMinutes": 30');
    expect(res.body.output.links[0].entityRef).toBe(
      'resource:default/data-team-a-etl-us-east-1',
    );
  });
});
