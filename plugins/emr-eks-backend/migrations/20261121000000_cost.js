// @ts-check

/**
 * Cost history: one row per cluster, job run, Spark component, capacity type and hour,
 * from Kubecost allocations; billed EMR uplift per job run and day from the CUR; and how far
 * each source is ingested.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_eks_cost_hourly', table => {
    // The configured EKS cluster (one Kubecost each) the row was ingested from.
    table.string('cluster', 100).notNullable();
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    table.string('component', 16).notNullable();
    table.string('capacity_type', 16).notNullable();
    // ISO 8601 UTC strings (`2026-11-21T13:00:00.000Z`, `2026-11-21`): they sort and compare
    // the same on SQLite and PostgreSQL, whatever the server's time zone.
    table.string('hour', 24).notNullable();
    table.string('day', 10).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.double('cpu_cost').notNullable();
    table.double('ram_cost').notNullable();
    table.double('pv_cost').notNullable();
    table.double('network_cost').notNullable();
    table.double('total_cost').notNullable();
    table.double('cpu_request_core_hours').notNullable();
    table.double('ram_request_gb_hours').notNullable();
    table.double('cpu_usage_core_hours').notNullable();
    table.double('ram_usage_gb_hours').notNullable();
    table.double('uplift_estimate').notNullable();
    table.primary([
      'cluster',
      'virtual_cluster_id',
      'job_run_id',
      'component',
      'capacity_type',
      'hour',
    ]);
    table.index(['virtual_cluster_id', 'hour'], 'emr_eks_cost_hourly_vc_hour_idx');
    table.index(['hour'], 'emr_eks_cost_hourly_hour_idx');
  });

  // Daily sums of the hourly rows, rebuilt for the days each ingestion touches; what reports read.
  await knex.schema.createTable('emr_eks_cost_daily', table => {
    table.string('cluster', 100).notNullable();
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    table.string('day', 10).notNullable();
    table.string('component', 16).notNullable();
    table.string('capacity_type', 16).notNullable();
    table.double('total_cost').notNullable();
    table.double('uplift_estimate').notNullable();
    table.double('cpu_request_core_hours').notNullable();
    table.double('ram_request_gb_hours').notNullable();
    table.double('cpu_usage_core_hours').notNullable();
    table.double('ram_usage_gb_hours').notNullable();
    table.primary([
      'cluster',
      'virtual_cluster_id',
      'job_run_id',
      'day',
      'component',
      'capacity_type',
    ]);
    table.index(['virtual_cluster_id', 'day'], 'emr_eks_cost_daily_vc_day_idx');
  });

  await knex.schema.createTable('emr_eks_uplift_billed', table => {
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    table.string('day', 10).notNullable();
    table.double('cost').notNullable();
    table.primary(['virtual_cluster_id', 'job_run_id', 'day']);
  });

  await knex.schema.createTable('emr_eks_cost_state', table => {
    // `kubecost:<cluster>` or `cur`.
    table.string('source', 120).primary();
    table.string('complete_until', 24).notNullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_cost_state');
  await knex.schema.dropTable('emr_eks_uplift_billed');
  await knex.schema.dropTable('emr_eks_cost_daily');
  await knex.schema.dropTable('emr_eks_cost_hourly');
};
