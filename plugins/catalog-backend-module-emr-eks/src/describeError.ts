import { describeAwsError } from '@emr-eks/plugin-emr-eks-node';

/**
 * One line about a failed AWS call for an operator's log; the wording is shared with the
 * backend plugin through `@emr-eks/plugin-emr-eks-node`.
 */
export function describeError(error: unknown, operation: string): string {
  return describeAwsError(error, operation);
}
