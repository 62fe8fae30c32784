export const APPLICATION_SOURCES = [
  'france_travail',
  'mission_locale',
  'cap_emploi',
  'word_of_mouth',
  'social_media',
  'website',
  'other',
] as const

export type ApplicationSource = (typeof APPLICATION_SOURCES)[number]
