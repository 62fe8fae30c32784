import { test } from '@japa/runner'
import {
  checkImportChoices,
  checkMapping,
  columnLetter,
  foldText,
  guessMapping,
} from '#actions/applications/import/import_fields'
import { PIPELINE_EXPORT_COLUMNS } from '#exports/pipeline_export'

test.group('Import fields: guessing the columns', () => {
  test('titles are compared without case, accents or punctuation', ({ assert }) => {
    assert.equal(foldText('NOM DE NAISSANCE'), 'nom de naissance')
    assert.equal(foldText('Né(e) le'), 'ne e le')
    assert.equal(foldText(' E-mail '), 'e mail')
  })

  test('a France Travail list is mapped from its titles', ({ assert }) => {
    const mapping = guessMapping([
      'Identifiant FT',
      'NOM DE NAISSANCE',
      'Prénom',
      'Date de naissance',
      'Niveau',
      'Courriel',
      'Tél. portable',
      'Code postal',
      'Commune',
      'Conseiller référent',
      'Observations',
    ])
    assert.deepEqual(mapping, {
      france_travail_id: 0,
      last_name: 1,
      first_name: 2,
      birth_date: 3,
      qualification_level: 4,
      email: 5,
      phone: 6,
      postal_code: 7,
      city: 8,
      prescriber: 9,
      notes: 10,
    })
  })

  test('one column fills one field; exact titles win over partial ones', ({ assert }) => {
    const mapping = guessMapping(['Nom', 'Nom de naissance', 'Prénom', 'Sexe', 'Origine'])
    assert.equal(mapping.last_name, 0)
    assert.equal(mapping.first_name, 2)
    assert.equal(mapping.sex, 3)
    assert.equal(mapping.source, 4)
    assert.notInclude(Object.values(mapping), 1)
  })

  test('an export of the pipeline maps back onto the import', ({ assert }) => {
    const headers = PIPELINE_EXPORT_COLUMNS.map((column) => String(column.header))
    const mapping = guessMapping(headers)
    const at = (title: string) => headers.indexOf(title)
    assert.equal(mapping.last_name, at('Nom'))
    assert.equal(mapping.first_name, at('Prénom'))
    assert.equal(mapping.email, at('E-mail'))
    assert.equal(mapping.birth_date, at('Date de naissance'))
    assert.equal(mapping.qualification_level, at('Niveau de diplôme'))
    assert.equal(mapping.job_seeker, at('Demandeur ou demandeuse d’emploi'))
    assert.equal(mapping.france_travail_id, at('Identifiant France Travail'))
    assert.equal(mapping.source, at('Origine'))
  })

  test('nothing is guessed from titles that say nothing', ({ assert }) => {
    assert.deepEqual(guessMapping(['Colonne 1', 'Colonne 2', '']), {})
  })
})

test.group('Import fields: checking the choices', () => {
  test('required fields, unknown columns and a column used twice are named', ({ assert }) => {
    const headers = ['Nom', 'Prénom', 'Naissance']
    assert.deepEqual(checkMapping({ last_name: 0, first_name: 1 }, headers), {})
    const problems = checkMapping({ last_name: 0, birth_date: 5, email: 0 }, headers)
    assert.equal(
      problems.first_name,
      'Choisissez la colonne du fichier qui contient « Prénom » : ce champ est obligatoire.'
    )
    assert.equal(
      problems.birth_date,
      'La colonne choisie pour « Date de naissance » n’existe pas dans le fichier.'
    )
    assert.equal(
      problems.email,
      'La colonne « Nom » (colonne A) est déjà choisie pour « Nom » : une colonne ne remplit qu’un champ.'
    )
  })

  test('the origin is required', ({ assert }) => {
    const headers = ['Nom', 'Prénom']
    const mapping = { last_name: 0, first_name: 1 }
    assert.deepEqual(checkImportChoices({ mapping, source: 'mission_locale' }, headers), {})
    assert.property(checkImportChoices({ mapping, source: null }, headers), 'source')
  })

  test('columns are lettered as a spreadsheet does', ({ assert }) => {
    assert.deepEqual([0, 1, 25, 26, 27, 51, 52].map(columnLetter), [
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
    ])
  })
})
