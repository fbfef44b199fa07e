import { z } from 'zod';

// Lenient readers of the Kubecost / OpenCost JSON: only the fields this client reads are typed,
// every other key passes through untouched, and fields the servers mark `omitempty` or emit as
// `null` (NaN and Inf become `null` in OpenCost's `formatFloat64ForResponse`) may be absent.

/** A number that may be `null` (NaN/Inf upstream) or absent. */
const num = z.number().nullish();
const str = z.string().nullish();

/** Label maps: values are strings, but anything else is tolerated and ignored when read. */
const labelMap = z.record(z.string(), z.unknown()).nullish();

const timeSpan = z.object({ start: str, end: str }).passthrough().nullish();

/**
 * `{ code, data, message }` around every answer (OpenCost adds `status` and `warning`).
 * A missing `code` is taken as success when the HTTP status is.
 */
export const envelopeSchema = z
  .object({
    code: z.number().nullish(),
    data: z.unknown(),
    message: z.string().nullish(),
  })
  .passthrough();

/** One Allocation (Kubecost docs schema; OpenCost `AllocationJSON`). */
export const allocationSchema = z
  .object({
    name: str,
    properties: z
      .object({
        cluster: str,
        node: str,
        container: str,
        namespace: str,
        pod: str,
        providerID: str,
        labels: labelMap,
      })
      .passthrough()
      .nullish(),
    window: timeSpan,
    start: str,
    end: str,
    minutes: num,
    cpuCoreHours: num,
    cpuCoreRequestAverage: num,
    cpuCoreUsageAverage: num,
    cpuCost: num,
    cpuEfficiency: num,
    ramByteHours: num,
    ramByteRequestAverage: num,
    ramByteUsageAverage: num,
    ramCost: num,
    ramEfficiency: num,
    pvCost: num,
    networkCost: num,
    totalCost: num,
  })
  .passthrough();

/** Allocation `data`: sets in chronological order, one per step; a set may be `null` or `{}`. */
export const allocationDataSchema = z
  .array(z.record(z.string(), allocationSchema.nullable()).nullable())
  .nullable();

/** One Asset; only Node fields are typed (`Node.MarshalJSON`). */
export const assetSchema = z
  .object({
    type: str,
    properties: z
      .object({
        category: str,
        provider: str,
        cluster: str,
        name: str,
        providerID: str,
      })
      .passthrough()
      .nullish(),
    labels: labelMap,
    nodeType: str,
    preemptible: num,
  })
  .passthrough();

const assetSetSchema = z.record(z.string(), assetSchema.nullable());

/**
 * Assets `data`: Kubecost answers an array of sets, OpenCost `/assets` a single set object.
 * Both are accepted from either product.
 */
export const assetDataSchema = z
  .union([z.array(assetSetSchema.nullable()), assetSetSchema])
  .nullable();

/** One parsed Allocation: the typed fields plus whatever else the server sent. */
export type Allocation = z.infer<typeof allocationSchema>;
/** One parsed Asset: the typed Node fields plus whatever else the server sent. */
export type Asset = z.infer<typeof assetSchema>;
