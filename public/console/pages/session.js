// One session: its applicant, instructions, verified facts, steps and audit trail, and what may be
// done with it now. Whether an action is offered comes from the API's answer: the session says
// what its status allows (canDecide, canCancel, canReissueLink, canRedact), /partner/me what the
// key may do; the console repeats no status rule.
import { renderAnnotations, wireAnnotations } from '../annotations.js'
import { api } from '../api.js'
import { openDecision, wireDecision } from '../decision.js'
import { openDialog } from '../dialog.js'
import { schedulePoll } from '../poll.js'
import { readUrl, registerPage, showPage, urlFor } from '../router.js'
import { can, state } from '../state.js'
import { $, announce, applicantName, asText, badge, dueBadge, fill, h, label, showAlert, timeEl } from '../ui.js'
import { writeQueueParams } from './queue.js'
import { factLabel, factsByStep, formatFactValue } from '../../shared/facts.js'

/** Why a session ended, when its status does not say it already (approved, rejected). */
function statusReason (s) {
  const reason = s.statusReason
  if (!reason || (s.status === 'COMPLETED' && reason === 'approved') || (s.status === 'REJECTED' && reason === 'rejected')) return ''
  return reason.replace(/_/g, ' ')
}

/** A session that may still change (it can be canceled): the console asks for it again now and then. */
const isOpen = (d) => d.canCancel === true

async function loadSession (v, { focus = false, quiet = false } = {}) {
  if (!quiet) {
    showPage('session', { focus: false })
    $('back-to-queue').href = urlFor({ ...v, view: 'queue', session: '' })
    if (!state.detail || String(state.detail.id) !== v.session) {
      $('session-title').textContent = `Session #${v.session}`
      for (const id of ['session-status', 'applicant', 'instructions', 'metadata', 'allowed-sources', 'signals', 'comparison', 'facts', 'steps', 'audit', 'tags', 'notes']) $(id).replaceChildren()
      for (const id of ['note-error', 'tags-error']) showAlert(id, '')
      $('signals-card').hidden = true
      $('comparison-card').hidden = true
      $('session-actions').hidden = true
      state.detail = null
      state.detailSignature = ''
    }
    showAlert('session-result', '')
    $('link-result').hidden = true
    if (focus) $('session-title').focus()
  }
  const seq = ++state.seq
  try {
    const detail = (await api(`/partner/reviewer/sessions/${encodeURIComponent(v.session)}`)).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('session-error', '')
    renderSession(detail)
    if (isOpen(detail)) schedulePoll(() => { void loadSession(readUrl(), { quiet: true }) })
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    showAlert('session-error', err.status === 404 || err.status === 400
      ? 'This session does not exist, or it is not in your queue.'
      : err.message)
  }
}

