import { emrEksClientOptions } from './clientOptions';

describe('emrEksClientOptions', () => {
  it('gives every client the suite’s user agent with its component, and the standard retries', () => {
    const credentials = async () => ({
      accessKeyId: 'AKIA',
      secretAccessKey: 's',
    });
    expect(
      emrEksClientOptions({
        region: 'eu-west-1',
        credentials,
        endpoint: 'http://127.0.0.1:4510',
        maxAttempts: 2,
        component: 'catalog',
      }),
    ).toEqual({
      region: 'eu-west-1',
      credentials,
      endpoint: 'http://127.0.0.1:4510',
      maxAttempts: 2,
      retryMode: 'standard',
      customUserAgent: 'backstage-plugin-emr-eks/catalog',
    });
  });
});
