import fs from 'node:fs';
import path from 'node:path';

/*
 * Types for the parts of the botocore service model JSON the sandbox reads.
 * The model files live in <package>/model and are loaded at runtime: they are
 * the source of truth for routes, input binding and validation.
 */

export type ShapeType =
  | 'structure'
  | 'list'
  | 'map'
  | 'string'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'boolean'
  | 'timestamp'
  | 'blob';

export type MemberLocation =
  | 'uri'
  | 'querystring'
  | 'header'
  | 'headers'
  | 'statusCode';

export interface ShapeRef {
  shape: string;
  location?: MemberLocation;
  locationName?: string;
  idempotencyToken?: boolean;
}

export interface Shape {
  type: ShapeType;
  members?: Record<string, ShapeRef>;
  required?: string[];
  member?: ShapeRef;
  key?: ShapeRef;
  value?: ShapeRef;
  enum?: string[];
  pattern?: string;
  min?: number;
  max?: number;
  sensitive?: boolean;
  union?: boolean;
  timestampFormat?: string;
  exception?: boolean;
  error?: { httpStatusCode?: number; code?: string; senderFault?: boolean };
}

export interface Operation {
  name: string;
  http: { method: string; requestUri: string; responseCode?: number };
  input?: { shape: string };
  output?: { shape: string };
  errors?: { shape: string }[];
}

export interface ServiceModel {
  metadata: {
    apiVersion: string;
    endpointPrefix: string;
    protocol: string;
    signingName?: string;
    serviceId: string;
  };
  operations: Record<string, Operation>;
  shapes: Record<string, Shape>;
}

export interface Paginator {
  input_token: string;
  output_token: string;
  limit_key?: string;
  result_key: string;
}

export interface Paginators {
  pagination: Record<string, Paginator>;
}

export interface LoadedModel {
  service: ServiceModel;
  paginators: Paginators;
}

// Resolved through the package itself so it works from src/ and from a build.
const MODEL_DIR = path.join(
  path.dirname(require.resolve('@emr-eks/sandbox/package.json')),
  'model',
);
const cache = new Map<string, LoadedModel>();

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(MODEL_DIR, file), 'utf8')) as T;
}

/**
 * Loads `model/<name>-service-2.json` (and its paginators file when present),
 * e.g. loadModel('emr-containers').
 */
export function loadModel(name: string): LoadedModel {
  let loaded = cache.get(name);
  if (!loaded) {
    const service = readJson<ServiceModel>(`${name}-service-2.json`);
    const paginatorFile = `${name}-paginators-1.json`;
    const paginators = fs.existsSync(path.join(MODEL_DIR, paginatorFile))
      ? readJson<Paginators>(paginatorFile)
      : { pagination: {} };
    loaded = { service, paginators };
    cache.set(name, loaded);
  }
  return loaded;
}

/** Looks up a shape and fails loudly when the model lacks it. */
export function getShape(model: ServiceModel, name: string): Shape {
  const shape = model.shapes[name];
  if (!shape) {
    throw new Error(
      `Shape ${name} is not in the ${model.metadata.serviceId} model`,
    );
  }
  return shape;
}