function renderSession (d) {
  const signature = JSON.stringify(d)
  if (signature === state.detailSignature) return
  const before = state.detail
  state.detail = d
  state.detailSignature = signature
  if (before && before.id === d.id && before.status !== d.status) announce(`This session is now ${label(d.status)}.`)

  $('session-title').textContent = `${applicantName(d)} · #${d.id}`
  document.title = `${applicantName(d)} · Reviewer console`
  fill($('session-status'),
    badge(d.status),
    statusReason(d) ? h('span', { class: 'muted' }, `Reason: ${statusReason(d)}`) : null,
    d.livemode === false ? badge('test', 'Test') : null,
    dueBadge(d),
    d.redactedAt ? h('span', { class: 'muted' }, 'Personal data redacted ', timeEl(d.redactedAt)) : null)
  renderActions(d)

  const field = (name, value) => [h('dt', {}, name), h('dd', {}, value === null || value === undefined || value === '' ? '—' : value)]
  $('applicant').replaceChildren(
    ...field('Name', [d.applicantFirstName, d.applicantLastName].filter(Boolean).join(' ')),
    ...field('Email', d.applicantEmail),
    ...field('Applicant ID', d.applicantId),
    ...field('User ID', d.userId),
    ...field('Reviewer', d.reviewerId || 'Team queue'),
    ...field('Created', timeEl(d.createdAt)),
    ...field('Expires', timeEl(d.expiryDate)),
    ...field('Re-verifies', d.parentSessionId ? h('a', { href: urlFor({ ...readUrl(), view: 'session', session: String(d.parentSessionId) }) }, `Session #${d.parentSessionId}`) : null),
    ...field('Decided', d.decidedAt ? timeEl(d.decidedAt) : null),
    ...field('Review due', d.dueAt ? timeEl(d.dueAt) : null),
    ...field('Decision reasons', (d.decisionReasons || []).map((r) => r.label).join('; ')),
    ...field('Decision note', d.decisionNote),
    ...field('Language', d.locale),
    ...field('Purpose', [d.purpose ? d.purpose.replace(/_/g, ' ') : '', d.purposeText ? `“${d.purposeText}”` : ''].filter(Boolean).join(': ')),
    ...field('Consent', consentText(d.consent)),
    ...field('Asked for more', d.moreRequest ? moreRequestText(d.moreRequest) : null),
    ...field('Applicant data', d.applicantData && Object.keys(d.applicantData).length ? h('pre', { class: 'json' }, JSON.stringify(d.applicantData, null, 2)) : null))
  $('instructions').textContent = d.instructions || 'None.'
  $('metadata').textContent = d.metadata && Object.keys(d.metadata).length ? JSON.stringify(d.metadata, null, 2) : 'None.'
  const sources = d.allowedSources || []
  $('allowed-sources').replaceChildren(...(sources.length ? sources.map((s) => h('li', {}, s.name)) : [h('li', {}, 'Any source')]))

  renderSignals(d.signals || [], d.comparison || [])

  const facts = d.facts || []
  $('facts').replaceChildren(...(facts.length ? factsByStep(facts).map(proofItem) : [h('li', { class: 'muted' }, 'No verified facts yet.')]))

  const steps = d.steps || []
  $('steps').replaceChildren(...(steps.length
    ? steps.map((s) => h('li', {},
      h('div', { class: 'row' },
        h('strong', {}, (s.source && s.source.name) || `Source ${s.dataSourceId}`),
        badge(s.status),
        h('span', { class: 'muted small' }, `${s.attempts} of ${s.maxAttempts ?? '?'} attempts used`)),
      s.failureReason ? h('p', { class: 'small' }, `Failure: ${s.failureReason}`) : null))
    : [h('li', { class: 'muted' }, 'The applicant has not chosen a source yet.')]))

  renderAnnotations(d)

  const audit = d.auditTrail || []
  $('audit').replaceChildren(...(audit.length
    ? audit.map((a) => h('li', {},
      h('div', { class: 'row' },
        timeEl(a.at),
        h('strong', {}, a.action),
        h('span', { class: 'muted' }, `by ${a.actor}`),
        a.fromStatus || a.toStatus ? h('span', {}, `${a.fromStatus || '—'} → ${a.toStatus || '—'}`) : null),
      a.detail ? h('p', { class: 'small muted' }, a.detail) : null))
    : [h('li', { class: 'muted' }, 'Nothing yet.')]))
}

/** The applicant's consent record: when, in which language, which text (its sha256) and from where. */
function consentText (c) {
  if (!c || !c.acceptedAt) return 'Not given'
  const from = [c.ip ? `from ${c.ip}` : '', c.userAgent ? `(${c.userAgent})` : ''].filter(Boolean).join(' ')
  return h('span', { class: 'consent-record', title: `text sha256 ${c.textHash}` },
    'Accepted ', timeEl(c.acceptedAt), ` in ${c.locale}, version ${c.version}, text sha256 ${String(c.textHash).slice(0, 12)}…`, from ? ` ${from}` : '')
}

/** Signals (each with its sentence) and, for a re-verification, each fact beside the previous value. */
function renderSignals (signals, comparison) {
  $('signals-card').hidden = signals.length === 0
  $('signals').replaceChildren(...signals.map((s) => h('li', { class: 'signal' },
    h('strong', {}, SIGNAL_LABELS[s.code] || s.code.replace(/_/g, ' ')),
    s.score === null || s.score === undefined ? null : h('span', { class: 'muted small' }, ` ${s.score}/100`),
    h('p', { class: 'small' }, s.sentence))))
  $('comparison-card').hidden = comparison.length === 0
  $('comparison').replaceChildren(...comparison.map((c) => h('li', {},
    h('strong', {}, `${factLabel(c.name)} `), h('span', { class: 'muted small' }, `(${c.sourceName}) `),
    // Rule 5.9: OPRF hashes are compared for equality only, never shown as the clear values.
    c.hashed === true
      ? h('span', {}, `OPRF hashes, ${c.parentValue === c.value ? 'the same' : 'different'}: ${c.parentValue === null || c.parentValue === undefined ? '—' : asText(c.parentValue)} → ${asText(c.value)}`)
      : h('span', {}, `${c.parentValue === null || c.parentValue === undefined ? '—' : asText(c.parentValue)} → ${asText(c.value)}`),
    c.change ? h('span', { class: 'badge' }, ` ${c.change}`) : null)))
}

