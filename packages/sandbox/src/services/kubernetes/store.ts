import { Clock } from '../../clock';
import { DEMO } from '../../demo';
import { Random } from '../../random';
import { KubernetesCluster } from './cluster';
import { resource } from './resources';
import { SparkOperator } from './sparkOperator';
import { demoSparkTenants, seedSparkRuns } from './sparkSeed';
import { seedSparkConnect } from './sparkConnectSeed';

/** The Kubernetes API of every sandbox EKS cluster. */
export class KubernetesStore {
  private clusters = new Map<string, KubernetesCluster>();
  /** The simulated Spark Operator of every cluster. */
  readonly spark: SparkOperator;

  constructor(
    private readonly clock: Clock,
    private readonly seed: number,
    private readonly demoData: boolean,
    private readonly clusterNames: string[],
    accelerate = 30,
  ) {
    this.spark = new SparkOperator(clock, accelerate);
    this.reset();
  }

  reset(): void {
    this.clusters.clear();
    this.spark.reset();
    const random = new Random(this.seed ^ 0x8e5);
    for (const name of this.clusterNames) {
      const cluster = new KubernetesCluster(name, this.clock, random);
      this.clusters.set(name, cluster);
      for (const ns of [
        'default',
        'kube-system',
        'kube-public',
        'kube-node-lease',
      ]) {
        cluster.create(
          resource('namespaces'),
          undefined,
          { metadata: { name: ns } },
          'kube-apiserver',
        );
      }
    }
    if (!this.demoData) return;
    // The demo tenants' namespaces as emr:namespace:prepare labels them, so the templates
    // that check a tenant (Spark Connect, job templates) accept the demo teams' own.
    const seedNamespace = (cluster: string, namespace: string, team: string) =>
      this.clusters.get(cluster)?.create(
        resource('namespaces'),
        undefined,
        {
          metadata: {
            name: namespace,
            labels: {
              team,
              'app.kubernetes.io/managed-by': 'backstage',
              'backstage.io/team': team,
              'backstage.io/owner': `group.default.${team}`,
              nsname: namespace,
            },
            annotations: { 'backstage.io/owner': `group:default/${team}` },
          },
        },
        'kubectl-create',
      );
    for (const vc of Object.values(DEMO.virtualClusters)) {
      seedNamespace(DEMO.eksClusterName, vc.namespace, vc.team);
    }
    for (const vc of Object.values(DEMO.secondaryRegion.virtualClusters)) {
      seedNamespace(DEMO.secondaryRegion.eksClusterName, vc.namespace, vc.team);
    }
    for (const { team, cluster, region } of demoSparkTenants()) {
      const k8s = this.clusters.get(cluster);
      if (k8s) seedSparkRuns(k8s, this.spark, team, region, this.clock.now());
    }
    const shared = this.clusters.get(DEMO.eksClusterName);
    if (shared) {
      seedSparkConnect(shared, this.spark, this.clock.now());
    }
  }

  /** A cluster's objects, its Spark applications brought up to the clock's time. */
  cluster(name: string): KubernetesCluster | undefined {
    const found = this.clusters.get(name);
    if (found) this.spark.reconcile(found);
    return found;
  }

  /** Every Spark run of every cluster, brought up to the clock's time (deleted ones too). */
  sparkRuns(): ReturnType<SparkOperator['runs']> {
    for (const cluster of this.clusters.values()) this.spark.reconcile(cluster);
    return this.spark.runs();
  }

  clusterNamesList(): string[] {
    return [...this.clusters.keys()];
  }
}
