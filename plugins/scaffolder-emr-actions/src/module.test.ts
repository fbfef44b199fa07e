import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleEmrEks } from './module';

const kubernetes = {
  clusterLocatorMethods: [
    {
      type: 'config',
      clusters: [
        {
          name: 'analytics-shared',
          url: 'https://k8s.example.invalid',
          authProvider: 'serviceAccount',
          serviceAccountToken: 't',
        },
      ],
    },
  ],
};

describe('scaffolderModuleEmrEks', () => {
  it('registers the eight actions with the configured clusters', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleEmrEks,
        mockServices.rootConfig.factory({
          data: {
            kubernetes,
            emrEks: {
              provisioning: {
                clusters: [
                  {
                    name: 'analytics-shared',
                    accountId: '123456789012',
                    region: 'us-east-1',
                  },
                ],
              },
            },
          },
        }),
      ],
    });
    expect(addActions).toHaveBeenCalledTimes(1);
    expect(addActions.mock.calls[0].map((a: { id: string }) => a.id)).toEqual([
      'emr:namespace:prepare',
      'emr:role:create',
      'emr:virtualCluster:create',
      'emr:podTemplates:publish',
      'emr:endpoint:create',
      'emr:jobTemplate:create',
      'emr:serverlessApplication:create',
      'emr:sparkConnect:create',
    ]);
  });

  it('fails to start on invalid config, naming the key', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleEmrEks,
          mockServices.rootConfig.factory({
            data: {
              kubernetes,
              emrEks: {
                provisioning: {
                  clusters: [
                    {
                      name: 'analytics-shared',
                      accountId: '123456789012',
                      region: 'us-east-1',
                      emrAccess: 'aws-auth',
                    },
                  ],
                },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(/emrEks\.provisioning\.clusters\[0\]\.emrAccess/);
  });
});
