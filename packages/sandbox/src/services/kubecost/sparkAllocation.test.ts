import { DAY, TEAM_A, T0, testSandbox } from '../../__testUtils__';
import { resource } from '../kubernetes';

/** The backend's Spark query: namespace and the labels that tell the runs apart. */
const SPARK_AGGREGATE = [
  'namespace',
  'label:spark-app-selector',
  'label:sparkoperator.k8s.io/app-name',
  'label:spark-app-name',
  'label:eks-subscription.amazonaws.com/emr.internal.id',
  'label:emr-containers.amazonaws.com/job.id',
].join(',');

const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function sparkKeys(
  api: ReturnType<typeof testSandbox>['api'],
  path = '/model/allocation/compute',
) {
  const response = await api
    .get(path)
    .query({
      window: `${iso(T0 - DAY)},${iso(T0)}`,
      aggregate: SPARK_AGGREGATE,
      accumulate: 'true',
      idle: 'false',
    })
    .expect(200);
  expect(response.body.data).toHaveLength(1);
  return response.body.data[0] as Record<
    string,
    { totalCost: number; properties: { namespace?: string } }
  >;
}

describe('Kubecost allocation of Spark Operator and spark-submit pods', () => {
  it('reports the demo teams’ runs by their labels, with the EMR runtime label on EMR images only', async () => {
    const { api } = testSandbox();
    const set = await sparkKeys(api);
    const ofTeamA = Object.entries(set).filter(([key]) =>
      key.startsWith(`${TEAM_A.namespace}/`),
    );
    const parts = ofTeamA.map(([key, allocation]) => ({
      parts: key.split('/'),
      cost: allocation.totalCost,
    }));
    const operator = (name: string) =>
      parts.find(p => p.parts[2] === name && p.parts[5] === '__unallocated__');
    // EMR runtime image: the label is there; plain Apache Spark: it is not.
    expect(operator('taxi-zones-nightly')?.parts[4]).not.toBe(
      '__unallocated__',
    );
    expect(operator('oss-spark-pi')?.parts[4]).toBe('__unallocated__');
    expect(operator('taxi-zones-nightly')!.cost).toBeGreaterThan(0);
    // spark-submit: a selector and spark-app-name, no operator label.
    const submit = parts.find(p => p.parts[3] === 'adhoc-report');
    expect(submit?.parts[2]).toBe('__unallocated__');
    expect(submit?.parts[1]).toMatch(/^spark-[0-9a-f]{32}$/);
    expect(submit!.cost).toBeGreaterThan(0);
    // EMR on EKS job runs' pods come with their job id, and are still there.
    expect(parts.some(p => p.parts[5] !== '__unallocated__')).toBe(true);
  });

  it('keeps a finished application’s cost after it is deleted, as Kubecost keeps history', async () => {
    const { api, sandbox } = testSandbox();
    const before = await sparkKeys(api);
    const key = Object.keys(before).find(
      k =>
        k.startsWith(`${TEAM_A.namespace}/spark-`) &&
        k.includes('/taxi-zones-nightly/'),
    )!;
    expect(key).toBeDefined();
    const cluster = sandbox.kubernetes.cluster('analytics-shared')!;
    cluster.remove(
      resource('sparkapplications'),
      TEAM_A.namespace,
      'taxi-zones-nightly',
    );
    const after = await sparkKeys(api);
    expect(after[key].totalCost).toBeCloseTo(before[key].totalCost, 6);
  });
});