const SIGNAL_LABELS = {
  name_mismatch: 'Name mismatch',
  account_reused: 'Account seen for another applicant',
  proof_owner_reused: 'Proof owner key reused',
  many_sessions: 'Many sessions'
}

/** The reviewer's last request for more: how many so far, when, why and what was asked. */
function moreRequestText (r) {
  const why = (r.reasons || []).map((x) => x.label).join('; ')
  return h('span', {},
    `${r.count} of 3 times, last `, timeEl(r.at), why ? ` (${why})` : '',
    r.message ? h('span', { class: 'prewrap' }, `: “${r.message}”`) : null)
}

/** One proof (one step) with the facts it proved: readable labels and amounts, its binding once. */
function proofItem (group) {
  const f = group.proof
  // pinned: the source pins its proof's provider hash; otherwise the proof is bound by its host alone (weaker).
  const binding = f.pinned === true
    ? 'Pinned: the provider is one the source pins'
    : f.pinned === false ? 'Bound by host only: the provider is not pinned' : 'Not reported'
  const id = String(f.proofIdentifier || '')
  return h('li', { class: 'fact' },
    h('h3', {}, f.sourceName),
    h('dl', { class: 'fact-values' },
      ...group.facts.flatMap((fact) => [
        h('dt', {}, factLabel(fact.name)),
        // Issue 23 (rule 5.9): an OPRF-hashed value is never shown as if it were the clear value.
        fact.hashed === true
          ? h('dd', { class: 'fact-value', title: `${fact.name}: OPRF hash ${asText(fact.value)}` }, 'Hashed (OPRF), not the clear value', h('span', { class: 'fact-hash mono muted' }, asText(fact.value)))
          : h('dd', { class: 'fact-value', title: `${fact.name}: ${asText(fact.value)}` }, formatFactValue(fact, group.facts))
      ])),
    h('details', { class: 'proof-summary' },
      h('summary', {}, `Proof from ${f.host || 'an unreported host'}, ${f.pinned === true ? 'pinned provider' : 'bound by host'}`),
      h('dl', { class: 'fields' },
        h('dt', {}, 'Host'), h('dd', {}, f.host || 'Not reported'),
        h('dt', {}, 'Binding'), h('dd', { class: `binding ${f.pinned === true ? 'pinned' : 'host'}` }, binding),
        h('dt', {}, 'Proof'), h('dd', { class: 'mono', title: id }, id.length > 20 ? `${id.slice(0, 10)}…${id.slice(-8)}` : id),
        h('dt', {}, 'Attestor'), h('dd', { class: 'mono' }, asText(f.attestor) || 'Not reported'),
        h('dt', {}, 'Proven at'), h('dd', {}, timeEl(f.provenAt)),
        // Which other rules bound the facts (rules 5.7, 5.8): its request path, each fact's extraction.
        f.pathBound === undefined ? null : h('dt', {}, 'Request path'), f.pathBound === undefined ? null : h('dd', {}, PATH_BOUND[f.pathBound] || 'Not reported'),
        group.facts.some((fact) => fact.extraction !== undefined) ? h('dt', {}, 'Extracted by') : null,
        group.facts.some((fact) => fact.extraction !== undefined)
          ? h('dd', {}, group.facts.map((fact) => `${factLabel(fact.name)}: ${EXTRACTION[fact.extraction] || 'not reported'}`).join('; '))
          : null,
        // Rule 4.2: the TEE attestation nonce; unchecked (no app secret to check it against) is not trusted.
        f.teeNonce === undefined ? null : h('dt', {}, 'TEE nonce'),
        f.teeNonce === undefined ? null : h('dd', { class: `tee-nonce ${f.teeNonce}` }, TEE_NONCE[f.teeNonce] || 'Not reported'))))
}

const PATH_BOUND = { exact: 'This exact request path', prefix: 'A request path the source allows', none: 'Any path of the host' }
const TEE_NONCE = { absent: 'None: not a TEE proof', verified: 'Verified for this service\'s Reclaim application', unchecked: 'Present but unchecked (no app secret configured): not trusted' }
const EXTRACTION = { jsonPath: 'the source\'s jsonPath', regex: 'the source\'s regex', 'jsonPath+regex': 'the source\'s jsonPath and regex', none: 'not bound by the source' }

