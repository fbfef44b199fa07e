import {
  ConfigurationOverrides,
  JobDriver,
  JobTemplateData,
  JobTemplateRecord,
} from './types';

/*
 * Job template parameters: `${Name}` placeholders in any string of a
 * template's jobTemplateData, declared in its parameterConfiguration (type
 * STRING or NUMBER, optional defaultValue) and filled in from StartJobRun's
 * jobTemplateParameters.
 */

/** A template or parameter problem; the handlers answer it as a ValidationException. */
export class TemplateError extends Error {}

const PLACEHOLDER = /\$\{([.\-_#A-Za-z0-9]+)\}/g;
/** What counts as a NUMBER parameter value (decimal, optional sign and exponent). */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The parts of jobTemplateData that may hold placeholders. */
type Parametric = Pick<
  JobTemplateData,
  | 'executionRoleArn'
  | 'releaseLabel'
  | 'jobDriver'
  | 'configurationOverrides'
  | 'jobTags'
>;

function parametricPart(data: JobTemplateData): Parametric {
  return {
    executionRoleArn: data.executionRoleArn,
    releaseLabel: data.releaseLabel,
    jobDriver: data.jobDriver,
    configurationOverrides: data.configurationOverrides,
    jobTags: data.jobTags,
  };
}

/** Applies `fn` to every string in `value` (map keys included). */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map(v => mapStrings(v, fn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [fn(k), mapStrings(v, fn)]),
    );
  }
  return value;
}

/** Names of the parameters a template's data refers to, in order of appearance. */
export function placeholdersOf(data: JobTemplateData): string[] {
  const found = new Set<string>();
  mapStrings(parametricPart(data), s => {
    for (const match of s.matchAll(PLACEHOLDER)) found.add(match[1]);
    return s;
  });
  return [...found];
}

export function isNumberValue(value: string): boolean {
  return NUMBER.test(value);
}

/**
 * CreateJobTemplate checks: every placeholder is declared, and NUMBER
 * defaults are numbers.
 */
export function checkTemplateData(data: JobTemplateData): void {
  const declared = data.parameterConfiguration ?? {};
  for (const name of placeholdersOf(data)) {
    if (!(name in declared)) {
      throw new TemplateError(
        `Job template parameter \${${name}} is used in jobTemplateData but not defined in parameterConfiguration.`,
      );
    }
  }
  for (const [name, config] of Object.entries(declared)) {
    if (
      config.type === 'NUMBER' &&
      config.defaultValue !== undefined &&
      !isNumberValue(config.defaultValue)
    ) {
      throw new TemplateError(
        `The defaultValue '${config.defaultValue}' of job template parameter ${name} is not a NUMBER.`,
      );
    }
  }
}

/** StartJobRun values of a run started from a template. */
export interface ResolvedTemplate {
  executionRoleArn: string;
  releaseLabel: string;
  jobDriver: JobDriver;
  configurationOverrides?: ConfigurationOverrides;
  jobTags?: Record<string, string>;
}

/**
 * Fills in a template's placeholders. Every declared parameter needs a value:
 * from `parameters`, else its defaultValue; NUMBER values must be numbers;
 * parameters the template does not declare are refused.
 */
export function resolveTemplate(
  template: JobTemplateRecord,
  parameters: Record<string, string> = {},
): ResolvedTemplate {
  const declared = template.jobTemplateData.parameterConfiguration ?? {};
  for (const name of Object.keys(parameters)) {
    if (!(name in declared)) {
      throw new TemplateError(
        `Job template ${template.id} has no parameter ${name}.`,
      );
    }
  }
  const values = new Map<string, string>();
  for (const [name, config] of Object.entries(declared)) {
    const value = parameters[name] ?? config.defaultValue;
    if (value === undefined) {
      throw new TemplateError(
        `Job template parameter ${name} has no value: it has no defaultValue, so jobTemplateParameters must set it.`,
      );
    }
    if (config.type === 'NUMBER' && !isNumberValue(value)) {
      throw new TemplateError(
        `Job template parameter ${name} is of type NUMBER, but its value '${value}' is not a number.`,
      );
    }
    values.set(name, value);
  }
  const substitute = (s: string) =>
    s.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
  return mapStrings(
    parametricPart(template.jobTemplateData),
    substitute,
  ) as ResolvedTemplate;
}
