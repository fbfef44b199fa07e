import { JobTemplate } from './types';

/**
 * One parameter of a job template as a form field.
 *
 * @public
 */
export interface TemplateParameterField {
  name: string;
  type: 'STRING' | 'NUMBER';
  defaultValue?: string;
  /** A parameter without a default needs a value. */
  required: boolean;
}

/** Longest parameter value StartJobRun accepts. */
const MAX_VALUE_LENGTH = 1024;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Run names StartJobRun accepts. */
const RUN_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const MAX_RUN_NAME_LENGTH = 64;

/**
 * The parameters of a job template, in the template's order.
 *
 * @public
 */
export function templateParameterFields(
  template: Pick<JobTemplate, 'jobTemplateData'> | undefined,
): TemplateParameterField[] {
  const configuration = template?.jobTemplateData?.parameterConfiguration;
  return Object.entries(configuration ?? {}).map(([name, parameter]) => ({
    name,
    type: parameter?.type === 'NUMBER' ? 'NUMBER' : 'STRING',
    ...(parameter?.defaultValue !== undefined && {
      defaultValue: parameter.defaultValue,
    }),
    required: parameter?.defaultValue === undefined,
  }));
}

/**
 * Form values to start from: each parameter's default, or empty.
 *
 * @public
 */
export function initialTemplateParameterValues(
  fields: TemplateParameterField[],
): Record<string, string> {
  return Object.fromEntries(
    fields.map(field => [field.name, field.defaultValue ?? '']),
  );
}

/**
 * Checks form values against a template's parameters and builds the
 * `jobTemplateParameters` of a StartJobRun request. A parameter left empty is
 * left out, so that its default applies; one without a default is required.
 * NUMBER parameters must be numbers.
 *
 * @returns the parameters to send, or the errors by parameter name.
 * @public
 */
export function buildJobTemplateParameters(
  fields: TemplateParameterField[],
  values: Record<string, string | undefined>,
):
  | { ok: true; parameters: Record<string, string> }
  | { ok: false; errors: Record<string, string> } {
  const parameters: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const raw = values[field.name] ?? '';
    const value = field.type === 'NUMBER' ? raw.trim() : raw;
    if (value.trim() === '') {
      if (field.required) {
        errors[field.name] = 'Required';
      }
      continue;
    }
    if (field.type === 'NUMBER' && !NUMBER.test(value)) {
      errors[field.name] = 'Must be a number';
    } else if (value.length > MAX_VALUE_LENGTH) {
      errors[field.name] = `At most ${MAX_VALUE_LENGTH} characters`;
    } else {
      parameters[field.name] = value;
    }
  }
  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, parameters };
}

/**
 * What is wrong with a job run name, or undefined when it is fine. An empty
 * name is fine: the run then takes its template's name.
 *
 * @public
 */
export function validateJobRunName(name: string): string | undefined {
  if (name === '') {
    return undefined;
  }
  if (name.length > MAX_RUN_NAME_LENGTH) {
    return `At most ${MAX_RUN_NAME_LENGTH} characters`;
  }
  if (!RUN_NAME.test(name)) {
    return 'Only letters, digits and . - _ / #';
  }
  return undefined;
}
