import type { ReactNode } from 'react';
import { Entity } from '@backstage/catalog-model';
import { IdentityApi, identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { EmrEksApi, emrEksApiRef } from '../api';

/**
 * Renders a list of virtual clusters (the EMR home, a team's card) with a
 * catalog answering `entities`, the given EMR API and identity; returns
 * the catalog mock, to check what was asked.
 */
export async function renderWithCatalog(
  element: ReactNode,
  options: {
    api: EmrEksApi;
    entities: Entity[];
    identity?: IdentityApi;
  },
) {
  const catalogApi = catalogApiMock.mock({
    // Answers by `spec.type`, so that a card asking for virtual clusters and
    // for EMR Serverless applications gets each its own.
    getEntities: jest.fn(async request => {
      const filter = request?.filter as Record<string, unknown> | undefined;
      const type = filter?.['spec.type'];
      return {
        items: options.entities.filter(
          entity => !type || !entity.spec?.type || entity.spec.type === type,
        ),
      };
    }),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [emrEksApiRef, options.api],
        [catalogApiRef, catalogApi],
        [identityApiRef, options.identity ?? {}],
      ]}
    >
      {element}
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return catalogApi;
}

/** The table row whose link is named `name`. */
export const rowOf = (name: string | RegExp) =>
  within(screen.getByRole('link', { name }).closest('tr')!);

/** The link named `name` opens the EMR tab (`tab`) of the resource `entityName`. */
export function expectTabLink(name: string, entityName: string, tab = 'emr') {
  expect(screen.getByRole('link', { name })).toHaveAttribute(
    'href',
    `/catalog/default/resource/${entityName}/${tab}`,
  );
}

/** Cell `index` (after the row header) of the row whose link is named `name`. */
export const cellOf = (name: string | RegExp, index: number) =>
  rowOf(name).getAllByRole('cell')[index];

/** Waits until cell `index` of the row whose link is named `name` shows `text`. */
export async function waitForCell(
  name: string | RegExp,
  index: number,
  text: string | RegExp,
) {
  await waitFor(() => expect(cellOf(name, index)).toHaveTextContent(text));
}

/** The catalog was asked for the virtual clusters `owners` own. */
export function expectClustersOwnedBy(
  catalogApi: { getEntities: unknown },
  owners: string | string[],
) {
  expect(catalogApi.getEntities).toHaveBeenCalledWith(
    expect.objectContaining({
      filter: {
        kind: 'resource',
        'spec.type': 'emr-virtual-cluster',
        'relations.ownedBy': owners,
      },
    }),
  );
}
