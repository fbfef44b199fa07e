import { base36Encode } from './base36';

describe('base36Encode', () => {
  // Vectors from the AWS CLI's tests of `emr-containers update-role-trust-policy`.
  it.each([
    ['', '0'],
    ['a', '2p'],
    ['ab', 'j8i'],
    ['abcdefghijkl', '2x6xx5ubcrus4bplmr0'],
    ['+=,.@-_', '3bu5b0xg4tb'],
    ['abcdefghijkl+=,.@-_', '1ll75jdngh5gbk11wbh7h35ji05wtb'],
  ])('encodes %j as %s', (input, expected) => {
    expect(base36Encode(input)).toBe(expected);
  });

  it('encodes long names exactly, beyond Number precision', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz';
    const input = (alphabet + alphabet + alphabet + alphabet + alphabet).slice(
      0,
      128,
    );
    expect(base36Encode(input)).toBe(
      'hihg421ybq8vpwgxd21fae22r9rho7x8qpyskkz6iqadme7ds5f' +
        'qxpnedq44doj5dlitkm8wswo3c5503yl55jfazzhbbqnnee7r70' +
        'zw89fs5ojeipi6xeiydas7g7y9w3usdlzrlhxx0q50bxvt27tfu' +
        '3ruwyx4fuv96rcfpkqxxg93vdclsof5ribhnrcvajmpvc',
    );
  });
});
