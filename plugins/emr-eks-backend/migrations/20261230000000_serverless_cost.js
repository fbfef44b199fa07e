// @ts-check

/**
 * EMR Serverless cost, one row per finished job run: what AWS billed it for (vCPU, memory and
 * storage hours) and its cost at the price named beside it, or no cost and why (unpriced).
 * A table of its own: a run has none of the Kubecost rows' component, capacity type or hour.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_eks_serverless_cost', table => {
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('application_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    // The UTC day the run ended: its cost is counted on that day.
    table.string('day', 10).notNullable();
    table.string('ended_at', 32).notNullable();
    table.string('state', 16).notNullable();
    table.string('application_name', 255).nullable();
    // The application's team tag when the run was ingested, for the record.
    table.string('team', 255).nullable();
    table.string('architecture', 16).nullable();
    table.double('vcpu_hours').notNullable();
    table.double('memory_gb_hours').notNullable();
    table.double('storage_gb_hours').notNullable();
    // Null when unpriced, with the price columns; unpriced_reason then says why.
    table.double('cost').nullable();
    table.double('vcpu_hour_price').nullable();
    table.double('memory_gb_hour_price').nullable();
    table.double('storage_gb_hour_price').nullable();
    table.text('price_source').nullable();
    table.text('unpriced_reason').nullable();
    table.primary(['account_id', 'region', 'application_id', 'job_run_id']);
    table.index(['account_id', 'region', 'application_id', 'day']);
    table.index(['day']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_serverless_cost');
};
