/**
 * What the EMR on EKS backend packages share: AWS errors mapped once to Backstage errors,
 * config readers, and the options of every AWS client.
 *
 * @packageDocumentation
 */
export * from './awsErrors';
export * from './clientOptions';
export * from './config';
export * from './emrRuntime';
export * from './kubernetes';
export * from './kubernetesToken';
export * from './roles';
