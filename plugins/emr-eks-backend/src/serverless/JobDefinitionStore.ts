import { DatabaseService } from '@backstage/backend-plugin-api';
import type { ServerlessJobDefinitionRequest } from '@emr-eks/plugin-emr-eks-common';
import { SavedDefinitionStore } from '../services/SavedDefinitionStore';

/** The job definitions teams saved, per EMR Serverless application, in the plugin's database. */
export type JobDefinitionStore =
  SavedDefinitionStore<ServerlessJobDefinitionRequest>;

export const JobDefinitionStore = {
  create: (database: DatabaseService): Promise<JobDefinitionStore> =>
    SavedDefinitionStore.create(database, {
      name: 'emr_serverless_job_definitions',
      scopeColumn: 'application_arn',
    }),
};
