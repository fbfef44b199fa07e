import { configApiRef, discoveryApiRef } from '@backstage/frontend-plugin-api';
import { mockApis } from '@backstage/frontend-test-utils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { EmrPortalSignInPage, oidcAuthApiRef } from '.';

// No session yet: the page then shows its providers instead of signing in at once.
const signedOutOidc = {
  getBackstageIdentity: jest.fn(async () => undefined),
  getProfile: jest.fn(async () => undefined),
  getIdToken: jest.fn(),
  getCredentials: jest.fn(),
  signIn: jest.fn(),
  signOut: jest.fn(),
  sessionState$: jest.fn(),
};

function renderFor(environment?: string) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [
          configApiRef,
          mockApis.config({
            data: {
              app: { title: 'EMR on EKS Portal' },
              backend: { baseUrl: 'http://localhost:7007' },
              ...(environment && { auth: { environment } }),
            },
          }),
        ],
        [oidcAuthApiRef, signedOutOidc],
        [discoveryApiRef, mockApis.discovery()],
      ]}
    >
      <EmrPortalSignInPage onSignInSuccess={jest.fn()} />
    </TestApiProvider>,
  );
}

describe('the portal sign-in page', () => {
  it('offers only single sign-on in production', async () => {
    renderFor('production');
    expect(await screen.findByText('Single sign-on')).toBeInTheDocument();
    expect(screen.queryByText('Guest')).not.toBeInTheDocument();
  });

  it('keeps the one-click guest sign-in in the local portal', async () => {
    renderFor();
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('Single sign-on')).not.toBeInTheDocument();
  });
});
