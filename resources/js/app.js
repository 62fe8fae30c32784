/*
 * Progressive enhancement only: every page works without this file.
 */

/**
 * Ask before submitting a form (or pressing a button) that carries
 * `data-confirm="Question ?"`. Without JavaScript the form is sent directly.
 */
document.addEventListener('submit', (event) => {
  const form = event.target
  if (!(form instanceof HTMLFormElement)) return

  const submitter = event.submitter
  const question =
    (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm')

  if (question && !window.confirm(question)) {
    event.preventDefault()
  }
})

/**
 * After a redirect with errors, bring the error summary into view and give
 * it focus so screen reader users hear it first.
 */
const summary = document.querySelector('[data-error-summary]')
if (summary instanceof HTMLElement) {
  summary.focus()
}
