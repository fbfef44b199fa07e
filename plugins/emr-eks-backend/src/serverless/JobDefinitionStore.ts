import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ServerlessJobDefinition,
  ServerlessJobDefinitionRequest,
} from '@emr-eks/plugin-emr-eks-common';
import { Knex } from 'knex';

const TABLE = 'emr_serverless_job_definitions';

interface Row {
  application_arn: string;
  name: string;
  definition: string;
  created_by: string;
  created_at: string;
}

function toDefinition(row: Row): ServerlessJobDefinition {
  return {
    ...(JSON.parse(row.definition) as ServerlessJobDefinitionRequest),
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

/** The job definitions teams saved, per EMR Serverless application, in the plugin's database. */
export class JobDefinitionStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService): Promise<JobDefinitionStore> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@emr-eks/plugin-emr-eks-backend',
          'migrations',
        ),
      });
    }
    return new JobDefinitionStore(db);
  }

  async list(applicationArn: string): Promise<ServerlessJobDefinition[]> {
    const rows = await this.db<Row>(TABLE)
      .where({ application_arn: applicationArn })
      .orderBy('name');
    return rows.map(toDefinition);
  }

  async get(
    applicationArn: string,
    name: string,
  ): Promise<ServerlessJobDefinition | undefined> {
    const row = await this.db<Row>(TABLE)
      .where({ application_arn: applicationArn, name })
      .first();
    return row && toDefinition(row);
  }

  /** Saves `definition` under its name; saving a name again replaces it. */
  async save(
    applicationArn: string,
    { name, ...definition }: ServerlessJobDefinitionRequest,
    createdBy: string,
  ): Promise<ServerlessJobDefinition> {
    const row: Row = {
      application_arn: applicationArn,
      name,
      definition: JSON.stringify(definition),
      created_by: createdBy,
      created_at: new Date().toISOString(),
    };
    await this.db<Row>(TABLE)
      .insert(row)
      .onConflict(['application_arn', 'name'])
      .merge();
    return toDefinition(row);
  }
}
