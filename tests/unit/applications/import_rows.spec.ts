import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { guessMapping } from '#actions/applications/import/import_fields'
import { parseImportRows, identityKeys } from '#actions/applications/import/parse_import_rows'
import type { ImportSheet } from '#actions/applications/import/read_import_file'

const TODAY = DateTime.utc(2026, 3, 14)

function sheet(headers: string[], rows: (string | number | Date | null)[][]): ImportSheet {
  return {
    format: 'csv',
    encoding: 'utf-8',
    separator: ';',
    headerLine: 1,
    headers,
    rows: rows.map((cells, index) => ({ line: index + 2, cells })),
  }
}

const HEADERS = [
  'Nom',
  'Prénom',
  'Courriel',
  'Date de naissance',
  'Niveau',
  'Sexe',
  'Identifiant FT',
  'Demandeur d’emploi',
  'Remarques',
]

function parse(rows: (string | number | Date | null)[][], headers = HEADERS) {
  return parseImportRows(sheet(headers, rows), guessMapping(headers), { today: TODAY })
}

test.group('Import rows', () => {
  test('a good row gives the person, and what the preview shows', ({ assert }) => {
    const [row] = parse([
      [
        'Lefèvre',
        'Amina',
        'Amina@Exemple.fr',
        '21/03/1990',
        'bac pro',
        'F',
        '1234567a',
        null,
        'À rappeler\nle lundi',
      ],
    ])
    assert.deepEqual(row.errors, [])
    assert.equal(row.line, 2)
    assert.equal(row.person.lastName, 'Lefèvre')
    assert.equal(row.person.email, 'amina@exemple.fr')
    assert.equal(row.person.birthDate?.toISODate(), '1990-03-21')
    assert.equal(row.person.qualificationLevel, 4)
    assert.equal(row.person.sex, 'female')
    assert.equal(row.person.franceTravailId, '1234567A')
    // A France Travail identifier without the column says: registered.
    assert.isTrue(row.person.jobSeeker)
    assert.equal(row.person.notes, 'À rappeler\nle lundi')
    assert.deepEqual(row.shown, {
      last_name: 'Lefèvre',
      first_name: 'Amina',
      email: 'amina@exemple.fr',
      birth_date: '21/03/1990',
      qualification_level: 'Niveau 4 (bac)',
      sex: 'Femme',
      france_travail_id: '1234567A',
      notes: 'À rappeler\nle lundi',
    })
    assert.sameMembers(row.keys, [
      'email:amina@exemple.fr',
      'ft:1234567A',
      'born:lefevre|amina|1990-03-21',
    ])
  })

  test('XLSX cells: a date cell and an Excel serial are days', ({ assert }) => {
    const [cell, serial] = parse([
      ['Martin', 'Léa', null, new Date(Date.UTC(1990, 2, 21)), 3, 'F', null, 'non', null],
      ['Petit', 'Sam', null, 32953, 0, 'H', null, 'oui', null],
    ])
    assert.equal(cell.person.birthDate?.toISODate(), '1990-03-21')
    assert.equal(serial.person.birthDate?.toISODate(), '1990-03-21')
    assert.isFalse(cell.person.jobSeeker)
    assert.isTrue(serial.person.jobSeeker)
    assert.equal(serial.person.qualificationLevel, 0)
  })

  test('each error is named with the value; a row repeated in the file too', ({ assert }) => {
    const rows = parse([
      ['Lefèvre', 'Amina', 'amina@exemple.fr', '21/03/1990', '3', 'F', null, null, null],
      ['Durand', 'Joëlle', 'joelle@', '31/02/1990', 'licence pro', 'F', null, null, null],
      ['Nguyen', '', null, '05/07/2001', 'diplôme étranger', 'H', null, 'peut-être', null],
      ['LEFEVRE', 'amina', 'autre@exemple.fr', '21/03/1990', '3', 'F', null, null, null],
      ['Roux', 'Ana', 'AMINA@exemple.fr', null, null, null, null, null, null],
      ['Sans', 'Repère', null, null, null, null, null, null, null],
    ])
    assert.deepEqual(rows[0].errors, [])
    assert.deepEqual(rows[1].errors, [
      'e-mail « joelle@ » invalide',
      'date de naissance « 31/02/1990 » invalide (par exemple : 21/03/1990)',
    ])
    assert.deepEqual(rows[2].errors, [
      'prénom manquant',
      'niveau « diplôme étranger » inconnu (0 à 8, CAP, bac, bac+2, licence, sans diplôme…)',
      'demandeur d’emploi « peut-être » : répondre oui ou non',
    ])
    assert.deepEqual(rows[3].errors, ['déjà dans le fichier ligne 2'])
    assert.deepEqual(rows[4].errors, ['déjà dans le fichier ligne 2'])
    assert.deepEqual(rows[5].errors, [
      'ni e-mail, ni identifiant France Travail, ni date de naissance, ni téléphone : impossible de savoir si la personne est déjà connue',
    ])
    // What could not be read is shown as written.
    assert.equal(rows[1].shown.birth_date, '31/02/1990')
  })

  test('only the mapped columns are read', ({ assert }) => {
    const headers = ['Nom', 'Prénom', 'Téléphone', 'Ville']
    const [row] = parseImportRows(
      sheet(headers, [['Martin', 'Léa', '612345678', 'Rouen']]),
      { last_name: 0, first_name: 1, phone: 2 },
      { today: TODAY }
    )
    assert.equal(row.person.phone, '0612345678')
    assert.isNull(row.person.city)
    assert.isNull(row.person.jobSeeker)
    assert.deepEqual(row.keys, ['phone:martin|lea|0612345678'])
  })

  test('identity keys ignore case, accents and hyphens in names', ({ assert }) => {
    const birthDate = DateTime.utc(1990, 3, 21)
    const a = identityKeys({
      lastName: 'Le Floch',
      firstName: 'Jean-Éric',
      email: null,
      phone: null,
      birthDate,
      franceTravailId: null,
    })
    const b = identityKeys({
      lastName: 'LE FLOCH',
      firstName: 'jean eric',
      email: null,
      phone: null,
      birthDate,
      franceTravailId: null,
    })
    assert.deepEqual(a, b)
  })
})
