import { CheckpointStore, mockContext } from '../__testUtils__/context';
import { Provisioning } from './provisioning';

describe('Provisioning', () => {
  it('replays finished steps on a retry instead of repeating them', async () => {
    const store = new CheckpointStore();
    const created: string[] = [];
    const attempt = async (failAt?: string) => {
      const { ctx } = mockContext({}, { store });
      const run = await Provisioning.start(ctx, 'test');
      await run.step('a', 'A', async () => {
        created.push('a');
        return { value: { id: 'a-1' }, created: true };
      });
      if (failAt === 'b') throw new Error('crashed before b');
      await run.step('b', 'B', async () => {
        created.push('b');
        return { value: { id: 'b-1' }, created: true };
      });
    };
    await expect(attempt('b')).rejects.toThrow('crashed before b');
    await attempt();
    expect(created).toEqual(['a', 'b']);
  });

  it('rolls back only what this run created, newest first, and says so', async () => {
    const store = new CheckpointStore();
    const { ctx, log } = mockContext({}, { store });
    const deleted: string[] = [];
    const run = await Provisioning.start(ctx, 'test');
    await expect(
      run.run(async () => {
        await run.step(
          'existing',
          'existing thing',
          async () => ({ value: {}, created: false }),
          async () => void deleted.push('existing'),
        );
        await run.step(
          'one',
          'thing one',
          async () => ({ value: { id: 1 }, created: true }),
          async ({ id }) => void deleted.push(`one:${id}`),
        );
        await run.step(
          'two',
          'thing two',
          async () => ({ value: { id: 2 }, created: true }),
          async ({ id }) => void deleted.push(`two:${id}`),
        );
        throw new Error('step three failed');
      }),
    ).rejects.toThrow('step three failed');
    expect(deleted).toEqual(['two:2', 'one:1']);
    expect(log.text()).toContain('rolling back what this run created');
    expect(log.text()).toContain('Rolled back: deleted thing two');
    expect(log.text()).toContain('Rolled back: deleted thing one');
    expect(log.text()).not.toContain('deleted existing thing');
  });

  it('starts afresh on a retry after a rollback', async () => {
    const store = new CheckpointStore();
    let creates = 0;
    let fail = true;
    const attempt = async () => {
      const { ctx } = mockContext({}, { store });
      const run = await Provisioning.start(ctx, 'test');
      await run.run(async () => {
        await run.step(
          'thing',
          'thing',
          async () => {
            creates += 1;
            return { value: { n: creates }, created: true };
          },
          async () => {},
        );
        if (fail) throw new Error('later step failed');
      });
      return run.generation;
    };
    await expect(attempt()).rejects.toThrow('later step failed');
    fail = false;
    // The thing was rolled back, so the retry must create it again, not replay it.
    expect(await attempt()).toBe(1);
    expect(creates).toBe(2);
    // A further retry after success replays generation 1.
    expect(await attempt()).toBe(1);
    expect(creates).toBe(2);
  });

  it('reports resources it could not delete', async () => {
    const { ctx, log } = mockContext({});
    const run = await Provisioning.start(ctx, 'test');
    await expect(
      run.run(async () => {
        await run.step(
          'x',
          'thing x',
          async () => ({ value: {}, created: true }),
          async () => {
            throw new Error('AccessDenied');
          },
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(log.text()).toContain(
      'Rollback could not delete thing x: Error: AccessDenied',
    );
    expect(log.text()).toContain(
      'Rollback incomplete; delete or restore by hand: thing x',
    );
  });
});
