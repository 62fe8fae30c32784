import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  parseBirthDate,
  parseEmail,
  parseFranceTravailId,
  parsePhone,
  parsePostalCode,
  parseQualificationLevel,
  parseSex,
  parseSource,
  parseText,
  parseYesNo,
  readDay,
} from '#actions/applications/import/import_values'

const TODAY = DateTime.utc(2026, 3, 14)
const birth = (text: string) => parseBirthDate(text, { today: TODAY, minAge: 16, maxAge: 80 })

test.group('Import values: dates', () => {
  test('reads French, ISO and Excel dates as the same day', ({ assert }) => {
    for (const text of [
      '21/03/1990',
      '21/3/1990',
      '21-03-1990',
      '21.03.1990',
      '1990-03-21',
      '1990-03-21T00:00:00',
      '21/03/1990 00:00',
      '21/03/90',
      '32953',
    ]) {
      assert.equal(readDay(text, TODAY)?.toISODate(), '1990-03-21', text)
    }
  })

  test('two-digit years belong to the last hundred years', ({ assert }) => {
    assert.equal(readDay('05/07/01', TODAY)?.toISODate(), '2001-07-05')
    assert.equal(readDay('05/07/30', TODAY)?.toISODate(), '1930-07-05')
  })

  test('a day that does not exist, or text, is refused with the value quoted', ({ assert }) => {
    assert.deepEqual(birth('31/02/1990'), {
      error: 'date de naissance « 31/02/1990 » invalide (par exemple : 21/03/1990)',
    })
    assert.isDefined(birth('bientôt').error)
    assert.isDefined(birth('1990').error)
    assert.isDefined(birth('13/13/1990').error)
  })

  test('the age must be 16 to 80 years today', ({ assert }) => {
    assert.equal(birth('14/03/2010').value?.toISODate(), '2010-03-14')
    assert.equal(
      birth('15/03/2010').error,
      'date de naissance « 15/03/2010 » : 15 ans, l’âge doit être entre 16 et 80 ans'
    )
    assert.equal(
      birth('01/01/2030').error,
      'date de naissance « 01/01/2030 » : dans le futur, l’âge doit être entre 16 et 80 ans'
    )
    assert.isDefined(birth('01/01/1940').error)
  })
})

test.group('Import values: qualification levels', () => {
  test('reads digits, words, diplomas and the old levels', ({ assert }) => {
    const expected: Record<string, number> = {
      '0': 0,
      '3': 3,
      '8': 8,
      'niveau 3': 3,
      'Niveau 4 (bac)': 4,
      'Niveau 5 (bac + 2)': 5,
      'niv. 5': 5,
      'N6': 6,
      'sans diplôme': 0,
      'Sans diplôme': 0,
      'aucun': 0,
      'CAP': 3,
      'BEP': 3,
      'CAP/BEP': 3,
      'bac': 4,
      'Bac pro': 4,
      'baccalauréat': 4,
      'bac+2': 5,
      'Bac + 3': 6,
      'BAC+5': 7,
      'BTS': 5,
      'licence': 6,
      'licence pro': 6,
      'Master': 7,
      'doctorat': 8,
      'niveau V': 3,
      'niveau IV': 4,
      'Vbis': 0,
      'NV4': 4,
      'NV5': 3,
      'AFS': 0,
    }
    for (const [text, level] of Object.entries(expected)) {
      assert.equal(parseQualificationLevel(text).value, level, text)
    }
  })

  test('an unknown level is named', ({ assert }) => {
    assert.equal(
      parseQualificationLevel('diplôme étranger').error,
      'niveau « diplôme étranger » inconnu (0 à 8, CAP, bac, bac+2, licence, sans diplôme…)'
    )
    assert.isDefined(parseQualificationLevel('9').error)
    assert.isDefined(parseQualificationLevel('niveau 12').error)
  })
})

