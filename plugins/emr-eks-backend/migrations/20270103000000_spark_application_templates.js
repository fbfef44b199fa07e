// @ts-check

/**
 * The Spark application templates teams save for their virtual clusters (the Spark
 * Operator actions start SparkApplications from them), one per virtual cluster and name.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable(
    'emr_eks_spark_application_templates',
    table => {
      table.string('virtual_cluster_arn', 256).notNullable();
      table.string('name', 64).notNullable();
      table
        .text('definition')
        .notNullable()
        .comment('the saved request, as JSON');
      table.string('created_by', 256).notNullable();
      table.string('created_at', 32).notNullable();
      table.primary(['virtual_cluster_arn', 'name']);
    },
  );
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_spark_application_templates');
};
