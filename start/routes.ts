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
    router.get('/', [CoordinatorDashboardController, 'show']).as('dashboard')
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
    router.get('/mon-planning', [TraineePlanningController, 'show']).as('planning')
  })
  .as('trainee')
  .use([middleware.auth(), middleware.role({ roles: ['trainee'] })])

router
  .group(() => {
    router.get('/promotions', [FunderCohortsController, 'index']).as('cohorts.index')
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

/*
|--------------------------------------------------------------------------
| Coordinator: cohorts
|--------------------------------------------------------------------------
*/

/*
|--------------------------------------------------------------------------
| Coordinator: schedules
|--------------------------------------------------------------------------
*/

/*
|--------------------------------------------------------------------------
| Plannings and calendar feeds (trainer, trainee)
|--------------------------------------------------------------------------
*/

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
