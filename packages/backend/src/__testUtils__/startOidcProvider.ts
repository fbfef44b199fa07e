import { fork } from 'node:child_process';
import path from 'node:path';

/** A client as the provider registers it. */
export interface OidcClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

/**
 * Starts oidcProvider.mjs in its own Node process (oidc-provider is ESM-only) on a free
 * port of 127.0.0.1, and answers once it serves its discovery document.
 */
export async function startOidcProvider() {
  const child = fork(path.join(__dirname, 'oidcProvider.mjs'), [], {
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (type: string) =>
    new Promise<any>((resolve, reject) => {
      const onExit = (code: number | null) =>
        reject(new Error(`the OpenID provider exited (${code})`));
      const onMessage = (message: any) => {
        if (message?.type === type) {
          child.off('exit', onExit);
          child.off('message', onMessage);
          resolve(message);
        }
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { issuer } = (await next('ready')) as { issuer: string };
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    async registerClient(client: OidcClient) {
      const registered = next('client-registered');
      child.send({ type: 'register-client', client });
      await registered;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill();
        await exited;
      }
    },
  };
}