test.group('Import values: other fields', () => {
  test('sex', ({ assert }) => {
    for (const text of ['F', 'f', 'femme', 'Féminin', 'Mme', 'Madame']) {
      assert.equal(parseSex(text).value, 'female', text)
    }
    for (const text of ['H', 'M', 'M.', 'homme', 'Masculin', 'Monsieur']) {
      assert.equal(parseSex(text).value, 'male', text)
    }
    assert.equal(parseSex('autre').value, 'other')
    assert.equal(parseSex('?').error, 'sexe « ? » inconnu (F, H ou autre)')
  })

  test('yes and no', ({ assert }) => {
    for (const text of ['oui', 'OUI', 'o', '1', 'x', 'X', 'vrai']) {
      assert.isTrue(parseYesNo(text, 'demandeur d’emploi').value, text)
    }
    for (const text of ['non', 'N', '0', 'faux']) {
      assert.isFalse(parseYesNo(text, 'demandeur d’emploi').value, text)
    }
    assert.equal(
      parseYesNo('peut-être', 'demandeur d’emploi').error,
      'demandeur d’emploi « peut-être » : répondre oui ou non'
    )
  })

  test('phones are kept as 10 digits, with the 0 Excel drops', ({ assert }) => {
    assert.equal(parsePhone('06 12 34 56 78').value, '0612345678')
    assert.equal(parsePhone('06.12.34.56.78').value, '0612345678')
    assert.equal(parsePhone('+33 6 12 34 56 78').value, '0612345678')
    assert.equal(parsePhone('0033612345678').value, '0612345678')
    assert.equal(parsePhone('612345678').value, '0612345678')
    assert.equal(parsePhone('+32 470 12 34 56').value, '+32470123456')
    assert.isDefined(parsePhone('06 12').error)
  })

  test('postal codes get back the 0 Excel drops', ({ assert }) => {
    assert.equal(parsePostalCode('76000').value, '76000')
    assert.equal(parsePostalCode('1000').value, '01000')
    assert.equal(parsePostalCode('76 000').value, '76000')
    assert.equal(parsePostalCode('Rouen').error, 'code postal « Rouen » invalide (5 chiffres)')
  })

  test('emails are kept in lower case; a wrong one is named', ({ assert }) => {
    assert.equal(parseEmail('Amina.Lefevre@Exemple.FR').value, 'amina.lefevre@exemple.fr')
    assert.equal(parseEmail('mailto:a@b.fr').value, 'a@b.fr')
    assert.equal(parseEmail('amina@').error, 'e-mail « amina@ » invalide')
    assert.isDefined(parseEmail('a@b.fr; c@d.fr').error)
  })

  test('France Travail identifiers', ({ assert }) => {
    assert.equal(parseFranceTravailId('1234567a').value, '1234567A')
    assert.equal(parseFranceTravailId('123 4567 A').value, '1234567A')
    assert.isDefined(parseFranceTravailId('12-34').error)
  })

  test('origins as lists write them', ({ assert }) => {
    assert.equal(parseSource('France Travail').value, 'france_travail')
    assert.equal(parseSource('Agence France Travail Rouen Nord').value, 'france_travail')
    assert.equal(parseSource('Pôle emploi').value, 'france_travail')
    assert.equal(parseSource('Mission Locale de Rouen').value, 'mission_locale')
    assert.equal(parseSource('ML').value, 'mission_locale')
    assert.equal(parseSource('Cap emploi').value, 'cap_emploi')
    assert.equal(parseSource('bouche-à-oreille').value, 'word_of_mouth')
    assert.isDefined(parseSource('la voisine').error)
  })

  test('text is cleaned and kept within its length; HTML stays text', ({ assert }) => {
    assert.equal(parseText('  Jean   Pierre ', 'prénom', 100).value, 'Jean Pierre')
    assert.equal(parseText('<b>Dupont</b>', 'nom', 100).value, '<b>Dupont</b>')
    assert.equal(
      parseText('x'.repeat(101), 'nom', 100).error,
      'nom trop long (101 caractères, 100 au plus)'
    )
    assert.equal(
      parseText('ligne 1\r\nligne\u00072', 'remarques', 100, { multiline: true }).value,
      'ligne 1\nligne2'
    )
  })
})
