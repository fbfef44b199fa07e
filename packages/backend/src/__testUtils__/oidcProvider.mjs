// A real OpenID Connect provider (panva's oidc-provider) for sign-in tests and local trials.
// Any login name is accepted (its development login and consent pages); the account's
// claims are its email, verified, so the backend's email resolver decides who gets in.
//
//   node oidcProvider.mjs   prints {"issuer": "http://127.0.0.1:<port>"}
//
// Clients are registered after start, once the relying party knows its callback URL:
// from a parent process over IPC ({ type: 'register-client', client }, answered with
// { type: 'client-registered' }), or from OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and
// OIDC_REDIRECT_URI at start.
import http from 'node:http';
import Provider from 'oidc-provider';

const server = http.createServer();
await new Promise(resolve =>
  server.listen(Number(process.env.OIDC_PORT ?? 0), '127.0.0.1', resolve),
);
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  async findAccount(_ctx, id) {
    return {
      accountId: id,
      async claims() {
        return { sub: id, email: id, email_verified: true, name: id };
      },
    };
  },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
  },
  // As Cognito does: a refresh token on every code exchange of a client allowed the grant,
  // without the offline_access scope.
  async issueRefreshToken(_ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  features: { devInteractions: { enabled: true } },
});
// Server errors on stderr, so a failing sign-in test shows why.
provider.on('server_error', (_ctx, err) => console.error(err));
server.on('request', provider.callback());

async function registerClient({ client_id, client_secret, redirect_uris }) {
  await provider.Client.adapter.upsert(client_id, {
    client_id,
    client_secret,
    redirect_uris,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  });
}

if (process.env.OIDC_REDIRECT_URI) {
  await registerClient({
    client_id: process.env.OIDC_CLIENT_ID ?? 'backstage',
    client_secret: process.env.OIDC_CLIENT_SECRET ?? 'backstage-secret',
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
  });
}

if (process.send) {
  process.on('message', async message => {
    if (message?.type === 'register-client') {
      await registerClient(message.client);
      process.send({ type: 'client-registered' });
    }
  });
  // Exit with the parent, however it ends.
  process.on('disconnect', () => process.exit(0));
  process.send({ type: 'ready', issuer });
} else {
  console.log(JSON.stringify({ issuer }));
}
