import { parse } from 'yaml';
import {
  ADMIN,
  mockContext,
  testAuthorizer,
  testConfig,
  unreachableClients,
} from '../__testUtils__/context';
import { createEmrEksActions } from '.';

const actions = createEmrEksActions({
  config: testConfig().config,
  clients: unreachableClients,
  authorizer: testAuthorizer(),
});

const cases = actions.flatMap(action =>
  (action.examples ?? []).map(
    example => [action.id, example.description, action, example] as const,
  ),
);

describe('examples', () => {
  it('every action has at least one example and supports dry run', () => {
    expect(actions.map(a => a.id)).toEqual([
      'emr:namespace:prepare',
      'emr:role:create',
      'emr:virtualCluster:create',
      'emr:podTemplates:publish',
      'emr:endpoint:create',
      'emr:jobTemplate:create',
      'emr:serverlessApplication:create',
      'emr:sparkConnect:create',
    ]);
    for (const action of actions) {
      expect(action.examples?.length).toBeGreaterThan(0);
      expect(action.supportsDryRun).toBe(true);
    }
  });

  it.each(cases)('%s: %s', async (id, _description, action, example) => {
    const steps = parse(example.example).steps;
    expect(steps).toHaveLength(1);
    expect(steps[0].action).toBe(id);
    // As a platform admin: some examples choose locations only admins may.
    const { ctx, log, outputs } = mockContext(steps[0].input, {
      isDryRun: true,
      user: ADMIN,
    });
    await action.handler(ctx as any);
    expect(log.text()).toMatch(
      /Dry run: would make \d+ call\(s\), changing nothing/,
    );
    expect(Object.keys(outputs).length).toBeGreaterThan(0);
  });
});
