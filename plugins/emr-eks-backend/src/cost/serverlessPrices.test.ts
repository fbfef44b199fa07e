import { ConfigReader } from '@backstage/config';
import { readCostConfig } from './config';
import {
  BUILT_IN_SERVERLESS_PRICES,
  ServerlessPrices,
  serverlessCost,
} from './serverlessPrices';

const cost = (serverless: object) =>
  new ConfigReader({
    emrEks: {
      cost: {
        clusters: [],
        serverless,
      },
    },
  });

describe('EMR Serverless prices', () => {
  const prices = new ServerlessPrices({});

  it('prices a region of the published table and names the region and source', () => {
    expect(prices.priceFor('eu-west-1', 'X86_64')).toEqual({
      price: {
        region: 'eu-west-1',
        vcpuHour: 0.052624,
        memoryGbHour: 0.0057785,
        storageGbHour: 0.000122,
        source: expect.stringContaining('PerfKitBenchmarker'),
      },
    });
  });

  it('says a region outside the table is unpriced, and how to price it', () => {
    const answer = prices.priceFor('af-south-1', 'X86_64');
    expect(answer).toEqual({
      unpriced:
        'af-south-1 is not in the built-in EMR Serverless price table; set emrEks.cost.serverless.prices.af-south-1',
    });
    expect(BUILT_IN_SERVERLESS_PRICES['af-south-1']).toBeUndefined();
  });

  it('never prices Arm workers at the x86 table', () => {
    expect(prices.priceFor('us-east-1', 'ARM64')).toEqual({
      unpriced: expect.stringMatching(/^ARM64 workers in us-east-1: .*x86/),
    });
  });

  it('lets config set a region price, for any architecture', () => {
    const configured = new ServerlessPrices({
      'af-south-1': { vcpuHour: 0.07, memoryGbHour: 0.008, storageGbHour: 0 },
    });
    expect(configured.priceFor('af-south-1', 'ARM64')).toEqual({
      price: {
        region: 'af-south-1',
        vcpuHour: 0.07,
        memoryGbHour: 0.008,
        storageGbHour: 0,
        source: 'config',
      },
    });
  });

  it('costs a run as vCPU-hours, memory GB-hours and storage GB-hours times their prices', () => {
    const used = { vcpuHours: 10, memoryGbHours: 40, storageGbHours: 100 };
    expect(
      serverlessCost(used, BUILT_IN_SERVERLESS_PRICES['us-east-1']),
    ).toBeCloseTo(10 * 0.052624 + 40 * 0.0057785 + 100 * 0.000111, 10);
  });

  it('reads prices from config and names a wrong key', () => {
    expect(
      readCostConfig(
        cost({
          prices: {
            'af-south-1': {
              vcpuHour: 0.07,
              memoryGbHour: 0.008,
              storageGbHour: 0.0002,
            },
          },
        }),
      )?.serverless,
    ).toEqual({
      lookbackDays: 3,
      prices: {
        'af-south-1': {
          vcpuHour: 0.07,
          memoryGbHour: 0.008,
          storageGbHour: 0.0002,
        },
      },
    });
    expect(() =>
      readCostConfig(
        cost({
          prices: {
            'us-east-1': { vcpuHour: 0, memoryGbHour: 1, storageGbHour: 1 },
          },
        }),
      ),
    ).toThrow(
      'Invalid config value at emrEks.cost.serverless.prices.us-east-1.vcpuHour: 0 is not a price in USD',
    );
    expect(
      readCostConfig(cost({ enabled: false }))?.serverless,
    ).toBeUndefined();
  });
});
