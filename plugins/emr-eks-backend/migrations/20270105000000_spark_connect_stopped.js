// @ts-check

/**
 * The SparkApplication of each Spark Connect server stopped through the portal, kept here
 * (not on the server's Service, which anyone who may patch Services can rewrite) until a
 * start makes it again; one per Kubernetes cluster and namespace (`<cluster>/<namespace>`)
 * and server name. created_by / created_at: who stopped it, when.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('emr_eks_spark_connect_stopped', table => {
    table.string('kubernetes_namespace', 200).notNullable();
    table.string('name', 64).notNullable();
    table
      .text('definition')
      .notNullable()
      .comment(
        'the SparkApplication as it was (labels, annotations, spec), as JSON',
      );
    table.string('created_by', 256).notNullable();
    table.string('created_at', 32).notNullable();
    table.primary(['kubernetes_namespace', 'name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('emr_eks_spark_connect_stopped');
};
