import { PricingClient } from '@aws-sdk/client-pricing';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { upliftRateFromPriceList } from './priceList';
import { UpliftPrices } from './prices';

const PRICING = 'https://pricing.test/';
const server = setupServer();
registerMswTestHooks(server);

/**
 * One product of a GetProducts answer in the documented shape: `product` with its
 * attributes, and `terms.OnDemand.<sku>.<offerTermCode>.priceDimensions.<rateCode>` with
 * `unit` and `pricePerUnit.USD` (a string).
 */
function product(options: {
  sku: string;
  region: string;
  usagetype: string;
  unit: string;
  usd: string;
  family?: string;
}) {
  const term = `${options.sku}.JRTCKXETXF`;
  return JSON.stringify({
    product: {
      productFamily: options.family ?? 'EMR Containers',
      attributes: {
        servicecode: 'ElasticMapReduce',
        regionCode: options.region,
        usagetype: options.usagetype,
        servicename: 'Amazon Elastic MapReduce',
      },
      sku: options.sku,
    },
    serviceCode: 'ElasticMapReduce',
    terms: {
      OnDemand: {
        [term]: {
          sku: options.sku,
          offerTermCode: 'JRTCKXETXF',
          effectiveDate: '2026-11-01T00:00:00Z',
          priceDimensions: {
            [`${term}.6YS6EN2CT7`]: {
              unit: options.unit,
              pricePerUnit: { USD: options.usd },
              description: `${options.usagetype} at ${options.usd}`,
              appliesTo: [],
              rateCode: `${term}.6YS6EN2CT7`,
            },
          },
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

// Figures made up for the test: they only need to differ from us-east-1's.
const EU_WEST_1 = [
  product({
    sku: 'AAAA',
    region: 'eu-west-1',
    usagetype: 'EU-EMR-EKS-vCPUHours',
    unit: 'vCPU-Hours',
    usd: '0.0200000000',
  }),
  // EMR on EC2's per-instance uplift and EMR Serverless are other products.
  product({
    sku: 'BBBB',
    region: 'eu-west-1',
    usagetype: 'EU-BoxUsage:m5.xlarge',
    unit: 'Hrs',
    usd: '0.0480000000',
    family: 'Elastic Map Reduce Instance',
  }),
  product({
    sku: 'CCCC',
    region: 'eu-west-1',
    usagetype: 'EU-EMR-SERVERLESS-vCPUHours',
    unit: 'vCPU-Hours',
    usd: '0.0526240000',
    family: 'EMR Serverless',
  }),
  product({
    sku: 'DDDD',
    region: 'eu-west-1',
    usagetype: 'EU-EMR-EKS-GBHours',
    unit: 'GB-Hours',
    usd: '0.0030000000',
  }),
];

/** A Price List endpoint answering GetProducts in two pages. */
function priceList(items: string[], status = 200) {
  const requests: any[] = [];
  server.use(
    http.post(PRICING, async ({ request }) => {
      expect(request.headers.get('x-amz-target')).toBe(
        'AWSPriceListService.GetProducts',
      );
      const body: any = await request.json();
      requests.push(body);
      if (status !== 200) {
        return HttpResponse.json(
          { __type: 'InternalErrorException', message: 'down' },
          { status },
        );
      }
      const first = !body.NextToken;
      return HttpResponse.json(
        {
          FormatVersion: 'aws_v1',
          PriceList: first ? items.slice(0, 2) : items.slice(2),
          ...(first ? { NextToken: 'page-2' } : {}),
        },
        { headers: { 'content-type': 'application/x-amz-json-1.1' } },
      );
    }),
  );
  return requests;
}

const pricing = () =>
  new PricingClient({
    region: 'us-east-1',
    endpoint: PRICING,
    credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });

describe('UpliftPrices', () => {
  it('knows us-east-1 built in and never lends its price to another region; says so once', () => {
    const logger = mockServices.logger.mock();
    const prices = new UpliftPrices({}, logger);
    expect(prices.priceFor('us-east-1')).toEqual({
      vcpuHour: 0.01012,
      gbHour: 0.00111125,
    });
    expect(prices.priceFor('eu-west-1')).toBeUndefined();
    expect(prices.priceFor('eu-west-1')).toBeUndefined();
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0][0]).toContain(
      'EMR on EKS uplift is not priced for eu-west-1',
    );
    expect(logger.warn.mock.calls[0][0]).toContain(
      'emrEks.cost.upliftPrices.eu-west-1',
    );
  });

  it('uses a configured price, which wins over the built-in one', () => {
    const logger = mockServices.logger.mock();
    const prices = new UpliftPrices(
      {
        'eu-west-1': { vcpuHour: 0.011, gbHour: 0.0012 },
        'us-east-1': { vcpuHour: 0.009, gbHour: 0.001 },
      },
      logger,
    );
    expect(prices.priceFor('eu-west-1')).toEqual({
      vcpuHour: 0.011,
      gbHour: 0.0012,
    });
    expect(prices.priceFor('us-east-1')).toEqual({
      vcpuHour: 0.009,
      gbHour: 0.001,
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('reads a region from the Price List (every page), keeps it for a day, and configured prices win', async () => {
    const requests = priceList(EU_WEST_1);
    let now = Date.parse('2026-11-10T00:00:00Z');
    const logger = mockServices.logger.mock();
    const prices = new UpliftPrices(
      { 'ap-south-1': { vcpuHour: 0.009, gbHour: 0.001 } },
      logger,
      pricing(),
      () => now,
    );
    await prices.refresh(['eu-west-1', 'eu-west-1', 'ap-south-1']);
    expect(prices.priceFor('eu-west-1')).toEqual({
      vcpuHour: 0.02,
      gbHour: 0.003,
    });
    // Two pages of eu-west-1; the configured region is not asked for.
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatchObject({
      ServiceCode: 'ElasticMapReduce',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
      ],
    });
    expect(requests[1].NextToken).toBe('page-2');

    await prices.refresh(['eu-west-1']);
    expect(requests).toHaveLength(2);
    now += 25 * 3_600_000;
    await prices.refresh(['eu-west-1']);
    expect(requests).toHaveLength(4);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('stays unpriced, and says why, when the Price List fails or has no single price', async () => {
    priceList([], 500);
    const logger = mockServices.logger.mock();
    const prices = new UpliftPrices({}, logger, pricing());
    await prices.refresh(['eu-west-1']);
    expect(prices.priceFor('eu-west-1')).toBeUndefined();
    expect(logger.warn.mock.calls[0][0]).toContain(
      'Could not read the EMR on EKS uplift price of eu-west-1',
    );

    priceList(EU_WEST_1.slice(0, 3));
    const other = new UpliftPrices({}, logger, pricing());
    await other.refresh(['eu-west-1']);
    expect(other.priceFor('eu-west-1')).toBeUndefined();
  });
});

describe('upliftRateFromPriceList', () => {
  it('refuses to choose between two prices of the same dimension', () => {
    const arm = product({
      sku: 'EEEE',
      region: 'eu-west-1',
      usagetype: 'EU-EMR-EKS-vCPUHours-x',
      unit: 'vCPU-Hours',
      usd: '0.0160000000',
    });
    expect(upliftRateFromPriceList([...EU_WEST_1, arm])).toEqual({
      reason: expect.stringContaining('2 EMR on EKS vCPU-hour'),
    });
    expect(upliftRateFromPriceList(EU_WEST_1)).toEqual({
      rate: { vcpuHour: 0.02, gbHour: 0.003 },
    });
  });
});
