/*
|--------------------------------------------------------------------------
| Routes file
|--------------------------------------------------------------------------
|
| Grouped by area, every route named (`area.resource.action`), numeric ids
| matched with `router.matchers.number()`.
|
*/

import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

/*
|--------------------------------------------------------------------------
| Public pages
|--------------------------------------------------------------------------
*/
const PublicPagesController = () => import('#controllers/public_pages_controller')
const LocaleController = () => import('#controllers/locale_controller')

router.get('/', [PublicPagesController, 'home']).as('home')
router.get('/accessibilite', [PublicPagesController, 'accessibility']).as('public.accessibility')
router.get('/mentions-legales', [PublicPagesController, 'legal']).as('public.legal')
router.get('/confidentialite', [PublicPagesController, 'privacy']).as('public.privacy')
router.post('/langue', [LocaleController, 'update']).as('locale.update')

/*
|--------------------------------------------------------------------------
| Authentication
|--------------------------------------------------------------------------
*/
const SessionController = () => import('#controllers/auth/session_controller')
const MagicLinkController = () => import('#controllers/auth/magic_link_controller')
const PasswordResetController = () => import('#controllers/auth/password_reset_controller')

router
  .group(() => {
    router.get('/connexion', [SessionController, 'show']).as('login.show')
    router.post('/connexion', [SessionController, 'store']).as('login.store')
    router.get('/connexion/lien', [MagicLinkController, 'create']).as('magic_link.create')
    router.post('/connexion/lien', [MagicLinkController, 'store']).as('magic_link.store')
    router.get('/connexion/lien/:token', [MagicLinkController, 'show']).as('magic_link.show')
    router.post('/connexion/lien/:token', [MagicLinkController, 'consume']).as('magic_link.consume')
    router
      .get('/mot-de-passe/oubli', [PasswordResetController, 'create'])
      .as('password_reset.create')
    router
      .post('/mot-de-passe/oubli', [PasswordResetController, 'store'])
      .as('password_reset.store')
    router
      .get('/mot-de-passe/nouveau/:token', [PasswordResetController, 'edit'])
      .as('password_reset.edit')
    router
      .post('/mot-de-passe/nouveau/:token', [PasswordResetController, 'update'])
      .as('password_reset.update')
    router.get('/lien-envoye', [PasswordResetController, 'sent']).as('link_sent')
  })
  .as('auth')
  .use(middleware.guest())

router.post('/deconnexion', [SessionController, 'destroy']).as('auth.logout').use(middleware.auth())

/*
|--------------------------------------------------------------------------
| Signed-in areas
|--------------------------------------------------------------------------
*/
const DashboardController = () => import('#controllers/dashboard_controller')
const CoordinatorDashboardController = () => import('#controllers/coordinator/dashboard_controller')
const TrainerSessionsController = () => import('#controllers/trainer/sessions_controller')
const TraineePlanningController = () => import('#controllers/trainee/planning_controller')
const FunderCohortsController = () => import('#controllers/funder/cohorts_controller')
const AdminUsersController = () => import('#controllers/admin/users_controller')

router.get('/tableau-de-bord', [DashboardController, 'show']).as('dashboard').use(middleware.auth())

router
  .group(() => {
    router
      .get('/', [CoordinatorDashboardController, 'show'])
      .as('dashboard')
      .use(middleware.pageCache())
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

router
  .group(() => {
    router.get('/seances', [TrainerSessionsController, 'index']).as('sessions.index')
  })
  .prefix('/formateur')
  .as('trainer')
  .use([middleware.auth(), middleware.role({ roles: ['trainer'] })])

router
  .group(() => {
    router
      .get('/mon-planning', [TraineePlanningController, 'show'])
      .as('planning')
      .use(middleware.pageCache())
  })
  .as('trainee')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] })])

router
  .group(() => {
    router.get('/promotions', [FunderCohortsController, 'index']).as('cohorts.index')
    router
      .get('/promotions/:id', [FunderCohortsController, 'show'])
      .where('id', router.matchers.number())
      .as('cohorts.show')
      .use(middleware.pageCache({ cohortParam: 'id' }))
  })
  .prefix('/financeur')
  .as('funder')
  .use([middleware.auth(), middleware.role({ roles: ['funder'] })])

