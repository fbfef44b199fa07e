import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  testAuthorizer,
  testConfig,
  unreachableClients,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';

// The software templates at the repository root that drive these actions.
const TEMPLATES = path.resolve(__dirname, '../../../../templates');

const actions = Object.fromEntries(
  createEmrEksActions({
    config: testConfig().config,
    clients: unreachableClients,
    authorizer: testAuthorizer(),
  }).map(a => [a.id, a]),
);

const templates = fs
  .readdirSync(TEMPLATES)
  .filter(dir => fs.existsSync(path.join(TEMPLATES, dir, 'template.yaml')))
  .map(dir => [
    dir,
    parse(fs.readFileSync(path.join(TEMPLATES, dir, 'template.yaml'), 'utf8')),
  ]);

describe('software templates', () => {
  it('are all here', () => {
    expect(templates.map(([dir]) => dir).sort()).toEqual([
      'create-interactive-endpoint',
      'create-job-template',
      'emr-serverless-application',
      'onboard-data-team',
      'spark-connect',
    ]);
  });

  it.each(templates)(
    '%s passes only inputs the actions know, and every required one',
    (_dir, template) => {
      expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3');
      const steps = template.spec.steps.filter((s: any) =>
        s.action.startsWith('emr:'),
      );
      expect(steps.length).toBeGreaterThan(0);
      for (const step of steps) {
        const action = actions[step.action];
        expect(action).toBeDefined();
        // The JSON schema the scaffolder validates step input against.
        const schema = action.schema!.input as {
          properties: Record<string, unknown>;
          required?: string[];
        };
        const given = Object.keys(step.input);
        expect(given.filter(key => !(key in schema.properties))).toEqual([]);
        const required = schema.required ?? [];
        expect(required.filter(key => !given.includes(key))).toEqual([]);
      }
    },
  );

  it.each(templates)(
    "%s reads only outputs its steps' actions declare",
    (_dir, template) => {
      const actionOf = Object.fromEntries(
        template.spec.steps
          .filter((s: any) => s.action.startsWith('emr:'))
          .map((s: any) => [s.id, actions[s.action]]),
      );
      const used = [
        ...JSON.stringify(template.spec).matchAll(
          /steps\.([\w-]+)\.output\.(\w+)/g,
        ),
      ];
      expect(used.length).toBeGreaterThan(0);
      for (const [ref, id, key] of used.filter(
        ([, step]) => step in actionOf,
      )) {
        const schema = actionOf[id].schema?.output as
          | { properties: Record<string, unknown> }
          | undefined;
        expect({ ref, declared: Boolean(schema?.properties[key]) }).toEqual({
          ref,
          declared: true,
        });
      }
    },
  );

  it('the Spark Connect template links to the virtual cluster entity the action resolved', () => {
    const [, template] = templates.find(([dir]) => dir === 'spark-connect')!;
    expect(template.spec.output.links).toEqual([
      {
        title: 'Virtual cluster in the catalog',
        icon: 'catalog',
        entityRef: '${{ steps.sparkConnect.output.entityRef }}',
      },
    ]);
  });

  it('onboarding runs the actions in order and links to the virtual cluster entity', () => {
    const [, onboard] = templates.find(([dir]) => dir === 'onboard-data-team')!;
    expect(onboard.spec.steps.map((s: any) => s.action)).toEqual([
      'emr:namespace:prepare',
      'emr:role:create',
      'emr:virtualCluster:create',
      'emr:podTemplates:publish',
      'emr:jobTemplate:create',
    ]);
    expect(onboard.spec.output.links[0].entityRef).toBe(
      '${{ steps.virtualCluster.output.entityRef }}',
    );
  });

  it('the EMR Serverless template creates an application for a picked group and links its discovered entity', () => {
    const [, template] = templates.find(
      ([dir]) => dir === 'emr-serverless-application',
    )!;
    expect(template.metadata.title).toBe(
      'Create an EMR Serverless application for a team',
    );
    const owner = template.spec.parameters[0].properties.owner;
    expect(owner['ui:field']).toBe('OwnerPicker');
    expect(owner['ui:options'].catalogFilter).toEqual({ kind: 'Group' });
    expect(template.spec.steps.map((s: any) => s.action)).toEqual([
      'emr:serverlessApplication:create',
    ]);
    expect(template.spec.output.links[0].entityRef).toBe(
      '${{ steps.application.output.entityRef }}',
    );
  });

  it('endpoint and job templates pick only virtual clusters the user owns', () => {
    for (const dir of ['create-interactive-endpoint', 'create-job-template']) {
      const [, template] = templates.find(([d]) => d === dir)!;
      const field = template.spec.parameters[0].properties.virtualCluster;
      expect(field['ui:field']).toBe('OwnedEntityPicker');
      expect(field['ui:options'].catalogFilter).toEqual({
        kind: 'Resource',
        'spec.type': 'emr-virtual-cluster',
      });
    }
  });
});
