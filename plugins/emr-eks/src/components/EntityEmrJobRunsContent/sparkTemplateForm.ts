import {
  SparkApplicationTemplate,
  SparkApplicationTemplateRequest,
  SparkTemplateType,
} from '@emr-eks/plugin-emr-eks-common';

/** The save dialog's fields as typed: text, one field each. */
export interface SparkTemplateFormValues {
  name: string;
  type: SparkTemplateType;
  mainApplicationFile: string;
  mainClass: string;
  /** One argument per line. */
  arguments: string;
  /** One `key=value` per line. */
  sparkConf: string;
  driverCores: string;
  driverMemory: string;
  executorCores: string;
  executorMemory: string;
  executorInstances: string;
  releaseLabel: string;
}

export type SparkTemplateFormField = keyof SparkTemplateFormValues;

/** A new template's sizes and release, as in examples/spark-application-template.json. */
export const EMPTY_SPARK_TEMPLATE_FORM: SparkTemplateFormValues = {
  name: '',
  type: 'Scala',
  mainApplicationFile: '',
  mainClass: '',
  arguments: '',
  sparkConf: '',
  driverCores: '1',
  driverMemory: '4g',
  executorCores: '2',
  executorMemory: '8g',
  executorInstances: '3',
  releaseLabel: 'emr-6.15.0',
};

/** Whether the type runs a JVM class, which the template must then name. */
export function needsMainClass(type: SparkTemplateType): boolean {
  return type !== 'Python';
}

/** A saved template as the form's fields, to save again or under a new name. */
export function formFromTemplate(
  template: SparkApplicationTemplate,
): SparkTemplateFormValues {
  return {
    name: template.name,
    type: template.type,
    mainApplicationFile: template.mainApplicationFile,
    mainClass: template.mainClass ?? '',
    arguments: template.arguments.join('\n'),
    sparkConf: Object.entries(template.sparkConf)
      .map(([key, value]) => `${key}=${value}`)
      .join('\n'),
    driverCores: String(template.driver.cores),
    driverMemory: template.driver.memory,
    executorCores: String(template.executor.cores),
    executorMemory: template.executor.memory,
    executorInstances: String(template.executor.instances),
    releaseLabel: template.releaseLabel,
  };
}

function lines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line !== '');
}

/** `key=value` lines as a map; the first `=` splits, so values may hold `=`. */
function parseSparkConf(text: string): {
  conf: Record<string, string>;
  error?: string;
} {
  const conf: Record<string, string> = {};
  for (const line of lines(text)) {
    const at = line.indexOf('=');
    const key = at < 0 ? '' : line.slice(0, at).trim();
    if (!key) {
      return { conf, error: `'${line}' is not key=value` };
    }
    if (key in conf) {
      return { conf, error: `'${key}' is set twice` };
    }
    conf[key] = line.slice(at + 1).trim();
  }
  return { conf };
}

/**
 * The request the fields make, or what keeps them from making one. These
 * checks only spare a round trip for what cannot be sent (an empty field, a
 * number that is not one, a line that is not key=value); the backend decides
 * every rule of a template and its 400 says which one failed.
 */
export function buildTemplateRequest(
  values: SparkTemplateFormValues,
):
  | { ok: true; request: SparkApplicationTemplateRequest }
  | { ok: false; errors: Partial<Record<SparkTemplateFormField, string>> } {
  const errors: Partial<Record<SparkTemplateFormField, string>> = {};
  const text = (field: SparkTemplateFormField) => {
    const value = values[field].trim();
    if (!value) errors[field] = 'Required';
    return value;
  };
  const whole = (field: SparkTemplateFormField) => {
    const value = values[field].trim();
    if (!/^\d+$/.test(value)) errors[field] = 'A whole number';
    return Number(value);
  };

  const name = text('name');
  const mainApplicationFile = text('mainApplicationFile');
  const mainClass = needsMainClass(values.type) ? text('mainClass') : '';
  const sparkConf = parseSparkConf(values.sparkConf);
  if (sparkConf.error) errors.sparkConf = sparkConf.error;
  const request: SparkApplicationTemplateRequest = {
    name,
    type: values.type,
    mainApplicationFile,
    ...(mainClass && { mainClass }),
    arguments: lines(values.arguments),
    sparkConf: sparkConf.conf,
    driver: { cores: whole('driverCores'), memory: text('driverMemory') },
    executor: {
      cores: whole('executorCores'),
      memory: text('executorMemory'),
      instances: whole('executorInstances'),
    },
    releaseLabel: text('releaseLabel'),
  };
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, request };
}
