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

// The Spark Connect template through the scaffolder's own dry run: the form's values rendered
// into the action's input by the real template engine (numbers nested in driver and executor,
// the CIDR list), the action run in dry-run mode, the address rendered into the output text
// and the virtual cluster's entity into its link.
const TEMPLATE = parse(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../../templates/spark-connect/template.yaml',
    ),
    'utf8',
  ),
);

describe('the Spark Connect template, dry-run by the scaffolder', () => {
  it('renders the form into a valid action input and the sc:// address', async () => {
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
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'analytics-shared',
                      url: 'https://eks.example.invalid',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'token',
                    },
                  ],
                },
              ],
            },
            emrEks: {
              provisioning: {
                clusters: [
                  {
                    name: 'analytics-shared',
                    accountId: '123456789012',
                    region: 'eu-west-1',
                  },
                ],
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
          cluster: 'analytics-shared',
          namespace: 'data-team-a',
          name: 'spark-connect',
          releaseLabel: 'emr-7.2.0',
          sparkVersion: '3.5.1',
          applicationFile: 'local:///usr/lib/spark/connect/spark-connect.jar',
          serviceAccount: 'emr-job-execution-sa',
          driverCores: 4,
          driverMemory: '16g',
          executorCores: 2,
          executorMemory: '8g',
          executorInstances: 3,
          hostname: 'spark.data-team-a.example.com',
          certificateArn:
            'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a',
          inboundCidrs: ['203.0.113.0/24', '198.51.100.17/32'],
        },
        directoryContents: [],
      });
    const log = (res.body.log ?? [])
      .map((l: { body: { message: string } }) => l.body.message)
      .join('\n');
    expect({ status: res.status, log }).toMatchObject({ status: 200 });
    // The seed's eu-west-1 image account, the numbers still numbers, the CIDRs joined.
    expect(log).toContain(
      'image: 483788554619.dkr.ecr.eu-west-1.amazonaws.com/spark/emr-7.2.0:latest',
    );
    expect(log).toContain('instances: 3');
    expect(log).toContain(
      'alb.ingress.kubernetes.io/inbound-cidrs: 203.0.113.0/24,198.51.100.17/32',
    );
    expect(res.body.output.text[0].content).toContain(
      'sc://spark.data-team-a.example.com:443/;use_ssl=true',
    );
    // A dry run asks no AWS, so the link names the namespace's virtual cluster to be found.
    expect(res.body.output.links).toEqual([
      {
        title: 'Virtual cluster in the catalog',
        icon: 'catalog',
        entityRef: 'resource:default/<virtual cluster on data-team-a>',
      },
    ]);
  });
});