function renderActions (d) {
  // The session's can* fields say what its status allows; can() what this key may do.
  const shown = {
    'action-approve': d.canDecide === true && can('decide'),
    'action-reject': d.canDecide === true && can('decide'),
    // A server with requests for more says so in every session (moreRequest, null or not).
    'action-more': 'moreRequest' in d && d.canDecide === true && can('decide'),
    'action-link': state.modern && d.canReissueLink === true && can('resend'),
    'action-cancel': state.modern && d.canCancel === true && can('cancel'),
    'action-redact': state.modern && d.canRedact === true && can('redact')
  }
  // A button about to vanish that holds the focus hands it to the heading, not to the page's start.
  if (Object.entries(shown).some(([id, on]) => !on && document.activeElement === $(id))) $('session-title').focus()
  for (const [id, on] of Object.entries(shown)) $(id).hidden = !on
  $('session-actions').hidden = !Object.values(shown).some(Boolean)
}

/** After an action: the session as the API returned it, a visible and spoken result, then the full detail. */
function actionDone (session, message) {
  if (session && state.detail) renderSession({ ...state.detail, ...session })
  showAlert('session-result', message)
  announce(message)
  void loadSession(readUrl(), { quiet: true })
}

/** The confirmation dialog for an action on the open session. */
function confirmAction (options) {
  openDialog({
    ...options,
    conflict: () => { void loadSession(readUrl(), { quiet: true }) },
    closed: () => {
      if (readUrl().view === 'session' && state.detail && isOpen(state.detail)) {
        schedulePoll(() => { void loadSession(readUrl(), { quiet: true }) })
      }
    }
  })
}

function decide (decision) {
  const d = state.detail
  void openDecision({
    d,
    decision,
    name: applicantName(d),
    done: (session, message) => actionDone(session, message),
    conflict: () => { void loadSession(readUrl(), { quiet: true }) },
    closed: () => {
      if (readUrl().view === 'session' && state.detail && isOpen(state.detail)) {
        schedulePoll(() => { void loadSession(readUrl(), { quiet: true }) })
      }
    }
  }).catch((err) => { showAlert('session-error', err.message) })
}

function resendLink () {
  const d = state.detail
  confirmAction({
    title: 'Send a new verification link?',
    text: 'A new link is made for this session. The current link, and any page opened from it, stop working at once.',
    confirmLabel: 'Make a new link',
    run: async () => {
      const res = await api(`/partner/session/${d.id}/link`, { method: 'POST' })
      const link = res.data.verificationLink
      $('link-output').value = link.manualVerificationLink
      $('link-result').hidden = false
      actionDone(null, 'A new verification link was made. Copy it below and send it to the applicant.')
    }
  })
}

function cancelSession () {
  const d = state.detail
  confirmAction({
    title: 'Cancel this session?',
    text: 'The session ends at once as Expired (reason: canceled); the applicant can no longer continue.',
    noteLabel: 'Reason (optional)',
    noteMax: 500, // the API's limit for a cancel reason
    confirmLabel: 'Cancel session',
    danger: true,
    run: async (reason) => {
      const res = await api(`/partner/session/${d.id}/cancel`, { method: 'POST', body: reason ? { reason } : {} })
      actionDone(res.data, 'Canceled: the session is now Expired.')
    }
  })
}

function redactSession () {
  const d = state.detail
  confirmAction({
    title: 'Redact this session permanently?',
    text: 'This erases the applicant\'s name, email, IDs, data, metadata, instructions, the decision note and the values of the proofs. It cannot be undone.',
    confirmLabel: 'Redact permanently',
    danger: true,
    run: async () => {
      const res = await api(`/partner/session/${d.id}/redact`, { method: 'POST' })
      actionDone(res.data, 'Redacted: the applicant\'s personal data is erased.')
    }
  })
}

registerPage({
  name: 'session',
  title: 'Session',
  navAs: 'queue',
  claims: (p) => Boolean(p.get('session')),
  read: (p) => ({ session: p.get('session') || '' }),
  write (v, p) {
    writeQueueParams(v, p)
    if (v.session) p.set('session', v.session)
  },
  load: loadSession,
  wire () {
    $('action-approve').addEventListener('click', () => decide('APPROVE'))
    $('action-reject').addEventListener('click', () => decide('REJECT'))
    $('action-more').addEventListener('click', () => decide('REQUEST_MORE'))
    wireDecision()
    wireAnnotations(() => state.detail, () => { void loadSession(readUrl(), { quiet: true }) })
    $('action-link').addEventListener('click', resendLink)
    $('action-cancel').addEventListener('click', cancelSession)
    $('action-redact').addEventListener('click', redactSession)
    $('link-copy').addEventListener('click', async () => {
      const input = $('link-output')
      try {
        await navigator.clipboard.writeText(input.value)
        announce('Link copied.')
      } catch {
        input.select() // no clipboard access (plain http): the reviewer copies the selection
        announce('Link selected: copy it with your keyboard.')
      }
    })
  }
})
