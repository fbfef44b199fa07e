import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import { createSandbox } from '@emr-eks/sandbox';
import { startBackend } from '../../testing/backend';

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

// The plugin as installed: cost ingested from the sandbox's Kubecost by the real scheduler,
// the budget check scheduled beside it, notifications sent through notificationService.
describe('budget alerts in the running plugin', () => {
  it('tells the team once, however often the check runs', async () => {
    const sandbox = createSandbox({ seed: 9 });
    const running = await sandbox.listen(0);
    const sent: NotificationSendOptions[] = [];
    try {
      await startBackend({
        endpoint: running.url,
        visibleTo: 'everyone',
        config: {
          cost: {
            clusters: [
              {
                name: 'analytics-shared',
                baseUrl: running.url,
                accountId: '123456789012',
                region: 'us-east-1',
              },
            ],
            backfillDays: 3,
            schedule: {
              frequency: { minutes: 30 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 1 },
            },
          },
          // A budget any spend or forecast is past.
          budgets: {
            teams: [
              { entityRef: 'group:default/data-team-a', monthlyUsd: 0.01 },
            ],
            alerts: {
              schedule: {
                frequency: { seconds: 1 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
        features: [
          schedulerServiceFactory,
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({
              send: async (options: NotificationSendOptions) => {
                sent.push(options);
              },
            }),
          }),
        ],
      });
      const deadline = Date.now() + 40_000;
      while (sent.length < 2 && Date.now() < deadline) {
        await sleep(250);
      }
      // Several more checks: nothing is sent again.
      await sleep(4_000);
      expect(sent.map(n => n.payload.severity).sort()).toEqual([
        'high',
        'normal',
      ]);
      for (const n of sent) {
        expect(n.recipients).toEqual({
          type: 'entity',
          entityRef: 'group:default/data-team-a',
        });
        expect(n.payload.link).toBe(
          '/catalog/default/group/data-team-a/emr-cost',
        );
        expect(n.payload.title).toMatch(
          /^data-team-a: EMR on EKS spend (has reached|is forecast to reach) (80|100) % of the monthly budget$/,
        );
      }
    } finally {
      await running.close();
    }
  });
});
