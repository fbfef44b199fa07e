import {
  AssociateAccessPolicyCommand,
  DisassociateAccessPolicyCommand,
  EKSClient,
  ListAssociatedAccessPoliciesCommand,
} from '@aws-sdk/client-eks';
import {
  addToScope,
  EMR_JOB_ACCESS_POLICY,
  MAX_SCOPE_ATTEMPTS,
  removeFromScope,
} from './accessScope';

const target = { clusterName: 'c', principalArn: 'arn:aws:iam::1:role/emr' };

/**
 * An EKS access policy scope with another writer in another process: `afterWrite` runs right
 * after each of our writes, as a concurrent read-modify-write that read before ours would.
 */
function fakeEks(
  initial: string[] | undefined,
  afterWrite?: (n: number) => void,
) {
  const state = { scope: initial, writes: 0 };
  const eks = {
    send: async (command: unknown) => {
      if (command instanceof ListAssociatedAccessPoliciesCommand) {
        return {
          associatedAccessPolicies: state.scope
            ? [
                {
                  policyArn: EMR_JOB_ACCESS_POLICY,
                  accessScope: {
                    type: 'namespace',
                    namespaces: [...state.scope],
                  },
                },
              ]
            : [],
        };
      }
      if (command instanceof AssociateAccessPolicyCommand) {
        state.scope = [...(command.input.accessScope?.namespaces ?? [])];
      } else if (command instanceof DisassociateAccessPolicyCommand) {
        state.scope = undefined;
      }
      state.writes += 1;
      afterWrite?.(state.writes);
      return {};
    },
  } as unknown as EKSClient;
  return { eks, state };
}

describe('access policy scope', () => {
  it('adds again when a concurrent writer drops the namespace, keeping theirs', async () => {
    const { eks, state } = fakeEks(['a'], n => {
      // The other writer read ['a'] before our first write and writes ['a', 'b'] after it.
      if (n === 1) state.scope = ['a', 'b'];
    });
    await expect(addToScope(eks, target, 'mine')).resolves.toBe(true);
    expect(state.scope).toEqual(['a', 'b', 'mine']);
  });

  it('gives up with a 409 after bounded attempts when writers keep dropping it', async () => {
    const { eks, state } = fakeEks(['a'], () => {
      state.scope = ['a'];
    });
    await expect(addToScope(eks, target, 'mine')).rejects.toMatchObject({
      name: 'ConflictError',
    });
    expect(state.writes).toBe(MAX_SCOPE_ATTEMPTS);
  });

  it('serializes writers in this process, so none is lost', async () => {
    const { eks, state } = fakeEks(undefined);
    await Promise.all(
      ['n1', 'n2', 'n3', 'n4'].map(ns => addToScope(eks, target, ns)),
    );
    expect([...(state.scope ?? [])].sort()).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('removes only its namespace from the freshly read scope', async () => {
    const { eks, state } = fakeEks(['mine', 'a']);
    // Someone added 'b' since this task added 'mine'.
    state.scope = ['mine', 'a', 'b'];
    await removeFromScope(eks, target, 'mine');
    expect(state.scope).toEqual(['a', 'b']);
    await removeFromScope(eks, target, 'a');
    await removeFromScope(eks, target, 'b');
    expect(state.scope).toBeUndefined();
  });
});
