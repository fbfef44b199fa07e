import { OAuth2 } from '@backstage/core-app-api';
import { SignInPage } from '@backstage/core-components';
import {
  ApiBlueprint,
  BackstageIdentityApi,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
  configApiRef,
  createApiRef,
  createFrontendModule,
  discoveryApiRef,
  oauthRequestApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';

/** The company's OpenID Connect provider (`auth.providers.oidc` in the backend's config). */
export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'app.auth.oidc' });

const OidcAuthApi = ApiBlueprint.make({
  name: 'oidc',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        configApi: configApiRef,
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
      },
      factory: ({ configApi, discoveryApi, oauthRequestApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'Single sign-on', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});

const oidcProvider = {
  id: 'oidc',
  title: 'Single sign-on',
  message: "Sign in with your organization's account",
  apiRef: oidcAuthApiRef,
};

/**
 * Sign-in follows the backend's auth environment: in production only the OpenID Connect
 * provider is offered (the backend has no guest provider there, see SECURITY.md); the
 * local portal keeps its one-click guest sign-in.
 */
export function EmrPortalSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const production =
    configApi.getOptionalString('auth.environment') === 'production';
  return (
    <SignInPage
      onSignInSuccess={props.onSignInSuccess}
      providers={production ? [oidcProvider] : ['guest']}
    />
  );
}

const SignIn = SignInPageBlueprint.make({
  params: {
    loader: async () => props => <EmrPortalSignInPage {...props} />,
  },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [OidcAuthApi, SignIn],
});
