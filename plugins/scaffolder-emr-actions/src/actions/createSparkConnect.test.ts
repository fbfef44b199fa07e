import { KubernetesObjectApi } from '@kubernetes/client-node';
import { createEmrEksActions } from '.';
import {
  CheckpointStore,
  IMAGE_ACCOUNT,
  testAuthorizer,
  testConfig,
} from '../__testUtils__/context';
import { DEMO } from '@emr-eks/sandbox';
import {
  DATA_TEAM_A,
  EKS,
  expectInvalid,
  kind,
  run,
  TEAM_X,
  TEAM_Y,
  useSandbox,
} from '../__testUtils__/sandbox';
import { DefaultClientFactory } from '../lib/clients';
import {
  EMR_RUNTIME_SPARK_CONF,
  EMRFS_HADOOP_CONF,
} from '@emr-eks/plugin-emr-eks-node';

const ID = 'emr:sparkConnect:create';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a';
const INPUT = {
  ...TEAM_X,
  name: 'connect',
  releaseLabel: 'emr-7.2.0',
  sparkVersion: '3.5.1',
  applicationFile: 's3://team-x-code/jars/spark-connect_2.12-3.5.1.jar',
  certificateArn: CERT,
  inboundCidrs: ['203.0.113.0/24', '198.51.100.17/32'],
  hostname: 'spark.team-x.example.com',
};
const APPS = kind(
  'sparkapplications',
  'SparkApplication',
  'sparkoperator.k8s.io',
  'v1beta2',
  true,
);
const SERVICES = kind('services', 'Service', '', 'v1', true);
const INGRESSES = {
  ...kind('ingresses', 'Ingress', 'networking.k8s.io', 'v1', true),
  singular: 'ingress',
};
const LABELS = {
  'app.kubernetes.io/managed-by': 'backstage',
  'backstage.io/team': 'team-x',
  'backstage.io/scaffolder-task-id': 'task-0001',
  'app.kubernetes.io/name': 'spark-connect',
  'app.kubernetes.io/instance': 'connect',
};