router
  .group(() => {
    router.get('/comptes', [AdminUsersController, 'index']).as('users.index')
  })
  .prefix('/admin')
  .as('admin')
  .use([middleware.auth(), middleware.role({ roles: ['admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: programmes and curricula
|--------------------------------------------------------------------------
*/
const ProgrammesController = () => import('#controllers/coordinator/programmes_controller')
const ProgrammeModulesController = () =>
  import('#controllers/coordinator/programme_modules_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router.get('/programmes', [ProgrammesController, 'index']).as('programmes.index')
    router.get('/programmes/nouveau', [ProgrammesController, 'create']).as('programmes.create')
    router.post('/programmes', [ProgrammesController, 'store']).as('programmes.store')
    router
      .get('/programmes/:id', [ProgrammesController, 'show'])
      .where('id', number)
      .as('programmes.show')
    router
      .get('/programmes/:id/modifier', [ProgrammesController, 'edit'])
      .where('id', number)
      .as('programmes.edit')
    router
      .put('/programmes/:id', [ProgrammesController, 'update'])
      .where('id', number)
      .as('programmes.update')
    router
      .post('/programmes/:id/pret', [ProgrammesController, 'markReady'])
      .where('id', number)
      .as('programmes.mark_ready')

    router
      .get('/programmes/:id/modules/nouveau', [ProgrammeModulesController, 'create'])
      .where('id', number)
      .as('programmes.modules.create')
    router
      .post('/programmes/:id/modules', [ProgrammeModulesController, 'store'])
      .where('id', number)
      .as('programmes.modules.store')
    router
      .get('/programmes/:id/modules/:moduleId/modifier', [ProgrammeModulesController, 'edit'])
      .where('id', number)
      .where('moduleId', number)
      .as('programmes.modules.edit')
    router
      .put('/programmes/:id/modules/:moduleId', [ProgrammeModulesController, 'update'])
      .where('id', number)
      .where('moduleId', number)
      .as('programmes.modules.update')
    router
      .delete('/programmes/:id/modules/:moduleId', [ProgrammeModulesController, 'destroy'])
      .where('id', number)
      .where('moduleId', number)
      .as('programmes.modules.destroy')
    router
      .post('/programmes/:id/modules/:moduleId/monter', [ProgrammeModulesController, 'moveUp'])
      .where('id', number)
      .where('moduleId', number)
      .as('programmes.modules.move_up')
    router
      .post('/programmes/:id/modules/:moduleId/descendre', [ProgrammeModulesController, 'moveDown'])
      .where('id', number)
      .where('moduleId', number)
      .as('programmes.modules.move_down')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: cohorts
|--------------------------------------------------------------------------
*/
const CohortsController = () => import('#controllers/coordinator/cohorts_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router.get('/promotions', [CohortsController, 'index']).as('cohorts.index')
    router.get('/promotions/nouvelle', [CohortsController, 'create']).as('cohorts.create')
    router.post('/promotions', [CohortsController, 'store']).as('cohorts.store')
    router
      .get('/promotions/:id', [CohortsController, 'show'])
      .where('id', number)
      .as('cohorts.show')
    router
      .get('/promotions/:id/modifier', [CohortsController, 'edit'])
      .where('id', number)
      .as('cohorts.edit')
    router
      .put('/promotions/:id', [CohortsController, 'update'])
      .where('id', number)
      .as('cohorts.update')
    router
      .post('/promotions/:id/statut', [CohortsController, 'changeStatus'])
      .where('id', number)
      .as('cohorts.status.update')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: schedules
|--------------------------------------------------------------------------
*/
const SchedulesController = () => import('#controllers/coordinator/schedules_controller')

router
  .group(() => {
    router
      .get('/promotions/:id/planning', [SchedulesController, 'show'])
      .where('id', router.matchers.number())
      .as('cohorts.schedule.show')
    router
      .post('/promotions/:id/planning', [SchedulesController, 'generate'])
      .where('id', router.matchers.number())
      .as('cohorts.schedule.generate')
    router
      .get('/promotions/:id/planning/imprimer', [SchedulesController, 'print'])
      .where('id', router.matchers.number())
      .as('cohorts.schedule.print')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: editing sessions
|--------------------------------------------------------------------------
*/
const ClassSessionsController = () => import('#controllers/coordinator/class_sessions_controller')

router
  .group(() => {
    router
      .get('/promotions/:id/seances/nouvelle', [ClassSessionsController, 'create'])
      .where('id', router.matchers.number())
      .as('sessions.create')
    router
      .post('/promotions/:id/seances', [ClassSessionsController, 'store'])
      .where('id', router.matchers.number())
      .as('sessions.store')
    router
      .get('/seances/:id/modifier', [ClassSessionsController, 'edit'])
      .where('id', router.matchers.number())
      .as('sessions.edit')
    router
      .post('/seances/:id', [ClassSessionsController, 'update'])
      .where('id', router.matchers.number())
      .as('sessions.update')
    router
      .post('/seances/:id/annuler', [ClassSessionsController, 'cancel'])
      .where('id', router.matchers.number())
      .as('sessions.cancel')
    router
      .post('/seances/:id/retablir', [ClassSessionsController, 'restore'])
      .where('id', router.matchers.number())
      .as('sessions.restore')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Plannings and calendar feeds (trainer, trainee)
|--------------------------------------------------------------------------
*/
const CalendarFeedsController = () => import('#controllers/calendar_feeds_controller')

router
  .group(() => {
    router.get('/mon-calendrier', [CalendarFeedsController, 'show']).as('show')
    router
      .post('/mon-calendrier/nouveau-lien', [CalendarFeedsController, 'regenerate'])
      .as('regenerate')
  })
  .as('calendar')
  .use([middleware.auth(), middleware.role({ roles: ['trainee', 'trainer'] })])

/**
 * The private iCalendar feed a phone subscribes to: no sign-in, the token
 * is the only key.
 */
router.get('/calendrier/:token.ics', [CalendarFeedsController, 'feed']).as('calendar.feed')

/*
|--------------------------------------------------------------------------
| Public application form
|--------------------------------------------------------------------------
*/
const PublicApplicationsController = () => import('#controllers/public/applications_controller')

router
  .group(() => {
    router.get('/candidater', [PublicApplicationsController, 'index']).as('index')
    router
      .get('/candidater/:id', [PublicApplicationsController, 'create'])
      .where('id', router.matchers.number())
      .as('create')
    router
      .post('/candidater/:id', [PublicApplicationsController, 'store'])
      .where('id', router.matchers.number())
      .as('store')
    router
      .get('/candidater/:id/merci', [PublicApplicationsController, 'thanks'])
      .where('id', router.matchers.number())
      .as('thanks')
  })
  .as('apply')

/*
|--------------------------------------------------------------------------
| Coordinator: applications pipeline
|--------------------------------------------------------------------------
*/
const ApplicationsController = () => import('#controllers/coordinator/applications_controller')
const LabelMixController = () => import('#controllers/coordinator/label_mix_controller')

router
  .group(() => {
    router
      .get('/promotions/:id/candidatures', [ApplicationsController, 'index'])
      .where('id', router.matchers.number())
      .as('applications.index')
    router
      .get('/promotions/:id/mixite', [LabelMixController, 'show'])
      .where('id', router.matchers.number())
      .as('cohorts.label_mix')
    router
      .get('/candidatures/:id', [ApplicationsController, 'show'])
      .where('id', router.matchers.number())
      .as('applications.show')
    router
      .post('/candidatures/:id/statut', [ApplicationsController, 'move'])
      .where('id', router.matchers.number())
      .as('applications.move')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: admission and duplicate people
|--------------------------------------------------------------------------
*/
const AdmissionsController = () => import('#controllers/coordinator/admissions_controller')
const ApplicationDuplicatesController = () =>
  import('#controllers/coordinator/application_duplicates_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .post('/candidatures/:id/admission', [AdmissionsController, 'store'])
      .where('id', number)
      .as('applications.admit')
    router
      .post('/candidatures/:id/doublon/rattacher', [ApplicationDuplicatesController, 'confirm'])
      .where('id', number)
      .as('applications.duplicate.confirm')
    router
      .post('/candidatures/:id/doublon/ecarter', [ApplicationDuplicatesController, 'dismiss'])
      .where('id', number)
      .as('applications.duplicate.dismiss')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: application scores and invitations
|--------------------------------------------------------------------------
*/
const ApplicationSelectionController = () =>
  import('#controllers/coordinator/application_selection_controller')

router
  .group(() => {
    router
      .post('/candidatures/:id/evaluation', [ApplicationSelectionController, 'saveScores'])
      .where('id', router.matchers.number())
      .as('applications.scores.store')
    router
      .post('/candidatures/:id/invitation', [ApplicationSelectionController, 'invite'])
      .where('id', router.matchers.number())
      .as('applications.invitation.store')
    router
      .post('/promotions/:id/candidatures/invitations', [
        ApplicationSelectionController,
        'inviteMany',
      ])
      .where('id', router.matchers.number())
      .as('applications.invitations.store')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Coordinator: applicant imports and pipeline export
|--------------------------------------------------------------------------
*/
const ApplicationImportsController = () =>
  import('#controllers/coordinator/application_imports_controller')
const ApplicationExportsController = () =>
  import('#controllers/coordinator/application_exports_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .get('/promotions/:id/candidatures/import', [ApplicationImportsController, 'create'])
      .where('id', number)
      .as('applications.import.create')
    router
      .post('/promotions/:id/candidatures/import', [ApplicationImportsController, 'store'])
      .where('id', number)
      .as('applications.import.store')
    router
      .get('/promotions/:id/candidatures/import/colonnes', [
        ApplicationImportsController,
        'mapping',
      ])
      .where('id', number)
      .as('applications.import.mapping')
    router
      .get('/promotions/:id/candidatures/import/apercu', [ApplicationImportsController, 'preview'])
      .where('id', number)
      .as('applications.import.preview')
    router
      .post('/promotions/:id/candidatures/import/confirmer', [
        ApplicationImportsController,
        'confirm',
      ])
      .where('id', number)
      .as('applications.import.confirm')
    router
      .get('/promotions/:id/candidatures/export.xlsx', [ApplicationExportsController, 'show'])
      .where('id', number)
      .as('applications.export')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Attendance: roll call and signatures
|--------------------------------------------------------------------------
*/
const RollCallsController = () => import('#controllers/roll_calls/roll_calls_controller')
const SigningCodesController = () => import('#controllers/roll_calls/signing_codes_controller')
const TraineeSigningController = () => import('#controllers/trainee/signing_controller')

/**
 * The roll call and the signing code of a session: the same pages for its
 * trainer (sessions they teach only) and for coordinators and admins (any
 * session of the organisation).
 */
for (const area of [
  { prefix: '/formateur', name: 'trainer', roles: ['trainer' as const] },
  {
    prefix: '/coordination',
    name: 'coordinator',
    roles: ['coordinator' as const, 'admin' as const],
  },
]) {
  router
    .group(() => {
      router
        .get('/seances/:id/appel', [RollCallsController, 'show'])
        .where('id', router.matchers.number())
        .as('roll_call.show')
        .use(middleware.pageCache())
      router
        .post('/seances/:id/appel', [RollCallsController, 'store'])
        .where('id', router.matchers.number())
        .as('roll_call.store')
      router
        .get('/seances/:id/code', [SigningCodesController, 'show'])
        .where('id', router.matchers.number())
        .as('signing_code.show')
    })
    .prefix(area.prefix)
    .as(area.name)
    .use([middleware.auth(), middleware.role({ roles: area.roles })])
}

router
  .group(() => {
    router.get('/mon-planning/signer', [TraineeSigningController, 'show']).as('signing.show')
    router.post('/mon-planning/signer', [TraineeSigningController, 'store']).as('signing.store')
  })
  .as('trainee')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] })])

/*
|--------------------------------------------------------------------------
| Attendance: hours, rates and alerts
|--------------------------------------------------------------------------
*/
const CoordinatorAttendanceController = () =>
  import('#controllers/coordinator/attendance_controller')
const TraineeAttendanceController = () => import('#controllers/trainee/attendance_controller')

router
  .group(() => {
    router
      .get('/promotions/:id/presences', [CoordinatorAttendanceController, 'show'])
      .where('id', router.matchers.number())
      .as('cohorts.attendance.show')
      .use(middleware.pageCache())
    router
      .post('/inscriptions/:id/alertes-presence/traitee', [
        CoordinatorAttendanceController,
        'acknowledge',
      ])
      .where('id', router.matchers.number())
      .as('attendance_alerts.acknowledge')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

router
  .get('/mes-presences', [TraineeAttendanceController, 'show'])
  .as('trainee.attendance')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] }), middleware.pageCache()])

/*
|--------------------------------------------------------------------------
| Attendance: absences and attendance documents
|--------------------------------------------------------------------------
*/
const AbsencesController = () => import('#controllers/coordinator/absences_controller')
const TraineeAbsencesController = () => import('#controllers/trainee/absences_controller')
const AttendanceDocumentsController = () => import('#controllers/attendance_documents_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .get('/promotions/:id/absences', [AbsencesController, 'index'])
      .where('id', number)
      .as('absences.index')
    router
      .get('/absences/:id/modifier', [AbsencesController, 'edit'])
      .where('id', number)
      .as('absences.edit')
    router
      .post('/absences/:id', [AbsencesController, 'update'])
      .where('id', number)
      .as('absences.update')
    router
      .get('/absences/:id/justificatif', [AbsencesController, 'proof'])
      .where('id', number)
      .as('absences.proof')
    router
      .get('/promotions/:id/emargement.pdf', [AttendanceDocumentsController, 'weekSheets'])
      .where('id', number)
      .as('attendance_sheets.week')
    router
      .get('/promotions/:id/stagiaires/:enrollmentId/etat-presence', [
        AttendanceDocumentsController,
        'statement',
      ])
      .where('id', number)
      .where('enrollmentId', number)
      .as('attendance_statements.show')
    router
      .get('/promotions/:id/stagiaires/:enrollmentId/etat-presence.xlsx', [
        AttendanceDocumentsController,
        'statementXlsx',
      ])
      .where('id', number)
      .where('enrollmentId', number)
      .as('attendance_statements.xlsx')
    router
      .get('/promotions/:id/stagiaires/:enrollmentId/etat-presence.pdf', [
        AttendanceDocumentsController,
        'statementPdf',
      ])
      .where('id', number)
      .where('enrollmentId', number)
      .as('attendance_statements.pdf')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/**
 * A session's sheet: coordinators and admins, and its own trainer (the
 * session is looked up among theirs).
 */
router
  .get('/coordination/seances/:id/emargement.pdf', [AttendanceDocumentsController, 'sessionSheet'])
  .where('id', router.matchers.number())
  .as('attendance_sheets.session')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin', 'trainer'] })])

router
  .group(() => {
    router.get('/mes-absences', [TraineeAbsencesController, 'index']).as('index')
    router.post('/mes-absences', [TraineeAbsencesController, 'announce']).as('announce')
    router
      .get('/mes-absences/:id/justificatif', [TraineeAbsencesController, 'proof'])
      .where('id', router.matchers.number())
      .as('proof.show')
    router
      .post('/mes-absences/:id/justificatif', [TraineeAbsencesController, 'addProof'])
      .where('id', router.matchers.number())
      .as('proof.store')
  })
  .as('trainee.absences')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] })])

/*
|--------------------------------------------------------------------------
| Partner companies and company visits
|--------------------------------------------------------------------------
*/
const PartnerCompaniesController = () =>
  import('#controllers/coordinator/partner_companies_controller')
const CompanyContactsController = () =>
  import('#controllers/coordinator/company_contacts_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router.get('/entreprises', [PartnerCompaniesController, 'index']).as('companies.index')
    router
      .get('/entreprises/nouvelle', [PartnerCompaniesController, 'create'])
      .as('companies.create')
    router.post('/entreprises', [PartnerCompaniesController, 'store']).as('companies.store')
    router
      .get('/entreprises/:id', [PartnerCompaniesController, 'show'])
      .where('id', number)
      .as('companies.show')
    router
      .get('/entreprises/:id/modifier', [PartnerCompaniesController, 'edit'])
      .where('id', number)
      .as('companies.edit')
    router
      .post('/entreprises/:id', [PartnerCompaniesController, 'update'])
      .where('id', number)
      .as('companies.update')
    router
      .post('/entreprises/:id/suppression', [PartnerCompaniesController, 'destroy'])
      .where('id', number)
      .as('companies.destroy')
    router
      .post('/entreprises/:id/contacts', [CompanyContactsController, 'store'])
      .where('id', number)
      .as('companies.contacts.store')
    router
      .get('/entreprises/:id/contacts/:contactId/modifier', [CompanyContactsController, 'edit'])
      .where('id', number)
      .where('contactId', number)
      .as('companies.contacts.edit')
    router
      .post('/entreprises/:id/contacts/:contactId', [CompanyContactsController, 'update'])
      .where('id', number)
      .where('contactId', number)
      .as('companies.contacts.update')
    router
      .post('/entreprises/:id/contacts/:contactId/suppression', [
        CompanyContactsController,
        'destroy',
      ])
      .where('id', number)
      .where('contactId', number)
      .as('companies.contacts.destroy')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Internships and agreements
|--------------------------------------------------------------------------
*/
// @section INTERNSHIPS
const InternshipsController = () => import('#controllers/coordinator/internships_controller')
const TraineeInternshipController = () => import('#controllers/trainee/internship_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .get('/promotions/:id/stages', [InternshipsController, 'index'])
      .where('id', number)
      .as('index')
    router
      .get('/inscriptions/:id/stages/nouveau', [InternshipsController, 'create'])
      .where('id', number)
      .as('create')
    router
      .post('/inscriptions/:id/stages', [InternshipsController, 'store'])
      .where('id', number)
      .as('store')
    router.get('/stages/:id', [InternshipsController, 'show']).where('id', number).as('show')
    router
      .get('/stages/:id/modifier', [InternshipsController, 'edit'])
      .where('id', number)
      .as('edit')
    router.post('/stages/:id', [InternshipsController, 'update']).where('id', number).as('update')
    router
      .post('/stages/:id/statut', [InternshipsController, 'move'])
      .where('id', number)
      .as('move')
    router
      .get('/stages/:id/convention.pdf', [InternshipsController, 'agreement'])
      .where('id', number)
      .as('agreement')
    router
      .get('/stages/:id/convention-signee', [InternshipsController, 'showScan'])
      .where('id', number)
      .as('scan.show')
    router
      .post('/stages/:id/convention-signee', [InternshipsController, 'storeScan'])
      .where('id', number)
      .as('scan.store')
  })
  .prefix('/coordination')
  .as('coordinator.internships')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

router
  .get('/mon-stage', [TraineeInternshipController, 'show'])
  .as('trainee.internship')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] })])

