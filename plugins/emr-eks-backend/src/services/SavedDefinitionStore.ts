import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** One migration run per client: two stores migrating at once race on knex's own tables. */
const migrations = new WeakMap<Knex, Promise<unknown>>();

function migrated(db: Knex): Promise<unknown> {
  let done = migrations.get(db);
  if (!done) {
    done = db.migrate.latest({
      directory: resolvePackagePath(
        '@emr-eks/plugin-emr-eks-backend',
        'migrations',
      ),
    });
    migrations.set(db, done);
  }
  return done;
}

/** Who saved a definition, and when. */
export type Saved<D> = D & { createdBy: string; createdAt: string };

interface Row {
  name: string;
  definition: string;
  created_by: string;
  created_at: string;
}

/**
 * Definitions teams save in the plugin's database, by the AWS resource they are for (one
 * column of the table) and name: EMR Serverless job definitions, Spark application templates,
 * stopped Spark Connect servers' applications.
 * Saving a name again replaces it.
 */
export class SavedDefinitionStore<D extends { name: string }> {
  private constructor(
    private readonly db: Knex,
    private readonly table: string,
    private readonly scopeColumn: string,
  ) {}

  static async create<D extends { name: string }>(
    database: DatabaseService,
    table: { name: string; scopeColumn: string },
  ): Promise<SavedDefinitionStore<D>> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await migrated(db);
    }
    return new SavedDefinitionStore<D>(db, table.name, table.scopeColumn);
  }

  async list(scope: string): Promise<Saved<D>[]> {
    const rows: Row[] = await this.db(this.table)
      .where({ [this.scopeColumn]: scope })
      .orderBy('name');
    return rows.map(toSaved<D>);
  }

  async get(scope: string, name: string): Promise<Saved<D> | undefined> {
    const row: Row | undefined = await this.db(this.table)
      .where({ [this.scopeColumn]: scope, name })
      .first();
    return row && toSaved<D>(row);
  }

  async save(
    scope: string,
    { name, ...definition }: D,
    createdBy: string,
  ): Promise<Saved<D>> {
    const row: Row = {
      name,
      definition: JSON.stringify(definition),
      created_by: createdBy,
      created_at: new Date().toISOString(),
    };
    await this.db(this.table)
      .insert({ ...row, [this.scopeColumn]: scope })
      .onConflict([this.scopeColumn, 'name'])
      .merge();
    return toSaved<D>(row);
  }

  /**
   * Removes a saved definition; with `createdAt`, only the one saved then (not one saved
   * again meanwhile, e.g. by another replica). Whether a row was removed.
   */
  async remove(
    scope: string,
    name: string,
    createdAt?: string,
  ): Promise<boolean> {
    const removed = await this.db(this.table)
      .where({
        [this.scopeColumn]: scope,
        name,
        ...(createdAt && { created_at: createdAt }),
      })
      .delete();
    return removed > 0;
  }
}

function toSaved<D>(row: Row): Saved<D> {
  return {
    ...(JSON.parse(row.definition) as D),
    name: row.name,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
