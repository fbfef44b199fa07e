import { KubeConfig, KubernetesObjectApi, PatchStrategy } from '@kubernetes/client-node';
describe('smoke', () => {
  it('loads', () => {
    const kc = new KubeConfig();
    kc.loadFromOptions({ clusters: [{ name: 'c', server: 'http://127.0.0.1:1' }], users: [{ name: 'u', token: 't' }], contexts: [{ name: 'x', cluster: 'c', user: 'u' }], currentContext: 'x' });
    expect(KubernetesObjectApi.makeApiClient(kc)).toBeTruthy();
    expect(PatchStrategy.ServerSideApply).toBe('application/apply-patch+yaml');
  });
});
