import { permissionApiRef } from '@backstage/plugin-permission-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import { permissionApi } from '../../__testUtils__/permissions';
import { user } from '../../__testUtils__/user';
import {
  StartFromSavedButton,
  StartFromSavedProps,
  StartFromSavedWords,
} from './StartFromSavedButton';

interface Recipe {
  name: string;
  runs: string;
}

const words: StartFromSavedWords = {
  button: 'Start recipe',
  deniedReason: 'You may not start recipes here.',
  dialogTitle: 'Start a recipe',
  confirm: 'Start',
  select: 'Recipe',
  placeholder: 'Choose a recipe',
  loadFailed: 'Could not load the recipes.',
  noneSaved: 'No recipes saved.',
};

const recipes: Recipe[] = [
  { name: 'bread', runs: 'runs the oven' },
  { name: 'soup', runs: 'runs the stove' },
];
const useRecipes = () => ({ value: { items: recipes } });

/**
 * The button with a caller field of its own, as the serverless start has.
 * `usePermission` caches per entity for the file, so each test names its own.
 */
async function renderButton(
  name: string,
  overrides: Partial<StartFromSavedProps<Recipe, string>> = {},
  denied: string[] = [],
) {
  const start = jest.fn(async (chosen: string) => `${chosen}-1`);
  const onStarted = jest.fn();
  function WithNote() {
    const [note, setNote] = useState('');
    return (
      <StartFromSavedButton<Recipe, string>
        entityRef={{ kind: 'Resource', namespace: 'default', name }}
        words={words}
        useItems={useRecipes}
        describe={recipe => <p>{recipe.runs}</p>}
        extraFields={
          <input
            aria-label="Note"
            value={note}
            onChange={event => setNote(event.target.value)}
          />
        }
        start={start}
        onStarted={onStarted}
        onClose={() => setNote('')}
        {...overrides}
      />
    );
  }
  await renderInTestApp(
    <TestApiProvider apis={[[permissionApiRef, permissionApi(...denied)]]}>
      <WithNote />
    </TestApiProvider>,
  );
  return { start, onStarted };
}

async function openDialog() {
  const button = await screen.findByRole('button', { name: 'Start recipe' });
  // Disabled while the permission is checked.
  await waitFor(() => expect(button).toBeEnabled());
  await user().click(button);
  return screen.findByRole('dialog', { name: 'Start a recipe' });
}

describe('StartFromSavedButton', () => {
  it('starts only once an item is chosen, then closes and hands over the result', async () => {
    const { start, onStarted } = await renderButton('chosen');
    const dialog = await openDialog();
    const confirm = within(dialog).getByRole('button', { name: 'Start' });
    expect(confirm).toBeDisabled();

    await user().selectOptions(
      within(dialog).getByRole('combobox', { name: 'Recipe' }),
      'soup',
    );
    expect(dialog).toHaveTextContent('runs the stove');
    expect(dialog).not.toHaveTextContent('runs the oven');
    await user().click(confirm);

    expect(start).toHaveBeenCalledWith('soup');
    expect(onStarted).toHaveBeenCalledWith('soup-1');
    // Closed: the fields go at once (the dialog itself fades out).
    expect(within(dialog).queryByRole('combobox')).toBeNull();
  });

  it('keeps the dialog open with the reason a start failed', async () => {
    const { onStarted } = await renderButton('refused', {
      start: async () => {
        throw new Error('The oven is busy');
      },
    });
    const dialog = await openDialog();
    await user().selectOptions(
      within(dialog).getByRole('combobox', { name: 'Recipe' }),
      'bread',
    );
    await user().click(within(dialog).getByRole('button', { name: 'Start' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The oven is busy',
    );
    expect(screen.getByRole('dialog', { name: 'Start a recipe' })).toBe(dialog);
    expect(
      within(dialog).getByRole('combobox', { name: 'Recipe' }),
    ).toHaveValue('bread');
    expect(onStarted).not.toHaveBeenCalled();
  });

  it("clears the choice and the caller's fields when the dialog is closed", async () => {
    const { start } = await renderButton('closed');
    let dialog = await openDialog();
    await user().selectOptions(
      within(dialog).getByRole('combobox', { name: 'Recipe' }),
      'bread',
    );
    await user().type(
      within(dialog).getByRole('textbox', { name: 'Note' }),
      'x',
    );
    await user().click(within(dialog).getByRole('button', { name: 'Go back' }));
    expect(start).not.toHaveBeenCalled();

    dialog = await openDialog();
    expect(
      within(dialog).getByRole('combobox', { name: 'Recipe' }),
    ).toHaveValue('');
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveValue(
      '',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Start' }),
    ).toBeDisabled();
  });

  it('says why the saved items could not be loaded and offers no choice', async () => {
    await renderButton('unloadable', {
      useItems: () => ({ error: new Error('Access denied') }),
    });
    const dialog = await openDialog();
    expect(dialog).toHaveTextContent(
      'Could not load the recipes. Access denied',
    );
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    expect(within(dialog).queryByRole('textbox', { name: 'Note' })).toBeNull();
    expect(
      within(dialog).getByRole('button', { name: 'Start' }),
    ).toBeDisabled();
  });

  it('says when nothing is saved and offers no choice', async () => {
    await renderButton('empty', { useItems: () => ({ value: { items: [] } }) });
    const dialog = await openDialog();
    expect(dialog).toHaveTextContent('No recipes saved.');
    expect(within(dialog).queryByRole('combobox')).toBeNull();
    expect(
      within(dialog).getByRole('button', { name: 'Start' }),
    ).toBeDisabled();
  });

  it('is disabled, with the reason, for a user who may not start', async () => {
    await renderButton('denied', {}, ['emr-eks.job-run.start']);
    const button = await screen.findByRole('button', { name: 'Start recipe' });
    await waitFor(() =>
      expect(button.parentElement).toHaveAttribute(
        'title',
        'You may not start recipes here.',
      ),
    );
    expect(button).toBeDisabled();
  });
});
