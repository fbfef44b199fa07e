import { ZodIssue } from 'zod';
import { getShape, ServiceModel, Shape } from './loader';
import { ModelSchemas, SchemaMode } from './schemas';

export type ValidationResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string; issues: string[] };

/** AWS caps ValidationException messages (String1024 in this model). */
const MAX_MESSAGE = 1024;

/**
 * Validates values against model shapes and words failures the way AWS does:
 * "1 validation error detected: Value 'X' at 'states.1.member' failed to
 * satisfy constraint: Member must satisfy enum value set: [...]".
 */
export class ModelValidator {
  private readonly schemas: ModelSchemas;

  constructor(readonly model: ServiceModel) {
    this.schemas = new ModelSchemas(model);
  }

  input(shapeName: string, value: unknown): ValidationResult {
    return this.check(shapeName, value, 'input');
  }

  output(shapeName: string, value: unknown): ValidationResult {
    return this.check(shapeName, value, 'output');
  }

  private check(
    shapeName: string,
    value: unknown,
    mode: SchemaMode,
  ): ValidationResult {
    const result = this.schemas.forShape(shapeName, mode).safeParse(value);
    if (result.success) {
      return { ok: true, value: result.data as Record<string, unknown> };
    }
    const issues = result.error.issues.flatMap(issue =>
      this.describe(shapeName, value, issue),
    );
    const count = issues.length;
    const message = `${count} validation error${
      count === 1 ? '' : 's'
    } detected: ${issues.join('; ')}`;
    return { ok: false, message: message.slice(0, MAX_MESSAGE), issues };
  }

  private describe(
    rootShape: string,
    root: unknown,
    issue: ZodIssue,
  ): string[] {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(key => {
        const path = [...issue.path, key];
        return `Value ${this.show(rootShape, root, path)} at '${this.pathLabel(
          rootShape,
          path,
        )}' failed to satisfy constraint: ${issue.message}`;
      });
    }
    return [
      `Value ${this.show(rootShape, root, issue.path)} at '${this.pathLabel(
        rootShape,
        issue.path,
      )}' failed to satisfy constraint: ${issue.message}`,
    ];
  }

  /** Shape of the value at `path`, or undefined once the path leaves the model. */
  private shapeAt(
    rootShape: string,
    path: (string | number)[],
  ): Shape | undefined {
    let shape: Shape | undefined = getShape(this.model, rootShape);
    for (const step of path) {
      if (!shape) return undefined;
      let next: string | undefined;
      if (shape.type === 'structure')
        next = shape.members?.[String(step)]?.shape;
      else if (shape.type === 'list') next = shape.member?.shape;
      else if (shape.type === 'map') next = shape.value?.shape;
      shape = next ? this.model.shapes[next] : undefined;
    }
    return shape;
  }

  /** Coral style: list items are "<list>.<n>.member", counted from 1. */
  private pathLabel(rootShape: string, path: (string | number)[]): string {
    if (path.length === 0) return rootShape;
    const parts: string[] = [];
    path.forEach((step, i) => {
      const parent = this.shapeAt(rootShape, path.slice(0, i));
      if (parent?.type === 'list' && typeof step === 'number') {
        parts.push(`${step + 1}.member`);
      } else {
        parts.push(String(step));
      }
    });
    return parts.join('.');
  }

  private show(
    rootShape: string,
    root: unknown,
    path: (string | number)[],
  ): string {
    let value: unknown = root;
    for (const step of path) {
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<string | number, unknown>)[step]
          : undefined;
    }
    if (value === undefined || value === null) return 'null';
    // Like AWS, never echo values of sensitive members (entry points, parameters).
    if (this.shapeAt(rootShape, path)?.sensitive) return "'***'";
    if (value instanceof Date) return `'${value.toISOString()}'`;
    if (Array.isArray(value))
      return `'[${value.map(v => String(v)).join(', ')}]'`;
    if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
    return `'${String(value)}'`;
  }
}