/*
|--------------------------------------------------------------------------
| Tutor evaluations (magic links)
|--------------------------------------------------------------------------
*/
const CoordinatorTutorEvaluationsController = () =>
  import('#controllers/coordinator/tutor_evaluations_controller')
const PublicTutorEvaluationsController = () =>
  import('#controllers/public/tutor_evaluations_controller')

router
  .group(() => {
    router.get('/evaluations-tuteurs', [CoordinatorTutorEvaluationsController, 'index']).as('index')
    router
      .get('/evaluations-tuteurs/:id', [CoordinatorTutorEvaluationsController, 'show'])
      .where('id', router.matchers.number())
      .as('show')
    router
      .post('/evaluations-tuteurs/:id/envoi', [CoordinatorTutorEvaluationsController, 'send'])
      .where('id', router.matchers.number())
      .as('send')
    router
      .post('/evaluations-tuteurs/:id/relance', [CoordinatorTutorEvaluationsController, 'remind'])
      .where('id', router.matchers.number())
      .as('remind')
    router
      .get('/evaluations-tuteurs/:id/formulaire.pdf', [
        CoordinatorTutorEvaluationsController,
        'blankForm',
      ])
      .where('id', router.matchers.number())
      .as('blank_form')
  })
  .prefix('/coordination')
  .as('coordinator.tutor_evaluations')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

