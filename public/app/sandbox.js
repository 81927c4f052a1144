// A test session: the sandbox stands in for Reclaim, and the applicant picks each step's outcome.
import { ApiError, call } from './link.js'
import { handleFatal, hideAlert, showAlert } from './screens.js'
import { cards, refreshSteps, updateStepCard } from './steps.js'
import { schedulePoll } from './timers.js'
import { errorText, t } from './i18n.js'
import { state } from './state.js'

export const SIMULATE = {
  success: { key: 'sandbox.success', className: 'button primary simulate-success' },
  failure: { key: 'sandbox.failure', className: 'button secondary simulate-failure' }
}

/**
 * Binds an attempt (initiate, as Start does), then asks the sandbox for the outcome. A failure
 * answers 422 and fails the step as an invalid proof does: the card shows it, with the attempts
 * left, once the steps are read again.
 */
export async function simulateStep (stepId, outcome, li) {
  hideAlert('steps-error')
  const buttons = [...li.querySelectorAll('.step-actions button')]
  const clicked = buttons.find((b) => b.dataset.outcome === outcome)
  for (const button of buttons) button.disabled = true
  clicked.setAttribute('aria-busy', 'true')
  clicked.textContent = t('sandbox.simulating')
  try {
    await call('/partner/step/initiate', { method: 'POST', body: { stepId } })
    const step = state.steps.find((s) => s.id === stepId)
    if (step) Object.assign(step, { status: 'INITIATED', canSubmit: true })
    try {
      await call('/partner/sandbox/step/simulate', { method: 'POST', body: { stepId, outcome } })
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 422) throw err
    }
    await refreshSteps()
  } catch (err) {
    if (handleFatal(err)) return
    showAlert('steps-error', errorText(err))
    if (err.status === 409) refreshSteps().catch(() => {})
  } finally {
    clicked.removeAttribute('aria-busy')
    for (const button of buttons) button.disabled = false
    const step = state.steps.find((s) => s.id === stepId)
    if (step && cards.get(stepId) === li) updateStepCard(li, step)
    schedulePoll()
  }
}