describe('emr:sparkConnect:create', () => {
  const env = useSandbox();
  const k8s = () => env.k8s();
  const find = (r: typeof APPS, ns = 'team-x', name = 'connect') =>
    k8s().find(r as any, ns, name);
  /** team-x's namespace and its virtual cluster, as the onboarding template makes them. */
  const onboard = async (actions: Record<string, any>) => {
    await run(actions, 'emr:namespace:prepare', TEAM_X).done;
    const vc = run(actions, 'emr:virtualCluster:create', {
      ...TEAM_X,
      name: 'team-x',
    });
    await vc.done;
    return vc.outputs;
  };

  it('creates the server, its Service and its ALB Ingress in the team namespace, and gives the sc:// address', async () => {
    const actions = env.actions();
    const vc = await onboard(actions);
    const { done, outputs } = run(actions, ID, INPUT);
    await done;

    const app = find(APPS)!;
    expect(app.metadata.labels).toEqual(LABELS);
    expect(app.metadata.annotations).toEqual({
      'backstage.io/owner': 'group:default/team-x',
    });
    expect(app.spec).toEqual({
      type: 'Scala',
      mode: 'cluster',
      image: `${IMAGE_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/spark/emr-7.2.0:latest`,
      imagePullPolicy: 'Always',
      mainClass: 'org.apache.spark.sql.connect.service.SparkConnectServer',
      mainApplicationFile: INPUT.applicationFile,
      sparkVersion: '3.5.1',
      hadoopConf: EMRFS_HADOOP_CONF,
      sparkConf: {
        ...EMR_RUNTIME_SPARK_CONF,
        'spark.connect.grpc.binding.port': '15002',
      },
      restartPolicy: {
        type: 'Always',
        onFailureRetryInterval: 10,
        onSubmissionFailureRetryInterval: 20,
      },
      driver: {
        cores: 2,
        memory: '8g',
        serviceAccount: 'emr-job-execution-sa',
        labels: { 'app.kubernetes.io/instance': 'connect' },
      },
      executor: {
        cores: 2,
        memory: '8g',
        instances: 2,
        serviceAccount: 'emr-job-execution-sa',
      },
    });
    expect(app.spec.hadoopConf['fs.s3.impl']).toBe(
      'com.amazon.ws.emr.hadoop.fs.EmrFileSystem',
    );

    const service = find(SERVICES)!;
    expect(service.metadata.labels).toEqual(LABELS);
    expect(service.spec).toMatchObject({
      type: 'ClusterIP',
      selector: {
        'sparkoperator.k8s.io/app-name': 'connect',
        'spark-role': 'driver',
      },
      ports: [
        { name: 'grpc', protocol: 'TCP', port: 15002, targetPort: 15002 },
      ],
    });

    const ingress = find(INGRESSES)!;
    expect(ingress.metadata.labels).toEqual(LABELS);
    expect(ingress.metadata.annotations).toEqual({
      'backstage.io/owner': 'group:default/team-x',
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/certificate-arn': CERT,
      'alb.ingress.kubernetes.io/inbound-cidrs':
        '203.0.113.0/24,198.51.100.17/32',
    });
    expect(ingress.spec).toEqual({
      ingressClassName: 'alb',
      rules: [
        {
          host: 'spark.team-x.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: { name: 'connect', port: { number: 15002 } },
                },
              },
            ],
          },
        },
      ],
    });

    expect(outputs.address).toBe(
      'sc://spark.team-x.example.com:443/;use_ssl=true',
    );
    expect(outputs.snippet).toContain(
      'SparkSession.builder.remote("sc://spark.team-x.example.com:443/;use_ssl=true").getOrCreate()',
    );
    // The virtual cluster on the namespace, whose EMR tab shows the endpoint.
    expect(outputs.virtualClusterId).toBe(vc.virtualClusterId);
    expect(outputs.entityRef).toBe('resource:default/team-x-us-east-1');
    expect(outputs.entityRef).toBe(vc.entityRef);
  });

  it("links the demo tenant's endpoint to the demo virtual cluster the catalog shows", async () => {
    const { done, outputs } = run(env.actions(), ID, {
      ...INPUT,
      ...DATA_TEAM_A,
      name: 'connect-demo',
      hostname: 'connect-demo.data-team-a.example.com',
    });
    await done;
    expect(find(APPS, 'data-team-a', 'connect-demo')).toBeDefined();
    expect(outputs.virtualClusterId).toBe(
      DEMO.virtualClusters['data-team-a'].id,
    );
    // The entity of packages/app's e2e EMR tab: /catalog/default/resource/data-team-a-us-east-1/emr.
    expect(outputs.entityRef).toBe('resource:default/data-team-a-us-east-1');
  });

  it('refuses, before any write, a namespace with no virtual cluster to show the endpoint on', async () => {
    const actions = env.actions();
    await run(actions, 'emr:namespace:prepare', TEAM_X).done;
    env.sandbox.stats.reset();
    const { done } = run(actions, ID, INPUT);
    await expect(done).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'namespace team-x on analytics-prod has no RUNNING virtual cluster, so the catalog has no entity to show the endpoint on; create one with emr:virtualCluster:create (the onboarding template) first',
    });
    expect(env.writes()).toBe(0);
    expect(find(APPS)).toBeUndefined();
  });

  it('names the field at fault, before any call', async () => {
    const cases: Array<[object, RegExp]> = [
      [
        { certificateArn: 'arn:aws:iam::123456789012:role/x' },
        /certificateArn: must be an ACM certificate ARN/,
      ],
      [
        { inboundCidrs: ['203.0.113.0/33'] },
        /inboundCidrs\.0: must be a CIDR block/,
      ],
      [
        { inboundCidrs: [] },
        /inboundCidrs: must name at least one trusted source/,
      ],
      [
        { inboundCidrs: ['0.0.0.0/0'] },
        /inboundCidrs: 0.0.0.0\/0 admits every address/,
      ],
      [{ inboundCidrs: ['::/0'] }, /inboundCidrs: ::\/0 admits every address/],
      [
        { hostname: 'https://spark.example.com' },
        /hostname: must be a lowercase DNS name/,
      ],
      [
        { releaseLabel: 'emr-7.2.0-latest' },
        /releaseLabel: must be an EMR release/,
      ],
      [{ sparkVersion: '3.3.1' }, /sparkVersion: must be 3.4 or later/],
      [{ name: '1connect' }, /name: must start with a letter/],
      [{ driver: { memory: '8 GB' } }, /driver.memory: must be Spark memory/],
      [{ applicationFile: '/tmp/x.jar' }, /applicationFile: must be/],
      [
        {
          certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc',
        },
        /certificateArn: the certificate is in 123456789012 eu-west-1; cluster analytics-prod's load balancers need one in 123456789012 us-east-1/,
      ],
    ];
    for (const [change, message] of cases) {
      await expectInvalid(ID, { ...INPUT, ...change }, message);
    }
  });

  it('admits 0.0.0.0/0 only where the platform allows it, and refuses a region without a known image account', async () => {
    await onboard(env.actions());
    const open = { ...INPUT, inboundCidrs: ['0.0.0.0/0'] };
    await run(
      env.actions({
        sparkConnect: {
          allowAnyInbound: true,
          imageAccounts: [{ region: 'us-east-1', accountId: IMAGE_ACCOUNT }],
        },
      }),
      ID,
      open,
    ).done;
    expect(
      find(INGRESSES)!.metadata.annotations[
        'alb.ingress.kubernetes.io/inbound-cidrs'
      ],
    ).toBe('0.0.0.0/0');
    const noImage = run(env.actions({ sparkConnect: {} }), ID, {
      ...INPUT,
      name: 'other',
    });
    await expect(noImage.done).rejects.toThrow(
      /cluster: no EMR runtime image account is known for us-east-1/,
    );
  });

  it('refuses a user outside the team before any call, and another team’s namespace before any write', async () => {
    env.sandbox.stats.reset();
    const outsider = run(env.actions(), ID, INPUT, {
      user: 'user:default/bob',
    });
    await expect(outsider.done).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: 'you are not a member of group:default/team-x',
    });
    expect(env.sandbox.stats.snapshot().total).toBe(0);

    const actions = env.actions();
    await run(actions, 'emr:namespace:prepare', TEAM_Y).done;
    env.sandbox.stats.reset();
    const { done } = run(actions, ID, { ...INPUT, namespace: 'team-y' });
    await expect(done).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'namespace team-y on analytics-prod belongs to team-y, not team-x',
    });
    expect(env.writes()).toBe(0);
    expect(find(APPS, 'team-y')).toBeUndefined();
  });

  it('rolls back only what this run created when a later object fails', async () => {
    const actions = env.actions();
    await onboard(actions);
    // Another team's Service of that name must survive the rollback untouched.
    const { root, config } = testConfig({
      url: `${env.url()}/k8s/${EKS}`,
      endpoint: env.url(),
      eksClusterName: EKS,
    });
    const real = DefaultClientFactory.fromConfig(root, config);
    const failing = createEmrEksActions({
      config,
      authorizer: testAuthorizer(),
      clients: {
        iam: t => real.iam(t),
        eks: t => real.eks(t),
        s3: t => real.s3(t),
        emrContainers: t => real.emrContainers(t),
        emrServerless: t => real.emrServerless(t),
        kubernetes: cluster => {
          const api = real.kubernetes(cluster);
          return Object.assign(Object.create(api), {
            patch: (obj: any, ...rest: any[]) =>
              obj.kind === 'Ingress'
                ? Promise.reject(new Error('the API server is unavailable'))
                : (api.patch as any)(obj, ...rest),
          }) as KubernetesObjectApi;
        },
      },
    }).find(a => a.id === ID)!;
    const ctx = run({ [ID]: failing }, ID, INPUT);
    await expect(ctx.done).rejects.toThrow('the API server is unavailable');
    expect(find(APPS)).toBeUndefined();
    expect(find(SERVICES)).toBeUndefined();
    expect(find(INGRESSES)).toBeUndefined();
    expect(ctx.log.text()).toContain(
      'Rolled back: deleted SparkApplication team-x/connect',
    );
    expect(ctx.log.text()).toContain(
      'Rolled back: deleted Service team-x/connect',
    );
    expect(k8s().hasNamespace('team-x')).toBe(true);
  });

  it('refuses to take over an object the portal did not make, rolling back what it made before', async () => {
    const actions = env.actions();
    await onboard(actions);
    k8s().create(INGRESSES as any, 'team-x', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'connect', namespace: 'team-x' },
      spec: { ingressClassName: 'nginx' },
    });
    const { done } = run(actions, ID, INPUT);
    await expect(done).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'Ingress team-x/connect already exists on analytics-prod and was not made by the portal',
      ),
    });
    expect(find(APPS)).toBeUndefined();
    expect(find(INGRESSES)!.spec).toEqual({ ingressClassName: 'nginx' });
  });

  it('is idempotent: a retried task replays its checkpoints and a new run updates the same objects', async () => {
    const actions = env.actions();
    await onboard(actions);
    const store = new CheckpointStore();
    await run(actions, ID, INPUT, { store }).done;
    env.sandbox.stats.reset();
    await run(actions, ID, INPUT, { store }).done;
    expect(env.writes()).toBe(0);

    const again = run(
      actions,
      ID,
      { ...INPUT, executor: { instances: 4 } },
      {
        taskId: 'task-0002',
      },
    );
    await again.done;
    expect(k8s().list(APPS as any, 'team-x')).toHaveLength(1);
    expect(find(APPS)!.spec.executor.instances).toBe(4);
    expect(k8s().list(SERVICES as any, 'team-x')).toHaveLength(1);
    expect(k8s().list(INGRESSES as any, 'team-x')).toHaveLength(1);
    expect(again.log.text()).toContain('Changed Ingress team-x/connect');
  });

  it('dry run: logs the three manifests and the address, writing nothing', async () => {
    env.sandbox.stats.reset();
    const { done, log, outputs } = run(env.actions(), ID, INPUT, {
      isDryRun: true,
    });
    await done;
    expect(env.sandbox.stats.snapshot().total).toBe(0);
    expect(log.text()).toContain(
      'Dry run: would make 5 call(s), changing nothing',
    );
    expect(log.text()).toContain('SparkApplication team-x/connect');
    expect(log.text()).toContain(
      'alb.ingress.kubernetes.io/backend-protocol-version: GRPC',
    );
    expect(outputs.address).toBe(
      'sc://spark.team-x.example.com:443/;use_ssl=true',
    );
    expect(log.text()).toContain(
      `emr-containers:ListVirtualClusters (EKS ${EKS}, RUNNING): the one on team-x`,
    );
    expect(outputs.entityRef).toBe(
      'resource:default/<virtual cluster on team-x>',
    );
  });
});
