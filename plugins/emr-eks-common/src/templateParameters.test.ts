import {
  buildJobTemplateParameters,
  initialTemplateParameterValues,
  templateParameterFields,
  validateJobRunName,
} from './templateParameters';

const template = {
  jobTemplateData: {
    executionRoleArn: 'arn:aws:iam::123456789012:role/job',
    releaseLabel: 'emr-7.2.0-latest',
    jobDriver: {},
    parameterConfiguration: {
      inputPath: { type: 'STRING' as const },
      partitions: { type: 'NUMBER' as const, defaultValue: '200' },
      date: { defaultValue: '2024-05-01' },
    },
  },
};

describe('templateParameterFields', () => {
  it('lists parameters in order, STRING unless NUMBER, required without default', () => {
    expect(templateParameterFields(template)).toEqual([
      { name: 'inputPath', type: 'STRING', required: true },
      {
        name: 'partitions',
        type: 'NUMBER',
        defaultValue: '200',
        required: false,
      },
      {
        name: 'date',
        type: 'STRING',
        defaultValue: '2024-05-01',
        required: false,
      },
    ]);
  });

  it('has no fields for a template without parameters', () => {
    expect(templateParameterFields(undefined)).toEqual([]);
    expect(templateParameterFields({})).toEqual([]);
  });

  it('starts the form from the defaults', () => {
    expect(
      initialTemplateParameterValues(templateParameterFields(template)),
    ).toEqual({ inputPath: '', partitions: '200', date: '2024-05-01' });
  });
});

describe('buildJobTemplateParameters', () => {
  const fields = templateParameterFields(template);

  it('sends the values given, trims numbers, leaves empty defaults out', () => {
    expect(
      buildJobTemplateParameters(fields, {
        inputPath: ' s3://in/ ',
        partitions: ' 64 ',
        date: '',
      }),
    ).toEqual({
      ok: true,
      parameters: { inputPath: ' s3://in/ ', partitions: '64' },
    });
  });

  it('requires parameters without a default', () => {
    expect(
      buildJobTemplateParameters(fields, {
        inputPath: '   ',
        partitions: '200',
      }),
    ).toEqual({ ok: false, errors: { inputPath: 'Required' } });
  });

  it.each(['12', '-3', '+4.5', '1e3', '.5', '7.'])(
    'accepts the number %s',
    value => {
      expect(
        buildJobTemplateParameters(fields, {
          inputPath: 'x',
          partitions: value,
        }).ok,
      ).toBe(true);
    },
  );

  it.each(['abc', '12abc', '1,000', '0x10', 'NaN', '--1'])(
    'rejects %s for a NUMBER',
    value => {
      expect(
        buildJobTemplateParameters(fields, {
          inputPath: 'x',
          partitions: value,
        }),
      ).toEqual({ ok: false, errors: { partitions: 'Must be a number' } });
    },
  );

  it('rejects values longer than StartJobRun takes', () => {
    expect(
      buildJobTemplateParameters(fields, { inputPath: 'x'.repeat(1025) }),
    ).toEqual({ ok: false, errors: { inputPath: 'At most 1024 characters' } });
  });
});

describe('validateJobRunName', () => {
  it.each([
    ['', undefined],
    ['nightly-etl_2024.05/01#1', undefined],
    ['x'.repeat(64), undefined],
    ['x'.repeat(65), 'At most 64 characters'],
    ['nightly etl', 'Only letters, digits and . - _ / #'],
    ['ünïcode', 'Only letters, digits and . - _ / #'],
  ])('checks %j', (name, error) => {
    expect(validateJobRunName(name)).toBe(error);
  });
});
