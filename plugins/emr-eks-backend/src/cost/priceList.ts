import { PricingClient, paginateGetProducts } from '@aws-sdk/client-pricing';
import { UpliftRate } from './uplift';

/** One product of a GetProducts answer, as far as it is read here. */
interface PriceListProduct {
  product?: {
    productFamily?: string;
    attributes?: Record<string, string>;
  };
  terms?: {
    OnDemand?: Record<
      string,
      {
        priceDimensions?: Record<
          string,
          { unit?: string; pricePerUnit?: Record<string, string> }
        >;
      }
    >;
  };
}

// EMR on EKS lines, not EMR on EC2's per-instance uplift or EMR Serverless's workers.
const EKS = /\b(eks|containers)\b/i;
const NOT_EKS = /serverless/i;
// The estimate assumes x86 pods (see the README); Graviton prices are other products.
const ARM = /\b(arm|arm64|graviton)\b/i;

function textOf(item: PriceListProduct): string {
  const attributes = item.product?.attributes ?? {};
  return [
    item.product?.productFamily,
    attributes.usagetype,
    attributes.operation,
    attributes.servicename,
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The EMR on EKS uplift prices in a GetProducts answer of one region: each item of
 * `PriceList` is a JSON string of one product with its `terms.OnDemand[…].priceDimensions[…]`
 * (`unit`, `pricePerUnit.USD`). The vCPU price is the one in `vCPU-Hours`, the memory price
 * the one in `GB-Hours`. Undefined, with the reason, unless exactly one price of each is found:
 * an ambiguous list is not guessed from.
 */
export function upliftRateFromPriceList(
  priceList: string[],
): { rate: UpliftRate } | { reason: string } {
  const vcpu = new Set<number>();
  const gb = new Set<number>();
  for (const raw of priceList) {
    let item: PriceListProduct;
    try {
      item = JSON.parse(raw);
    } catch {
      continue;
    }
    const text = textOf(item);
    if (!EKS.test(text) || NOT_EKS.test(text) || ARM.test(text)) {
      continue;
    }
    for (const term of Object.values(item.terms?.OnDemand ?? {})) {
      for (const dimension of Object.values(term.priceDimensions ?? {})) {
        const price = Number(dimension.pricePerUnit?.USD);
        const unit = dimension.unit ?? '';
        if (!Number.isFinite(price) || price <= 0) {
          continue;
        }
        if (/vcpu/i.test(unit)) {
          vcpu.add(price);
        } else if (/^gb/i.test(unit)) {
          gb.add(price);
        }
      }
    }
  }
  if (vcpu.size !== 1 || gb.size !== 1) {
    return {
      reason: `the Price List has ${vcpu.size} EMR on EKS vCPU-hour and ${gb.size} GB-hour prices for it (one of each is needed)`,
    };
  }
  return { rate: { vcpuHour: [...vcpu][0], gbHour: [...gb][0] } };
}

/** Reads one region's EMR on EKS uplift prices with the Price List Query API. */
export async function readUpliftRate(
  client: PricingClient,
  region: string,
): Promise<{ rate: UpliftRate } | { reason: string }> {
  const items: string[] = [];
  for await (const page of paginateGetProducts(
    { client },
    {
      ServiceCode: 'ElasticMapReduce',
      Filters: [{ Type: 'TERM_MATCH', Field: 'regionCode', Value: region }],
      FormatVersion: 'aws_v1',
    },
  )) {
    const list = page.PriceList;
    if (Array.isArray(list)) {
      items.push(...list.map(item => String(item)));
    }
  }
  return upliftRateFromPriceList(items);
}
