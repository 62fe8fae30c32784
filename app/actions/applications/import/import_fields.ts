import type { ApplicationSource } from '#enums/application_source'

/**
 * The Cohorte fields an imported file can fill, in the order the mapping
 * page lists them, with the column titles each is guessed from.
 *
 * Titles are compared once folded (lower case, no accents, punctuation as
 * spaces): "NOM DE NAISSANCE", "Nom de naissance" and "nom_de_naissance"
 * are the same title. A field is guessed from a title equal to one of its
 * `exact` names first; a title that contains one of its `partial` names
 * as whole words comes second ("Date de naissance du bénéficiaire").
 */
export const IMPORT_FIELD_KEYS = [
  'last_name',
  'first_name',
  'email',
  'phone',
  'birth_date',
  'sex',
  'postal_code',
  'city',
  'address_line',
  'qualification_level',
  'job_seeker',
  'france_travail_id',
  'source',
  'prescriber',
  'notes',
] as const

export type ImportFieldKey = (typeof IMPORT_FIELD_KEYS)[number]

export type ImportField = {
  key: ImportFieldKey
  label: string
  required: boolean
  /** What the mapping page says about the values it reads. */
  hint?: string
  exact: string[]
  partial: string[]
}

export const IMPORT_FIELDS: ImportField[] = [
  {
    key: 'last_name',
    label: 'Nom',
    required: true,
    exact: [
      'nom',
      'nom de famille',
      'nom de naissance',
      'nom d usage',
      'nom usuel',
      'nom patronymique',
      'nom du beneficiaire',
      'nom du candidat',
      'nom du demandeur',
      'last name',
      'lastname',
      'surname',
    ],
    partial: ['nom de naissance', 'nom de famille', 'nom d usage'],
  },
  {
    key: 'first_name',
    label: 'Prénom',
    required: true,
    exact: ['prenom', 'prenoms', 'premier prenom', 'first name', 'firstname'],
    partial: ['prenom'],
  },
  {
    key: 'email',
    label: 'Adresse e-mail',
    required: false,
    exact: [
      'email',
      'e mail',
      'mail',
      'mel',
      'courriel',
      'adresse mail',
      'adresse email',
      'adresse e mail',
      'adresse electronique',
      'adresse courriel',
    ],
    partial: ['courriel', 'email', 'e mail', 'mail'],
  },
  {
    key: 'phone',
    label: 'Téléphone',
    required: false,
    hint: '10 chiffres ; un 0 perdu par Excel est remis.',
    exact: [
      'telephone',
      'tel',
      'tel portable',
      'portable',
      'mobile',
      'telephone portable',
      'telephone mobile',
      'numero de telephone',
      'num tel',
      'phone',
    ],
    partial: ['telephone', 'portable', 'mobile'],
  },
  {
    key: 'birth_date',
    label: 'Date de naissance',
    required: false,
    hint: 'Comme 21/03/1990, 1990-03-21 ou une date Excel.',
    exact: [
      'date de naissance',
      'date naissance',
      'naissance',
      'ne le',
      'ne e le',
      'nee le',
      'ddn',
      'birth date',
      'birthdate',
      'date of birth',
    ],
    partial: ['date de naissance', 'naissance'],
  },
  {
    key: 'sex',
    label: 'Sexe',
    required: false,
    hint: 'F, H, M, femme, homme, Mme, M.',
    exact: ['sexe', 'genre', 'civilite', 'h f', 'f h', 'sex', 'gender'],
    partial: ['sexe', 'civilite', 'genre'],
  },
  {
    key: 'postal_code',
    label: 'Code postal',
    required: false,
    exact: ['code postal', 'cp', 'code post', 'postal code', 'zip'],
    partial: ['code postal'],
  },
  {
    key: 'city',
    label: 'Ville',
    required: false,
    exact: ['ville', 'commune', 'localite', 'city', 'ville de residence', 'commune de residence'],
    partial: ['ville', 'commune'],
  },
  {
    key: 'address_line',
    label: 'Adresse',
    required: false,
    exact: ['adresse', 'adresse postale', 'rue', 'voie', 'numero et rue', 'address'],
    partial: ['adresse postale'],
  },
  {
    key: 'qualification_level',
    label: 'Niveau de diplôme',
    required: false,
    hint: '0 à 8, « niveau 3 », CAP, bac, bac+2, sans diplôme, NV4…',
    exact: [
      'niveau',
      'niveau de diplome',
      'niveau diplome',
      'niveau de formation',
      'niveau de qualification',
      'niveau d etudes',
      'niveau scolaire',
      'diplome',
      'dernier diplome',
      'diplome le plus eleve',
      'diplome le plus haut',
      'plus haut diplome',
    ],
    partial: ['niveau', 'diplome'],
  },
  {
    key: 'job_seeker',
    label: 'Demandeur ou demandeuse d’emploi',
    required: false,
    hint: 'oui, non, o, n, 1, 0 ou x. Sans cette colonne : oui quand un identifiant France Travail est donné.',
    exact: [
      'demandeur d emploi',
      'demandeuse d emploi',
      'demandeur ou demandeuse d emploi',
      'de',
      'inscrit france travail',
      'inscrit a france travail',
      'inscrit pole emploi',
      'inscrit ft',
      'inscription france travail',
      'job seeker',
    ],
    partial: ['demandeur d emploi', 'inscrit'],
  },
  {
    key: 'france_travail_id',
    label: 'Identifiant France Travail',
    required: false,
    exact: [
      'identifiant ft',
      'id ft',
      'identifiant france travail',
      'numero france travail',
      'n france travail',
      'no france travail',
      'identifiant pole emploi',
      'identifiant pe',
      'id pe',
      'numero pole emploi',
      'n pole emploi',
      'ide',
    ],
    partial: ['identifiant ft', 'identifiant france travail', 'identifiant pole emploi'],
  },
  {
    key: 'source',
    label: 'Origine (par ligne)',
    required: false,
    hint: 'France Travail, Mission Locale, Cap emploi… Une case vide prend l’origine choisie plus bas.',
    exact: [
      'origine',
      'source',
      'orienteur',
      'orientation',
      'structure',
      'structure prescriptrice',
      'organisme prescripteur',
      'canal',
    ],
    partial: ['origine', 'orienteur', 'structure'],
  },
  {
    key: 'prescriber',
    label: 'Prescripteur ou prescriptrice',
    required: false,
    hint: 'La personne qui oriente : conseiller, conseillère, référent…',
    exact: [
      'prescripteur',
      'prescriptrice',
      'conseiller',
      'conseillere',
      'conseiller referent',
      'conseillere referente',
      'referent',
      'referente',
      'nom du conseiller',
    ],
    partial: ['prescripteur', 'conseiller', 'conseillere', 'referent'],
  },
  {
    key: 'notes',
    label: 'Remarques',
    required: false,
    hint: 'Recopiées dans l’historique de la candidature.',
    exact: [
      'remarques',
      'remarque',
      'commentaire',
      'commentaires',
      'observations',
      'notes',
      'note',
    ],
    partial: ['remarque', 'commentaire', 'observation'],
  },
]

