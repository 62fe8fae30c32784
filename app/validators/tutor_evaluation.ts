import vine from '@vinejs/vine'
import { FrenchMessagesProvider } from '#validators/french_messages'
import type { Infer } from '@vinejs/vine/types'
import { CONTRACT_TYPES } from '#enums/contract_type'
import { NOT_OBSERVED, RATING_LEVELS } from '#enums/tutor_evaluation'

const RATINGS = RATING_LEVELS.map((level) => level.value)
const skill = () => vine.number().in([NOT_OBSERVED, ...RATINGS])

/**
 * The tutor's evaluation form: attendance and skills on the 1–4 scale
 * (a skill may be "not observed"), comments, "would you hire?" and, if
 * hired or to be, the contract type.
 */
export const tutorEvaluationValidator = vine.compile(
  vine.object({
    attendance: vine.number().in(RATINGS),
    skills: vine.object({
      punctuality: skill(),
      attitude: skill(),
      autonomy: skill(),
      work_quality: skill(),
      digital_skills: skill(),
    }),
    comments: vine.string().trim().maxLength(3000).nullable().optional(),
    would_hire: vine.enum(['yes', 'no', 'hired'] as const),
    contract_type: vine
      .enum(CONTRACT_TYPES)
      .optional()
      .requiredWhen('would_hire', 'in', ['yes', 'hired']),
  })
)

export type TutorEvaluationPayload = Infer<typeof tutorEvaluationValidator>

const CHOOSE = 'Choisissez une réponse.'

export const tutorEvaluationMessages = new FrenchMessagesProvider({
  'attendance.required': 'Choisissez une réponse pour l’assiduité.',
  'attendance.number': 'Choisissez une réponse pour l’assiduité.',
  'attendance.in': 'Choisissez une réponse pour l’assiduité.',
  'skills.required': 'Répondez aux questions sur les compétences.',
  'skills.object': 'Répondez aux questions sur les compétences.',
  // The skills (and anything else left unanswered).
  'required': CHOOSE,
  'number': CHOOSE,
  'in': CHOOSE,
  'comments.maxLength': 'Le commentaire doit avoir au plus {{ max }} caractères.',
  'would_hire.required': 'Dites si vous embaucheriez ce ou cette stagiaire.',
  'would_hire.enum': 'Dites si vous embaucheriez ce ou cette stagiaire.',
  'contract_type.required': 'Choisissez le type de contrat.',
  'contract_type.enum': 'Choisissez le type de contrat dans la liste.',
  'string': 'Cette réponse n’est pas valide.',
})
