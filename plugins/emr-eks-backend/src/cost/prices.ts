import { PricingClient } from '@aws-sdk/client-pricing';
import { LoggerService } from '@backstage/backend-plugin-api';
import { readUpliftRate } from './priceList';
import { BUILT_IN_UPLIFT_PRICES, UpliftRate } from './uplift';

/** Prices read from the Price List are read again after this long. */
const PRICE_LIST_MAX_AGE_MS = 24 * 3_600_000;

/**
 * The EMR on EKS uplift price of each region: `emrEks.cost.upliftPrices` first (the operator
 * said so), then the AWS Price List when enabled (kept a day), then the built-in us-east-1
 * prices. A region with none of these has no price: its estimates are stored as unknown,
 * never at another region's price, and this is logged once per region.
 */
export class UpliftPrices {
  private readonly fromPriceList = new Map<
    string,
    { rate?: UpliftRate; readAt: number }
  >();
  private readonly reported = new Set<string>();

  constructor(
    private readonly configured: Record<string, UpliftRate>,
    private readonly logger: LoggerService,
    private readonly pricing?: PricingClient,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Reads the Price List for the regions not read in the last day (when it is enabled). A
   * failure keeps what was read before and is logged: estimates wait for a price, they do
   * not stop ingestion.
   */
  async refresh(regions: string[]): Promise<void> {
    if (!this.pricing) {
      return;
    }
    for (const region of new Set(regions)) {
      if (this.configured[region]) {
        continue;
      }
      const cached = this.fromPriceList.get(region);
      if (cached && this.now() - cached.readAt < PRICE_LIST_MAX_AGE_MS) {
        continue;
      }
      try {
        const answer = await readUpliftRate(this.pricing, region);
        if ('rate' in answer) {
          this.fromPriceList.set(region, {
            rate: answer.rate,
            readAt: this.now(),
          });
          this.logger.info(
            `EMR on EKS uplift price of ${region} from the AWS Price List: $${answer.rate.vcpuHour} per vCPU-hour, $${answer.rate.gbHour} per GB-hour`,
          );
        } else {
          this.fromPriceList.set(region, {
            rate: cached?.rate,
            readAt: this.now(),
          });
          this.logger.warn(
            `No EMR on EKS uplift price of ${region} from the AWS Price List: ${answer.reason}`,
          );
        }
      } catch (error) {
        this.logger.warn(
          `Could not read the EMR on EKS uplift price of ${region} from the AWS Price List; trying again on the next ingestion`,
          error as Error,
        );
      }
    }
  }

  /** The region's price, or undefined (logged once per region) when it is not known. */
  priceFor(region: string): UpliftRate | undefined {
    const rate =
      this.configured[region] ??
      this.fromPriceList.get(region)?.rate ??
      BUILT_IN_UPLIFT_PRICES[region];
    if (!rate && !this.reported.has(region)) {
      this.reported.add(region);
      this.logger.warn(
        `EMR on EKS uplift is not priced for ${region}: its estimates are stored as unknown until a price is set at emrEks.cost.upliftPrices.${region} (vcpuHour, gbHour)${
          this.pricing ? '' : ' or emrEks.cost.priceList is enabled'
        }; billed figures from the CUR are shown where they exist`,
      );
    }
    return rate;
  }
}
