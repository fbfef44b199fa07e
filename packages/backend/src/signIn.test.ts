import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import oidcProviderModule from '@backstage/plugin-auth-backend-module-oidc-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { TestBrowser } from './__testUtils__/browser';
import { startOidcProvider } from './__testUtils__/startOidcProvider';
import guestSignIn from './guestSignIn';

const root = path.resolve(__dirname, '../../..');
const APP_ORIGIN = 'http://localhost:3000';
const CLIENT = { id: 'backstage-portal', secret: 'portal-client-secret' };

/** The JSON the sign-in popup posts to the app, from the backend's callback page. */
function popupResult(page: { url: string; body: string }) {
  const encoded = /var authResponse = decodeURIComponent\('([^']*)'\)/.exec(
    page.body,
  );
  if (!encoded) {
    throw new Error(
      `not the sign-in result page: ${page.url} ${page.body.slice(0, 500)}`,
    );
  }
  return JSON.parse(decodeURIComponent(encoded[1]));
}

function tokenClaims(token: string) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
}

describe('production sign-in: the shipped config, a real OpenID provider, the browser flow', () => {
  const env = {
    NODE_ENV: 'production',
    APP_BASE_URL: APP_ORIGIN,
    BACKEND_BASE_URL: 'http://localhost:7007',
    AUTH_SESSION_SECRET: 'a-session-secret-for-tests',
    AUTH_OIDC_CLIENT_ID: CLIENT.id,
    AUTH_OIDC_CLIENT_SECRET: CLIENT.secret,
  } as Record<string, string>;
  const savedEnv: Record<string, string | undefined> = {};
  let idp: Awaited<ReturnType<typeof startOidcProvider>>;
  let backend: string;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let tmp: string;

  beforeAll(async () => {
    idp = await startOidcProvider();
    env.AUTH_OIDC_METADATA_URL = idp.metadataUrl;
    for (const [key, value] of Object.entries(env)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    // The deployment's layering, plus one layer for what a test cannot have: PostgreSQL,
    // and the catalog's users from the example org.
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'sign-in-test-'));
    const testLayer = path.join(tmp, 'app-config.test.yaml');
    await fs.writeFile(
      testLayer,
      JSON.stringify({
        backend: {
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        catalog: {
          locations: [
            {
              type: 'file',
              target: path.join(root, 'examples/org.yaml'),
              rules: [{ allow: ['User', 'Group'] }],
            },
          ],
        },
      }),
    );
    ({ server } = await startTestBackend({
      features: [
        rootConfigServiceFactory({
          argv: [
            ...['--config', path.join(root, 'app-config.yaml')],
            ...['--config', path.join(root, 'app-config.production.yaml')],
            ...['--config', testLayer],
          ],
          watch: false,
        }),
        authPlugin,
        oidcProviderModule,
        guestSignIn,
        catalogPlugin,
      ],
    }));
    backend = `http://localhost:${server.port()}`;
    // The backend's callback URL is known once it listens; register the client with it,
    // as an operator registers the portal with the company's provider.
    await idp.registerClient({
      client_id: CLIENT.id,
      client_secret: CLIENT.secret,
      redirect_uris: [`${backend}/api/auth/oidc/handler/frame`],
    });
    // The catalog ingests the example org in the background.
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/user/default/alice')
        .set('Authorization', 'Bearer mock-service-token');
      if (res.status === 200 && res.body.relations?.length) break;
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }, 180_000);

  afterAll(async () => {
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await idp?.stop();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  /** The app's popup: start, the provider's login and consent pages, the callback. */
  async function signIn(browser: TestBrowser, email: string) {
    const start = new URL(`${backend}/api/auth/oidc/start`);
    start.searchParams.set('scope', 'openid profile email');
    start.searchParams.set('origin', APP_ORIGIN);
    start.searchParams.set('env', 'production');
    const login = await browser.open(start.toString());
    expect(login.url.startsWith(`${idp.issuer}/interaction/`)).toBe(true);
    const loginForm = TestBrowser.form(login);
    expect(loginForm.fields).toHaveProperty('login');
    const consent = await browser.open(loginForm.action, {
      form: { ...loginForm.fields, login: email, password: 'any' },
    });
    const consentForm = TestBrowser.form(consent);
    expect(consentForm.fields.prompt).toBe('consent');
    const callback = await browser.open(consentForm.action, {
      form: consentForm.fields,
    });
    expect(
      callback.url.startsWith(`${backend}/api/auth/oidc/handler/frame?`),
    ).toBe(true);
    return popupResult(callback);
  }

  it('signs a catalog user in through the provider, as that user with their groups', async () => {
    const result = await signIn(new TestBrowser(), 'alice@example.com');
    expect(result.type).toBe('authorization_response');
    expect(result.error).toBeUndefined();
    const { backstageIdentity, profile } = result.response;
    expect(profile.email).toBe('alice@example.com');
    expect(backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/alice',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/alice',
        'group:default/data-team-a',
      ]),
    });
    expect(backstageIdentity.identity.ownershipEntityRefs).not.toContain(
      'group:default/data-team-b',
    );
    expect(tokenClaims(backstageIdentity.token)).toMatchObject({
      sub: 'user:default/alice',
      iss: `${backend}/api/auth`,
    });
  }, 60_000);

  it('keeps the session: refresh answers the same user from the provider', async () => {
    const browser = new TestBrowser();
    await signIn(browser, 'bob@example.com');
    const refreshed = await browser.open(
      `${backend}/api/auth/oidc/refresh?optional&env=production`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    expect(refreshed.status).toBe(200);
    const { backstageIdentity } = JSON.parse(refreshed.body);
    expect(backstageIdentity.identity.userEntityRef).toBe('user:default/bob');
    expect(backstageIdentity.identity.ownershipEntityRefs).toContain(
      'group:default/data-team-b',
    );
  }, 60_000);

  it('refuses someone the provider knows but the catalog does not', async () => {
    const browser = new TestBrowser();
    const result = await signIn(browser, 'mallory@example.com');
    expect(result.response).toBeUndefined();
    expect(result.error.message).toContain('unable to resolve user identity');
    const refreshed = await browser.open(
      `${backend}/api/auth/oidc/refresh?optional&env=production`,
      { headers: { 'x-requested-with': 'XMLHttpRequest' } },
    );
    expect(refreshed.status).toBe(401);
  }, 60_000);

  it('refuses a refresh without a session', async () => {
    const res = await request(server)
      .get('/api/auth/oidc/refresh?env=production')
      .set('x-requested-with', 'XMLHttpRequest');
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain('Missing session cookie');
  });

  it('has no guest sign-in', async () => {
    for (const method of ['get', 'post'] as const) {
      const res = await request(server)[method]('/api/auth/guest/refresh');
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe("Unknown auth provider 'guest'");
    }
  });
});

describe('guest sign-in where auth.providers.guest is configured', () => {
  const config = {
    app: { baseUrl: APP_ORIGIN },
    auth: { providers: { guest: { userEntityRef: 'user:default/guest' } } },
  };
  const savedNodeEnv = process.env.NODE_ENV;
  afterEach(() => {
    process.env.NODE_ENV = savedNodeEnv;
  });

  async function guestRefresh(nodeEnv: string) {
    process.env.NODE_ENV = nodeEnv;
    const { server } = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({ data: config }),
        authPlugin,
        guestSignIn,
      ],
    });
    return request(server).get('/api/auth/guest/refresh');
  }

  it('signs in as the configured guest user in development (the local portal)', async () => {
    const res = await guestRefresh('development');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/guest',
    );
  }, 60_000);

  it('refuses it with NODE_ENV=production, even when configured', async () => {
    const res = await guestRefresh('production');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain(
      'cannot be used outside of a development environment',
    );
  }, 60_000);
});
