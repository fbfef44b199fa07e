import { randomUUID } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const TABLE = 'emr_eks_budget_alerts';
const KEY = ['team_ref', 'kind', 'subject', 'period'];

/** What makes an alert the same alert: sent once per team, kind, subject and period. */
export interface AlertKey {
  teamRef: string;
  kind: string;
  subject: string;
  period: string;
}

const where = (key: AlertKey) => ({
  team_ref: key.teamRef,
  kind: key.kind,
  subject: key.subject,
  period: key.period,
});

/**
 * The alerts sent, in the plugin's database (a table with a unique key, created by the
 * plugin's migrations). Replicas and restarts share it, so an alert is claimed once.
 */
export class AlertLog {
  constructor(
    private readonly db: Knex,
    private readonly now: () => number = Date.now,
  ) {}

  /** The log in the plugin's database, migrated (the same migrations as the cost store). */
  static async create(database: DatabaseService): Promise<AlertLog> {
    const db = await database.getClient();
    if (!database.migrations?.skip) {
      await db.migrate.latest({
        directory: resolvePackagePath(
          '@emr-eks/plugin-emr-eks-backend',
          'migrations',
        ),
      });
    }
    return new AlertLog(db);
  }

  /**
   * Claims an alert: inserts its row unless one is there (on conflict do nothing, on SQLite
   * and PostgreSQL alike) and reads it back. Returns the claim when the row is this call's, so
   * only one caller ever sends; undefined when the alert was claimed before.
   */
  async claim(key: AlertKey): Promise<string | undefined> {
    const claim = randomUUID();
    await this.db(TABLE)
      .insert({
        ...where(key),
        claim,
        sent_at: new Date(this.now()).toISOString(),
      })
      .onConflict(KEY)
      .ignore();
    const row = await this.db(TABLE).where(where(key)).first('claim');
    return row?.claim === claim ? claim : undefined;
  }

  /** Gives a claim back when its alert could not be sent, so a later check sends it. */
  async release(key: AlertKey, claim: string): Promise<void> {
    await this.db(TABLE)
      .where({ ...where(key), claim })
      .delete();
  }
}
