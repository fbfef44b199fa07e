import { ConfigReader } from '@backstage/config';
import { readEmrEksConfig } from './config';

describe('readEmrEksConfig', () => {
  it('reads the endpoint override and attempts', () => {
    expect(
      readEmrEksConfig(
        new ConfigReader({
          emrEks: { endpoint: 'http://127.0.0.1:4510', maxAttempts: 5 },
        }),
      ),
    ).toEqual({ endpoint: 'http://127.0.0.1:4510', maxAttempts: 5 });
  });

  it('defaults to the AWS endpoint and 3 attempts', () => {
    expect(readEmrEksConfig(new ConfigReader({}))).toEqual({
      endpoint: undefined,
      maxAttempts: 3,
    });
  });

  it('names the key of a bad endpoint', () => {
    expect(() =>
      readEmrEksConfig(new ConfigReader({ emrEks: { endpoint: 'localhost' } })),
    ).toThrow(/emrEks\.endpoint/);
  });

  it('names the key of bad attempts', () => {
    expect(() =>
      readEmrEksConfig(new ConfigReader({ emrEks: { maxAttempts: 0 } })),
    ).toThrow(/emrEks\.maxAttempts/);
  });
});