// The tutor's form: no account, the emailed token is the key.
router
  .group(() => {
    router.get('/evaluation-stage/:token', [PublicTutorEvaluationsController, 'show']).as('show')
    router.post('/evaluation-stage/:token', [PublicTutorEvaluationsController, 'store']).as('store')
  })
  .as('tutor_evaluation')

/*
|--------------------------------------------------------------------------
| Exits and outcomes
|--------------------------------------------------------------------------
*/
// @section OUTCOMES
const OutcomesController = () => import('#controllers/coordinator/outcomes_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .get('/inscriptions/:id/sortie', [OutcomesController, 'exitForm'])
      .where('id', number)
      .as('enrollments.exit.show')
    router
      .post('/inscriptions/:id/sortie', [OutcomesController, 'close'])
      .where('id', number)
      .as('enrollments.exit.store')
    router
      .get('/inscriptions/:id/parcours', [OutcomesController, 'show'])
      .where('id', number)
      .as('enrollments.outcomes.show')
    router
      .post('/inscriptions/:id/parcours', [OutcomesController, 'store'])
      .where('id', number)
      .as('enrollments.outcomes.store')
    router
      .get('/promotions/:id/resultats', [OutcomesController, 'results'])
      .where('id', number)
      .as('cohorts.results')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Follow-ups and alumni self-report
|--------------------------------------------------------------------------
*/
// @section FOLLOWUPS
const SelfReportController = () => import('#controllers/public/self_report_controller')
const FollowUpsController = () => import('#controllers/coordinator/follow_ups_controller')
const TraineeSituationController = () => import('#controllers/trainee/situation_controller')

/**
 * The former trainee's self-report page, from the emailed link: no account.
 */
router
  .group(() => {
    const token = /^[\w-]{20,100}$/
    router
      .get('/ma-situation/:token', [SelfReportController, 'show'])
      .where('token', token)
      .as('show')
    router
      .post('/ma-situation/:token', [SelfReportController, 'store'])
      .where('token', token)
      .as('store')
  })
  .as('follow_ups.self_report')

router
  .group(() => {
    const number = router.matchers.number()
    router.get('/suivis', [FollowUpsController, 'index']).as('follow_ups.index')
    router
      .get('/promotions/:id/suivis', [FollowUpsController, 'cohort'])
      .where('id', number)
      .as('follow_ups.cohort')
    router
      .post('/inscriptions/:id/suivis/:checkpoint/appel', [FollowUpsController, 'call'])
      .where('id', number)
      .where('checkpoint', /^(m3|m6|m12)$/)
      .as('follow_ups.call')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

router
  .group(() => {
    router.get('/ma-situation', [TraineeSituationController, 'show']).as('show')
    router.post('/ma-situation', [TraineeSituationController, 'update']).as('update')
  })
  .as('trainee.situation')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] })])

