// @ts-check

/**
 * The budget and anomaly alerts sent: one row per team, kind, subject (a threshold, a day, a
 * job run) and period, unique, so each alert is sent once however many replicas check, and
 * after restarts. A replica inserts the row before sending; only the one whose row it is sends.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_eks_budget_alerts', table => {
    table.string('team_ref', 255).notNullable();
    table.string('kind', 32).notNullable();
    table.string('subject', 255).notNullable();
    table.string('period', 16).notNullable();
    // Which replica's insert it is: the one that reads its own claim back sends.
    table.string('claim', 64).notNullable();
    table.string('sent_at', 32).notNullable();
    table.unique(['team_ref', 'kind', 'subject', 'period'], {
      indexName: 'emr_eks_budget_alerts_once',
    });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_budget_alerts');
};
