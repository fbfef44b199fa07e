/**
 * Test helpers for the EMR on EKS backend packages: a loopback stand-in for AWS endpoints
 * that answers what a test says, including what no AWS API sends (HTML pages, bodies that
 * are not JSON, unknown error codes). Kept out of the main entry so production code never
 * loads it.
 *
 * @packageDocumentation
 */
export {
  html,
  iamError,
  iamXml,
  json,
  jsonError,
  startAwsStandIn,
} from './awsStandIn';
export type { StandInAnswer, StandInRequest } from './awsStandIn';
