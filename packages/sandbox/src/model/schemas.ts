import { z, ZodTypeAny } from 'zod';
import { getShape, Shape, ServiceModel } from './loader';

/*
 * Turns model shapes into zod schemas at runtime. Every constraint comes from
 * the model (required, enum, min/max, pattern, union); the messages follow the
 * wording AWS uses so they can be put together into a ValidationException.
 *
 * - 'input' mode validates requests: timestamps become Date objects and
 *   members the model does not define are dropped, as AWS ignores them.
 * - 'output' mode checks responses: timestamps must be ISO 8601 strings and
 *   members the model does not define are errors, so the sandbox cannot drift.
 */
export type SchemaMode = 'input' | 'output';

const NOT_NULL = 'Member must not be null';
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export function isIsoTimestamp(value: string): boolean {
  return ISO_8601.test(value) && !Number.isNaN(Date.parse(value));
}

function typeError(what: string) {
  return {
    required_error: NOT_NULL,
    invalid_type_error: `Member must be ${what}`,
  };
}

/** AWS (Coral) matches patterns against the whole value. */
function fullMatch(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`);
}

/** What a min/max constrains: a string's, list's or map's length, or a number's value. */
type Measure = 'length' | 'value';

const atLeast = (what: Measure, n: number) =>
  `Member must have ${what} greater than or equal to ${n}`;
const atMost = (what: Measure, n: number) =>
  `Member must have ${what} less than or equal to ${n}`;

/** Applies the shape's min and max, worded as AWS words them. */
function bounded<
  S extends { min(n: number, m: string): S; max(n: number, m: string): S },
>(schema: S, shape: Shape, what: Measure): S {
  let out = schema;
  if (shape.min !== undefined)
    out = out.min(shape.min, atLeast(what, shape.min));
  if (shape.max !== undefined)
    out = out.max(shape.max, atMost(what, shape.max));
  return out;
}

export class ModelSchemas {
  private readonly cache = new Map<string, ZodTypeAny>();

  constructor(private readonly model: ServiceModel) {}

  forShape(name: string, mode: SchemaMode): ZodTypeAny {
    const key = `${mode}:${name}`;
    let schema = this.cache.get(key);
    if (!schema) {
      schema = this.build(getShape(this.model, name), mode);
      this.cache.set(key, schema);
    }
    return schema;
  }

  /** Lazy so recursive shapes (Configuration.configurations) work. */
  private ref(name: string, mode: SchemaMode): ZodTypeAny {
    return z.lazy(() => this.forShape(name, mode));
  }

  private build(shape: Shape, mode: SchemaMode): ZodTypeAny {
    switch (shape.type) {
      case 'string':
        return this.string(shape);
      case 'integer':
      case 'long':
        return this.number(shape, true);
      case 'float':
      case 'double':
        return this.number(shape, false);
      case 'boolean':
        return z.boolean(typeError('a boolean'));
      case 'timestamp':
        if (mode === 'input') {
          // Query strings carry ISO 8601; JSON bodies what the shape says (epoch seconds by default).
          return z.preprocess(
            v =>
              (typeof v === 'string' && isIsoTimestamp(v)) ||
              (typeof v === 'number' && Number.isFinite(v))
                ? new Date(typeof v === 'number' ? v * 1000 : v)
                : v,
            z.date(typeError('a timestamp in ISO 8601 format')),
          );
        }
        // rest-json bodies carry epoch seconds unless the shape asks for ISO 8601
        // (emr-containers' Date does; emr-serverless' does not).
        return shape.timestampFormat === 'iso8601'
          ? z
              .string(typeError('an ISO 8601 timestamp string'))
              .refine(
                isIsoTimestamp,
                'Member must be an ISO 8601 timestamp string',
              )
          : z.number(typeError('a timestamp in epoch seconds')).finite();
      case 'blob':
        return z.string(typeError('base64 encoded data'));
      case 'list':
        return this.list(shape, mode);
      case 'map':
        return this.map(shape, mode);
      case 'structure':
        return this.structure(shape, mode);
      default:
        throw new Error(`Unsupported shape type ${String(shape.type)}`);
    }
  }

  private string(shape: Shape): ZodTypeAny {
    const base = z.string(typeError('a string'));
    if (shape.enum) {
      const values = shape.enum;
      return base.refine(v => values.includes(v), {
        message: `Member must satisfy enum value set: [${values.join(', ')}]`,
      });
    }
    let schema = bounded(base, shape, 'length');
    if (shape.pattern) {
      schema = schema.regex(
        fullMatch(shape.pattern),
        `Member must satisfy regular expression pattern: ${shape.pattern}`,
      );
    }
    return schema;
  }

  private number(shape: Shape, integer: boolean): ZodTypeAny {
    let schema = z.number(typeError(integer ? 'an integer' : 'a number'));
    if (integer) {
      schema = schema.int('Member must be an integer');
    }
    return bounded(schema, shape, 'value');
  }

  private list(shape: Shape, mode: SchemaMode): ZodTypeAny {
    return bounded(
      z.array(this.ref(shape.member!.shape, mode), typeError('a list')),
      shape,
      'length',
    );
  }

  private map(shape: Shape, mode: SchemaMode): ZodTypeAny {
    const key = this.forShape(shape.key!.shape, mode) as z.ZodType<string>;
    const value = this.ref(shape.value!.shape, mode);
    const { min, max } = shape;
    return z.record(key, value, typeError('a map')).superRefine((map, ctx) => {
      const size = Object.keys(map).length;
      if (min !== undefined && size < min) {
        ctx.addIssue({ code: 'custom', message: atLeast('length', min) });
      }
      if (max !== undefined && size > max) {
        ctx.addIssue({ code: 'custom', message: atMost('length', max) });
      }
    });
  }

  private structure(shape: Shape, mode: SchemaMode): ZodTypeAny {
    const required = new Set(shape.required ?? []);
    const fields: Record<string, ZodTypeAny> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      // Members bound to headers or the status code never appear in a JSON body.
      if (mode === 'output' && ref.location) continue;
      const member = this.ref(ref.shape, mode);
      fields[name] = required.has(name) ? member : member.optional();
    }
    const object = z.object(fields, typeError('a structure'));
    const checked =
      mode === 'output'
        ? object.strict('Member is not defined in the model')
        : object;
    if (!shape.union) {
      return checked;
    }
    return checked.superRefine((value, ctx) => {
      const set = Object.values(value as Record<string, unknown>).filter(
        v => v !== undefined,
      );
      if (set.length !== 1) {
        ctx.addIssue({
          code: 'custom',
          message: 'Member must have exactly one of its members set',
        });
      }
    });
  }
}
