import { ConfigReader } from '@backstage/config';
import { readAwsAccountId, readHttpUrl, readMaxAttempts } from './config';

const config = (data: object) => new ConfigReader(data);

describe('readHttpUrl', () => {
  it.each(['http://127.0.0.1:4510', 'https://emr-containers.example.com'])(
    'reads %s',
    url => {
      expect(readHttpUrl(config({ endpoint: url }), 'endpoint')).toBe(url);
    },
  );

  it('is undefined when unset', () => {
    expect(readHttpUrl(config({}), 'endpoint')).toBeUndefined();
  });

  it.each(['ftp://host', 'not a url', 'file:///etc/passwd'])(
    'refuses %s, naming the full key',
    url => {
      expect(() =>
        readHttpUrl(config({ endpoint: url }), 'endpoint', 'emrEks.endpoint'),
      ).toThrow(
        `Invalid config value at emrEks.endpoint: '${url}' is not an http(s) URL`,
      );
    },
  );
});

describe('readAwsAccountId', () => {
  it('reads twelve digits, leading zeros kept', () => {
    expect(readAwsAccountId(config({ id: '012345678901' }), 'id')).toBe(
      '012345678901',
    );
  });

  it.each(['12345678901', '1234567890123', '12345678901a'])(
    'refuses %s, naming the full key',
    id => {
      expect(() =>
        readAwsAccountId(config({ id }), 'id', 'emrEks.accounts[0].accountId'),
      ).toThrow(
        `Invalid config value at emrEks.accounts[0].accountId: '${id}' is not a 12-digit AWS account id`,
      );
    },
  );

  it('requires it', () => {
    expect(() => readAwsAccountId(config({}), 'id')).toThrow(/id/);
  });
});

describe('readMaxAttempts', () => {
  it('is 3 when unset, or the given fallback', () => {
    expect(readMaxAttempts(config({}), 'maxAttempts')).toBe(3);
    expect(readMaxAttempts(config({}), 'maxAttempts', 'x', 5)).toBe(5);
  });

  it.each([1, 10])('reads %s', n => {
    expect(readMaxAttempts(config({ maxAttempts: n }), 'maxAttempts')).toBe(n);
  });

  it.each([0, 11, 2.5])('refuses %s, naming the full key', n => {
    expect(() =>
      readMaxAttempts(
        config({ maxAttempts: n }),
        'maxAttempts',
        'emrEks.maxAttempts',
      ),
    ).toThrow(
      `Invalid config value at emrEks.maxAttempts: ${n} is not an integer from 1 to 10`,
    );
  });
});
