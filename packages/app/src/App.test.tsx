import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts on the portal’s sign-in page, offering the local guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // The whole app wired: the sign-in module, its guest provider outside production.
    expect(await screen.findByText('Guest')).toBeInTheDocument();
    expect(screen.queryByText('Single sign-on')).not.toBeInTheDocument();
  });
});
