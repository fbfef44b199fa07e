import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { ALICE, startBackend } from '../testing/backend';
import { emrEksCostServiceRef } from './costServiceRef';
import { CostService } from './types';

describe('emrEksCostServiceRef', () => {
  it('lets an adopter replace the cost service the routes ask', async () => {
    const asked: string[] = [];
    const replacement: CostService = {
      report: async ({ entityRef, query }) => {
        asked.push(`${entityRef.name} ${JSON.stringify(query)}`);
        return { currency: 'USD' } as any;
      },
      csv: async () => 'from the replacement\n',
      budget: async () => ({ currency: 'USD' } as any),
      unattributed: async () => ({ currency: 'USD' } as any),
    };
    const server = await startBackend({
      endpoint: 'http://127.0.0.1:1',
      features: [
        createServiceFactory({
          service: emrEksCostServiceRef,
          deps: {},
          factory: () => replacement,
        }),
      ],
    });
    const auth = { Authorization: mockCredentials.user.header(ALICE) };
    const base = '/api/emr-eks/v1/entity/default/resource/team-a-emr';

    const report = await request(server)
      .get(`${base}/cost?window=7d`)
      .set(auth);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({ currency: 'USD' });
    expect(asked).toEqual(['team-a-emr {"window":"7d"}']);

    const csv = await request(server)
      .get(`${base}/cost.csv?window=7d`)
      .set(auth);
    expect(csv.text).toBe('from the replacement\n');
  });
});
