import { expect, test } from '@playwright/test';
import { signIn } from './signIn';

const TEMPLATE = 'Create a Spark Connect endpoint for a team';
const ENTITY = '/catalog/default/resource/data-team-a-us-east-1';
// The sandbox's Kubernetes API of the shared cluster (any bearer token will do).
const KUBERNETES = 'http://127.0.0.1:4510/k8s/analytics-shared';
const NAMESPACE = 'data-team-a';
const CERTIFICATE =
  'arn:aws:acm:us-east-1:123456789012:certificate/e2e0c0de-1111-4222-8333-944445555666';
const TRUSTED = '203.0.113.0/24';

async function kubernetesObject(path: string) {
  const res = await fetch(`${KUBERNETES}/${path}`, {
    headers: { authorization: 'Bearer e2e' },
  });
  expect(res.status, path).toBe(200);
  return res.json();
}

test('a team lead creates a Spark Connect endpoint from the template and the virtual cluster shows its address', async ({
  page,
}) => {
  await signIn(page);
  // A new name each run: a retry makes its own endpoint.
  const name = `e2e-${Date.now().toString(36)}`;
  const hostname = `${name}.data-team-a.example.com`;
  const address = `sc://${hostname}:443/;use_ssl=true`;

  await page.goto('/create/templates/default/create-emr-eks-spark-connect');
  await expect(page.getByText(TEMPLATE).first()).toBeVisible();

  // Team and tenant
  const team = page
    .getByRole('combobox', { name: /Team/ })
    .or(page.getByLabel(/Team/))
    .first();
  await team.click();
  await team.fill('Data Team A');
  await page
    .getByRole('option', { name: /Data Team A|data-team-a/ })
    .first()
    .click();
  await page.getByLabel(/Tenant namespace/).fill(NAMESPACE);
  await page.getByLabel(/Endpoint name/).fill(name);
  await page.getByRole('button', { name: 'Next' }).click();
  // Spark: the release's defaults and the jar in the image
  await page
    .getByLabel(/Spark Connect server jar/)
    .fill('local:///usr/lib/spark/jars/spark-connect_2.12-3.5.1.jar');
  await page.getByRole('button', { name: 'Next' }).click();
  // Load balancer
  await page.getByLabel(/Hostname/).fill(hostname);
  await page.getByLabel(/ACM certificate ARN/).fill(CERTIFICATE);
  // The form starts with one trusted source (minItems 1).
  await page.getByLabel(/inboundCidrs-0/).fill(TRUSTED);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // The task's output names the address once its step has succeeded.
  await expect(page.getByText(address).first()).toBeVisible();
  await expect(page.getByText(/failed/i)).toHaveCount(0);

  // The task links to the virtual cluster it made the server on; its EMR tab lists the server
  // with its address.
  const link = page.getByRole('link', {
    name: 'Virtual cluster in the catalog',
  });
  await expect(link).toHaveAttribute('href', new RegExp(`${ENTITY}$`));
  await link.click();
  await page.getByRole('link', { name: 'EMR', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${ENTITY}/emr$`));
  const server = page.getByRole('region', {
    name: `Spark Connect server ${name}`,
  });
  await expect(server).toContainText(address);
  await expect(server).toContainText(`Reachable from ${TRUSTED}`);

  // What the action made in the team's namespace, as the cluster has it.
  const ingress = await kubernetesObject(
    `apis/networking.k8s.io/v1/namespaces/${NAMESPACE}/ingresses/${name}`,
  );
  expect(ingress.spec.ingressClassName).toBe('alb');
  expect(ingress.metadata.annotations).toMatchObject({
    'alb.ingress.kubernetes.io/inbound-cidrs': TRUSTED,
    'alb.ingress.kubernetes.io/certificate-arn': CERTIFICATE,
    'alb.ingress.kubernetes.io/backend-protocol-version': 'GRPC',
  });
  const [rule] = ingress.spec.rules;
  expect(rule.host).toBe(hostname);
  expect(rule.http.paths[0].backend.service).toEqual({
    name,
    port: { number: 15002 },
  });

  const app = await kubernetesObject(
    `apis/sparkoperator.k8s.io/v1beta2/namespaces/${NAMESPACE}/sparkapplications/${name}`,
  );
  expect(app.spec.mainClass).toBe(
    'org.apache.spark.sql.connect.service.SparkConnectServer',
  );
  expect(app.spec.sparkConf['spark.connect.grpc.binding.port']).toBe('15002');
  expect(app.spec.image).toMatch(/\/spark\/emr-7\.2\.0/);
});
