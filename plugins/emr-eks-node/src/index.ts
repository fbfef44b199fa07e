/**
 * What the EMR on EKS backend packages share: AWS errors mapped once to Backstage errors.
 *
 * @packageDocumentation
 */
export * from './awsErrors';
