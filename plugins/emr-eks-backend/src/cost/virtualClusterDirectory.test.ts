import { EMRContainersClient } from '@aws-sdk/client-emr-containers';
import { DEMO, createSandbox } from '@emr-eks/sandbox';
import { CostCluster } from './config';
import { EmrContainersVirtualClusterDirectory } from './virtualClusterDirectory';

describe('EmrContainersVirtualClusterDirectory', () => {
  const sandbox = createSandbox({ seed: 3 });
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const running = await sandbox.listen(0);
    url = running.url;
    close = () => running.close();
  });
  afterAll(() => close());

  const asked: Array<{ accountId: string; region: string }> = [];
  const directory = new EmrContainersVirtualClusterDirectory(async target => {
    asked.push(target);
    return new EMRContainersClient({
      region: target.region,
      endpoint: url,
      credentials: {
        accessKeyId: 'AKIATESTTESTTESTTEST',
        secretAccessKey: 'x',
      },
      maxAttempts: 1,
    });
  });
  const cluster = (partial: Partial<CostCluster>): CostCluster => ({
    name: 'analytics-shared',
    baseUrl: 'http://kubecost.test',
    flavor: 'kubecost',
    accountId: DEMO.accountId,
    region: DEMO.region,
    eksClusterName: DEMO.eksClusterName,
    ...partial,
  });

  it('maps each virtual cluster of the EKS cluster to the namespace EMR registered it on', async () => {
    const namespaces = await directory.namespacesOf(cluster({}));
    const { 'data-team-a': a, 'data-team-b': b } = DEMO.virtualClusters;
    expect(namespaces.get(a.id)).toBe('data-team-a');
    expect(namespaces.get(b.id)).toBe('data-team-b');
    expect(asked.at(-1)).toEqual({
      accountId: DEMO.accountId,
      region: DEMO.region,
    });
  });

  it('lists only the configured EKS cluster, in the configured region', async () => {
    const eu = DEMO.secondaryRegion;
    expect(
      await directory.namespacesOf(
        cluster({ region: eu.region, eksClusterName: eu.eksClusterName }),
      ),
    ).toEqual(
      new Map([[eu.virtualClusters['data-team-b'].id, 'data-team-b-eu']]),
    );
    expect(
      (await directory.namespacesOf(cluster({ eksClusterName: 'another' })))
        .size,
    ).toBe(0);
  });
});
