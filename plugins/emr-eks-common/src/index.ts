/**
 * Annotations, permissions and wire types shared by the EMR on EKS plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './arn';
export * from './permissions';
export * from './types';
export * from './failures';
export * from './links';
export * from './templateParameters';
export * from './cost';
export * from './ownership';
export * from './budget';
export * from './entityNames';
export * from './serverless';
export * from './serverlessFailures';
export * from './spark';
export * from './sparkConnect';
export * from './sparkTemplates';
