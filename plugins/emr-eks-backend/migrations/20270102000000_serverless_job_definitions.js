// @ts-check

/**
 * The job definitions teams save for their EMR Serverless applications (EMR Serverless has
 * no job templates), one per application and name.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_serverless_job_definitions', table => {
    table.string('application_arn', 256).notNullable();
    table.string('name', 64).notNullable();
    table.text('definition').notNullable().comment('the saved request, as JSON');
    table.string('created_by', 256).notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['application_arn', 'name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_serverless_job_definitions');
};
