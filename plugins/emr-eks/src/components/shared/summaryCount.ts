import {
  SummaryCount,
  VirtualClusterSummary,
} from '@emr-eks/plugin-emr-eks-common';

/** A count, or "1,000+" when the backend stopped counting at its limit. */
export function formatCount(
  summary: VirtualClusterSummary,
  count: SummaryCount,
): string {
  const value = summary[count].toLocaleString('en-US');
  return summary.truncated?.includes(count) ? `${value}+` : value;
}
