// @ts-check

/**
 * The uplift estimate may be unknown (null): a region with no known EMR on EKS price stores
 * null rather than another region's price. Existing rows keep their estimates.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  for (const name of [
    'emr_eks_cost_hourly',
    'emr_eks_cost_daily_v2',
    'emr_eks_cost_unattributed',
  ]) {
    await knex.schema.alterTable(name, table => {
      table.double('uplift_estimate').nullable().alter();
    });
  }
};

/**
 * Unknown estimates become 0 again, as before this migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  for (const name of [
    'emr_eks_cost_hourly',
    'emr_eks_cost_daily_v2',
    'emr_eks_cost_unattributed',
  ]) {
    await knex(name)
      .whereNull('uplift_estimate')
      .update({ uplift_estimate: 0 });
    await knex.schema.alterTable(name, table => {
      table.double('uplift_estimate').notNullable().alter();
    });
  }
};
