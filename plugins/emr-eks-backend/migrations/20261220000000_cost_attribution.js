// @ts-check

/**
 * Cost keyed by account, region and virtual cluster id (ids are unique only within an
 * account and region), and a table for cost that no virtual cluster can be charged with.
 *
 * The daily sums are rebuilt from the hourly rows, which already carry the account and region
 * of their cluster's configuration. Billed uplift rows take the account and region of the
 * hourly rows of the same virtual cluster; rows with no match keep empty ones and are
 * joined to nothing (the next CUR run restates its lookback window with the real values).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_eks_cost_daily_v2', table => {
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
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
      'account_id',
      'region',
      'cluster',
      'virtual_cluster_id',
      'job_run_id',
      'day',
      'component',
      'capacity_type',
    ]);
    table.index(
      ['account_id', 'region', 'virtual_cluster_id', 'day'],
      'emr_eks_cost_daily_v2_vc_day_idx',
    );
  });
  const keys = [
    'account_id',
    'region',
    'cluster',
    'virtual_cluster_id',
    'job_run_id',
    'day',
    'component',
    'capacity_type',
  ];
  const summed = [
    'total_cost',
    'uplift_estimate',
    'cpu_request_core_hours',
    'ram_request_gb_hours',
    'cpu_usage_core_hours',
    'ram_usage_gb_hours',
  ];
  await knex
    .into(knex.raw('?? (??)', ['emr_eks_cost_daily_v2', [...keys, ...summed]]))
    .insert(
      knex('emr_eks_cost_hourly')
        .select(keys)
        .sum(Object.fromEntries(summed.map(c => [c, c])))
        .groupBy(keys),
    );
  await knex.schema.dropTable('emr_eks_cost_daily');
  await knex.schema.createTable('emr_eks_uplift_billed_v2', table => {
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    table.string('day', 10).notNullable();
    table.double('cost').notNullable();
    table.primary([
      'account_id',
      'region',
      'virtual_cluster_id',
      'job_run_id',
      'day',
    ]);
  });
  const fromHourly = (/** @type {string} */ column) =>
    knex('emr_eks_cost_hourly as h')
      .select(`h.${column}`)
      .whereRaw('?? = ??', ['h.virtual_cluster_id', 'b.virtual_cluster_id'])
      .limit(1);
  await knex
    .into(
      knex.raw('?? (??)', [
        'emr_eks_uplift_billed_v2',
        [
          'account_id',
          'region',
          'virtual_cluster_id',
          'job_run_id',
          'day',
          'cost',
        ],
      ]),
    )
    .insert(
      knex('emr_eks_uplift_billed as b').select(
        knex.raw('coalesce((?), ?)', [fromHourly('account_id'), '']),
        knex.raw('coalesce((?), ?)', [fromHourly('region'), '']),
        'b.virtual_cluster_id',
        'b.job_run_id',
        'b.day',
        'b.cost',
      ),
    );
  await knex.schema.dropTable('emr_eks_uplift_billed');

  // Pods' cost that no virtual cluster is charged with, and why; shown to platform admins.
  await knex.schema.createTable('emr_eks_cost_unattributed', table => {
    table.string('cluster', 100).notNullable();
    table.string('account_id', 12).notNullable();
    table.string('region', 32).notNullable();
    table.string('hour', 24).notNullable();
    table.string('day', 10).notNullable();
    // Empty when unknown: Kubernetes names are never empty.
    table.string('namespace', 253).notNullable();
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    table.string('reason', 32).notNullable();
    table.double('total_cost').notNullable();
    table.double('uplift_estimate').notNullable();
    table.primary([
      'cluster',
      'hour',
      'namespace',
      'virtual_cluster_id',
      'job_run_id',
      'reason',
    ]);
    table.index(['day'], 'emr_eks_cost_unattributed_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_cost_unattributed');
  await knex.schema.createTable('emr_eks_uplift_billed', table => {
    table.string('virtual_cluster_id', 64).notNullable();
    table.string('job_run_id', 64).notNullable();
    table.string('day', 10).notNullable();
    table.double('cost').notNullable();
    table.primary(['virtual_cluster_id', 'job_run_id', 'day']);
  });
  await knex
    .into(
      knex.raw('?? (??)', [
        'emr_eks_uplift_billed',
        ['virtual_cluster_id', 'job_run_id', 'day', 'cost'],
      ]),
    )
    .insert(
      knex('emr_eks_uplift_billed_v2')
        .select('virtual_cluster_id', 'job_run_id', 'day')
        .sum({ cost: 'cost' })
        .groupBy('virtual_cluster_id', 'job_run_id', 'day'),
    );
  await knex.schema.dropTable('emr_eks_uplift_billed_v2');
  await knex.schema.dropTable('emr_eks_cost_daily_v2');
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
  const keys = [
    'cluster',
    'virtual_cluster_id',
    'job_run_id',
    'day',
    'component',
    'capacity_type',
  ];
  const summed = [
    'total_cost',
    'uplift_estimate',
    'cpu_request_core_hours',
    'ram_request_gb_hours',
    'cpu_usage_core_hours',
    'ram_usage_gb_hours',
  ];
  await knex
    .into(knex.raw('?? (??)', ['emr_eks_cost_daily', [...keys, ...summed]]))
    .insert(
      knex('emr_eks_cost_hourly')
        .select(keys)
        .sum(Object.fromEntries(summed.map(c => [c, c])))
        .groupBy(keys),
    );
};
