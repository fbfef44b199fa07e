module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // expectInvalid (src/__testUtils__/sandbox.ts) holds the assertions of the validation cases.
    'jest/expect-expect': [
      'warn',
      { assertFunctionNames: ['expect', 'expectInvalid'] },
    ],
  },
});