export const REQUIRED_IMPORT_FIELDS = IMPORT_FIELDS.filter((field) => field.required)

/**
 * A column index (0-based) for each field the file fills.
 */
export type ImportMapping = Partial<Record<ImportFieldKey, number>>

/**
 * Lower case, accents removed, anything but letters and digits as one
 * space: "Né(e) le" → "ne e le", "E-mail" → "e mail".
 */
export function foldText(value: string) {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function containsWords(title: string, words: string) {
  return ` ${title} `.includes(` ${words} `)
}

/**
 * The mapping guessed from a file's column titles: each column fills at
 * most one field, each field takes the first column that fits.
 */
export function guessMapping(headers: string[]): ImportMapping {
  const titles = headers.map((header) => foldText(header))
  const mapping: ImportMapping = {}
  const taken = new Set<number>()

  const pick = (field: ImportField, fits: (title: string) => boolean) => {
    if (mapping[field.key] !== undefined) return
    const index = titles.findIndex((title, at) => !taken.has(at) && title !== '' && fits(title))
    if (index >= 0) {
      mapping[field.key] = index
      taken.add(index)
    }
  }

  for (const field of IMPORT_FIELDS) pick(field, (title) => field.exact.includes(title))
  // A title that is exactly another field's name ("Nom de naissance") is
  // never taken for a partial match ("naissance").
  const exactTitles = new Set(IMPORT_FIELDS.flatMap((field) => field.exact))
  for (const field of IMPORT_FIELDS) {
    pick(
      field,
      (title) =>
        !exactTitles.has(title) && field.partial.some((words) => containsWords(title, words))
    )
  }
  return mapping
}

/**
 * "A", "B", … "Z", "AA": a column as a spreadsheet names it.
 */
export function columnLetter(index: number) {
  let letters = ''
  let rest = index + 1
  while (rest > 0) {
    const remainder = (rest - 1) % 26
    letters = String.fromCharCode(65 + remainder) + letters
    rest = Math.floor((rest - 1) / 26)
  }
  return letters
}

/**
 * Problems with a chosen mapping, by field, in French: a required field
 * without a column, a column the file does not have, one column chosen
 * for two fields.
 */
export function checkMapping(mapping: ImportMapping, headers: string[]) {
  const problems: Partial<Record<ImportFieldKey, string>> = {}
  const usedBy = new Map<number, ImportField>()
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field.key]
    if (index === undefined) {
      if (field.required) {
        problems[field.key] =
          `Choisissez la colonne du fichier qui contient « ${field.label} » : ce champ est obligatoire.`
      }
      continue
    }
    if (!Number.isInteger(index) || index < 0 || index >= headers.length) {
      problems[field.key] =
        `La colonne choisie pour « ${field.label} » n’existe pas dans le fichier.`
      continue
    }
    const other = usedBy.get(index)
    if (other) {
      problems[field.key] =
        `La colonne ${columnLabel(headers, index)} est déjà choisie pour « ${other.label} » : une colonne ne remplit qu’un champ.`
      continue
    }
    usedBy.set(index, field)
  }
  return problems
}

/**
 * What the coordinator chooses on the mapping page: a column per field,
 * and the origin given to the rows that have none.
 */
export type ImportChoices = { mapping: ImportMapping; source: ApplicationSource | null }

export type ImportProblems = Partial<Record<ImportFieldKey | 'source', string>>

/**
 * checkMapping, plus the origin, which every import needs.
 */
export function checkImportChoices({ mapping, source }: ImportChoices, headers: string[]) {
  const problems: ImportProblems = checkMapping(mapping, headers)
  if (!source) {
    problems.source =
      'Choisissez l’origine des candidatures : elle est donnée aux lignes qui n’en ont pas.'
  }
  return problems
}

/**
 * "« Nom » (colonne A)", or "colonne C (sans titre)".
 */
export function columnLabel(headers: string[], index: number) {
  const title = headers[index]?.trim()
  return title
    ? `« ${title} » (colonne ${columnLetter(index)})`
    : `colonne ${columnLetter(index)} (sans titre)`
}