/*
|--------------------------------------------------------------------------
| Funder portal
|--------------------------------------------------------------------------
*/
// Funder portal routes live in the funder group above (cohorts.index, cohorts.show).

/*
|--------------------------------------------------------------------------
| Export runs and outcome spreadsheets
|--------------------------------------------------------------------------
*/
// @section EXPORTS
const ExportsController = () => import('#controllers/exports_controller')

router
  .group(() => {
    router.get('/exports', [ExportsController, 'index']).as('exports.index')
    router.post('/exports', [ExportsController, 'store']).as('exports.store')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

router
  .group(() => {
    router.get('/exports', [ExportsController, 'index']).as('exports.index')
    router.post('/exports', [ExportsController, 'store']).as('exports.store')
  })
  .prefix('/financeur')
  .as('funder')
  .use([middleware.auth(), middleware.role({ roles: ['funder'] })])

/**
 * A run and its file: only the person who asked (others get 404).
 */
router
  .group(() => {
    const number = router.matchers.number()
    router.get('/exports/:id', [ExportsController, 'show']).where('id', number).as('show')
    router
      .get('/exports/:id/avancement', [ExportsController, 'progress'])
      .where('id', number)
      .as('progress')
    router
      .get('/exports/:id/fichier', [ExportsController, 'download'])
      .where('id', number)
      .as('download')
  })
  .as('exports')
  .use([middleware.auth()])

/*
|--------------------------------------------------------------------------
| GEN figures and BPF
|--------------------------------------------------------------------------
*/
// @section BPF
const BpfReportsController = () => import('#controllers/coordinator/bpf_reports_controller')

router
  .group(() => {
    router.get('/rapports/bpf', [BpfReportsController, 'show']).as('reports.bpf')
    router.get('/rapports/bpf.xlsx', [BpfReportsController, 'xlsx']).as('reports.bpf_xlsx')
    router
      .get('/rapports/gen/:id', [BpfReportsController, 'gen'])
      .where('id', router.matchers.number())
      .as('reports.gen')
    router
      .get('/rapports/gen/:id/chiffres.xlsx', [BpfReportsController, 'genXlsx'])
      .where('id', router.matchers.number())
      .as('reports.gen_xlsx')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Qualiopi results and completion documents
|--------------------------------------------------------------------------
*/
// @section QUALIOPI
const PublicProgrammeResultsController = () =>
  import('#controllers/public/programme_results_controller')
const ProgrammeResultsRefreshController = () =>
  import('#controllers/coordinator/programme_results_controller')
const CompletionDocumentsController = () =>
  import('#controllers/coordinator/completion_documents_controller')

router
  .get('/resultats/:organizationSlug/:programmeSlug', [PublicProgrammeResultsController, 'show'])
  .where('organizationSlug', /^[a-z0-9-]+$/)
  .where('programmeSlug', /^[a-z0-9-]+$/)
  .as('public.programme_results')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .get('/programmes/:id/resultats', [ProgrammeResultsRefreshController, 'showPublic'])
      .where('id', number)
      .as('programmes.results.public')
    router
      .post('/programmes/:id/resultats/mise-a-jour', [ProgrammeResultsRefreshController, 'refresh'])
      .where('id', number)
      .as('programmes.results.refresh')
    router
      .get('/inscriptions/:id/certificat-realisation.pdf', [
        CompletionDocumentsController,
        'certificate',
      ])
      .where('id', number)
      .as('enrollments.completion_certificate')
    router
      .get('/inscriptions/:id/attestation-fin-formation.pdf', [
        CompletionDocumentsController,
        'attestation',
      ])
      .where('id', number)
      .as('enrollments.training_attestation')
    router
      .get('/promotions/:id/documents-fin-formation', [CompletionDocumentsController, 'index'])
      .where('id', number)
      .as('cohorts.completion_documents.index')
    router
      .get('/promotions/:id/documents-fin-formation.zip', [
        CompletionDocumentsController,
        'cohortZip',
      ])
      .where('id', number)
      .as('cohorts.completion_documents')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Health and load-balancer probes
|--------------------------------------------------------------------------
*/
// @section HEALTH
/**
 * Liveness: the process answers. A constant, for load balancers (and the
 * floor `npm run bench` measures pages against).
 */
router.get('/health/live', () => 'ok').as('health.live')
/**
 * Readiness: database, Redis (bullmq driver), disk, memory, job outbox;
 * 503 when one fails. Public answer: names and statuses only.
 */
router.get('/health', [() => import('#controllers/health_checks_controller')]).as('health')

/*
|--------------------------------------------------------------------------
| Personal data: retention, right of access, erasure
|--------------------------------------------------------------------------
*/
// @section PRIVACY
const PersonalDataController = () => import('#controllers/coordinator/personal_data_controller')

router
  .group(() => {
    const number = router.matchers.number()
    router
      .get('/personnes/:id', [PersonalDataController, 'show'])
      .where('id', number)
      .as('people.show')
    router
      .get('/personnes/:id/donnees.json', [PersonalDataController, 'export'])
      .where('id', number)
      .as('people.export')
    router
      .post('/personnes/:id/anonymisation', [PersonalDataController, 'anonymize'])
      .where('id', number)
      .as('people.anonymize')
  })
  .prefix('/coordination')
  .as('coordinator')
  .use([middleware.auth(), middleware.role({ roles: ['coordinator', 'admin'] })])

/*
|--------------------------------------------------------------------------
| Development tools (never in production)
|--------------------------------------------------------------------------
*/
if (!app.inProduction) {
  const DevMailboxController = () => import('#controllers/dev_mailbox_controller')

  router
    .group(() => {
      router.get('/mails', [DevMailboxController, 'index']).as('mails.index')
      router
        .get('/mails/:id', [DevMailboxController, 'show'])
        .where('id', /^[\w-]+$/)
        .as('mails.show')
      router
        .get('/mails/:id/html', [DevMailboxController, 'html'])
        .where('id', /^[\w-]+$/)
        .as('mails.html')
    })
    .prefix('/dev')
    .as('dev')
}
