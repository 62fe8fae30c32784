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

/**
 * An export being built: ask its progress every 3 seconds (the status is
 * a live region), and reload the page once it is finished to show the
 * download link. Without JavaScript the page offers a reload link (no
 * timed <meta refresh>, which WCAG 2.2.1 forbids).
 */
const exportRun = document.querySelector('#export-run[data-running]')
if (exportRun instanceof HTMLElement && exportRun.dataset.progressUrl) {
  const status = document.getElementById('export-status')
  const bar = document.getElementById('export-progress')
  const poll = async () => {
    const response = await fetch(exportRun.dataset.progressUrl, {
      headers: { accept: 'application/json' },
    })
    if (!response.ok) return
    const run = await response.json()
    if (bar instanceof HTMLProgressElement) bar.value = run.progress
    if (bar?.nextElementSibling) bar.nextElementSibling.textContent = `${run.progress} %`
    if (status && status.textContent !== run.label) status.textContent = run.label
    if (run.status === 'queued' || run.status === 'running') {
      setTimeout(poll, 3000)
    } else {
      window.location.reload()
    }
  }
  setTimeout(poll, 3000)
}
