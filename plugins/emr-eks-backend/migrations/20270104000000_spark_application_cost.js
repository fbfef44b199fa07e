// @ts-check

/**
 * Spark Operator and spark-submit applications' cost, one row per cost cluster, virtual
 * cluster, namespace, application and UTC day: Kubecost's compute of their pods and, for pods
 * on an EMR runtime image, the EMR on EKS uplift estimate (null when the region is unpriced).
 * A table of its own: these rows have no job run, component or capacity type, and a day is
 * replaced whole at each ingestion.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_eks_spark_app_cost_daily', table => {
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('cluster', 100).notNullable();
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('namespace', 63).notNullable();
    table.string('day', 10).notNullable();
    // spark-operator or spark-submit.
    table.string('kind', 16).notNullable();
    table.string('application', 255).notNullable();
    table.boolean('emr_runtime').notNullable();
    table.double('total_cost').notNullable();
    table.double('cpu_request_core_hours').notNullable();
    table.double('ram_request_gb_hours').notNullable();
    // 0 off the EMR runtime; null when on it and the region has no price.
    table.double('uplift_estimate').nullable();
    table.primary([
      'cluster',
      'virtual_cluster_id',
      'namespace',
      'day',
      'kind',
      'application',
      'emr_runtime',
    ]);
    table.index(
      ['account_id', 'region', 'virtual_cluster_id', 'day'],
      'emr_eks_spark_app_cost_daily_vc_day_idx',
    );
    table.index(['day'], 'emr_eks_spark_app_cost_daily_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_spark_app_cost_daily');
};
