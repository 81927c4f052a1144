// The team's webhook endpoints, the recent deliveries of one (payload, the receiver's answer) and
// redelivery. Team keys only: a reviewer's key is told so.
import { api } from '../api.js'
import { readUrl, registerPage, showPage, urlFor } from '../router.js'
import { can, state } from '../state.js'
import { $, announce, badge, h, keepFocus, showAlert, when } from '../ui.js'

async function loadWebhooks (v, { focus = false } = {}) {
  showPage('webhooks', { focus })
  const seq = ++state.seq
  let listed = false
  try {
    const endpoints = (await api('/partner/webhooks')).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('webhooks-error', '')
    $('webhooks-empty').hidden = endpoints.length > 0
    $('webhook-list').replaceChildren(...endpoints.map((w) => webhookItem(v, w)))
    listed = true
  } catch (err) {
    if (seq !== state.seq || !state.signedIn) return
    $('webhook-list').replaceChildren()
    $('webhooks-empty').hidden = true
    showAlert('webhooks-error', err.status === 403 ? 'Webhooks are managed with the team\'s API key; this key is a reviewer\'s.' : err.message)
  }
  // A key that may not list the endpoints is not asked for their deliveries either.
  $('deliveries').hidden = !(listed && v.webhook)
  showAlert('deliveries-result', '')
  if (listed && v.webhook) await loadDeliveries(v.webhook)
}

function webhookItem (v, w) {
  const selected = v.webhook === String(w.id)
  return h('li', { class: 'card webhook' },
    h('div', { class: 'row' },
      h('strong', { class: 'mono' }, w.url),
      badge(w.enabled ? 'enabled' : 'disabled', w.enabled ? 'Enabled' : 'Disabled')),
    w.description ? h('p', { class: 'small' }, w.description) : null,
    h('p', { class: 'small muted' }, `Events: ${(w.events || []).join(', ')} · created ${when(w.createdAt)}`),
    h('p', {}, h('a', {
      href: urlFor({ ...v, view: 'webhooks', webhook: String(w.id) }),
      'data-nav': true,
      'aria-current': selected ? 'true' : null,
      'aria-label': `Recent deliveries to ${w.url}`
    }, selected ? 'Showing recent deliveries' : 'Recent deliveries')))
}

/** Re-renders the deliveries keeping the focus and the payloads and answers the reviewer opened. */
function renderDeliveries (webhookId, deliveries) {
  const list = $('delivery-list')
  const opened = new Set(Array.from(list.querySelectorAll('details[open]'), (el) => el.getAttribute('data-key')))
  keepFocus(list, () => {
    list.replaceChildren(...deliveries.map((d) => deliveryItem(webhookId, d)))
    for (const el of list.querySelectorAll('details')) if (opened.has(el.getAttribute('data-key'))) el.open = true
  })
  $('deliveries-empty').hidden = deliveries.length > 0
}

async function loadDeliveries (webhookId) {
  const seq = state.seq
  try {
    const deliveries = (await api(`/partner/webhooks/${encodeURIComponent(webhookId)}/deliveries?limit=20`)).data
    if (seq !== state.seq || !state.signedIn) return
    showAlert('deliveries-error', '')
    state.deliveries = deliveries
    renderDeliveries(webhookId, deliveries)
  } catch (err) {
    if (!state.signedIn || seq !== state.seq) return
    showAlert('deliveries-error', err.status === 404 ? 'This endpoint no longer exists.' : err.message)
  }
}

/** A receiver's answer as it came; JSON is indented so it reads like the payload. */
function answerText (text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function deliveryItem (webhookId, d) {
  let outcome = d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : d.lastError || (d.attempts ? 'no answer' : 'not tried yet')
  // Queued again (redelivered) and not tried since: what is shown is the previous round's answer.
  if (d.status === 'PENDING' && !d.attempts && (d.lastStatusCode || d.lastError)) outcome = `queued again · previous answer ${outcome}`
  const what = `${d.eventType} ${d.eventId}`
  // <details>/<summary>: collapsed by default, opened with Enter or Space, announced as expandable.
  const section = (key, title, body) => h('details', { class: `delivery-${key}`, 'data-key': `${key}-${d.id}` },
    h('summary', {}, title, h('span', { class: 'visually-hidden' }, ` of ${what}`)),
    body)
  return h('li', { class: 'delivery', 'data-delivery': d.id },
    h('div', { class: 'row' },
      h('strong', {}, d.eventType),
      badge(d.status),
      h('span', { class: 'muted small' }, `${d.attempts} attempt${d.attempts === 1 ? '' : 's'} · ${outcome} · ${when(d.createdAt)}`)),
    h('p', { class: 'small muted mono' }, d.eventId),
    d.lastError && d.lastStatusCode ? h('p', { class: 'small' }, d.lastError) : null,
    d.status === 'PENDING' && d.nextAttemptAt ? h('p', { class: 'small muted' }, `Next attempt ${when(d.nextAttemptAt)}`) : null,
    d.payload !== undefined
      ? section('payload', 'Payload', h('pre', { class: 'json', tabindex: '0', 'aria-label': `Payload of ${what}` }, d.payload === null ? 'null (erased with its session)' : JSON.stringify(d.payload, null, 2)))
      : null,
    d.response === undefined
      ? null
      : d.response === null
        ? h('p', { class: 'small muted delivery-no-response' }, 'No answer from the receiver yet.')
        : section('response', `Receiver's answer${d.lastStatusCode ? ` (HTTP ${d.lastStatusCode})` : ''}`,
          h('pre', { class: 'json', tabindex: '0', 'aria-label': `Receiver's answer to ${what}` }, d.response === '' ? '(empty body)' : answerText(d.response)),
          d.response.length >= 2048 ? h('p', { class: 'small muted' }, 'The first 2 KiB of the answer.') : null),
    state.modern && can('redeliver')
      ? h('div', { class: 'actions' }, h('button', {
        type: 'button',
        class: 'button secondary small',
        'data-key': `redeliver-${d.id}`,
        'aria-label': `Redeliver ${what}`,
        onclick: (event) => { void redeliver(webhookId, d, event.currentTarget) }
      }, 'Redeliver'))
      : null)
}

async function redeliver (webhookId, d, button) {
  // aria-disabled, not disabled: a disabled button would drop the keyboard focus to the page's start.
  if (button.getAttribute('aria-disabled') === 'true') return
  button.setAttribute('aria-disabled', 'true')
  showAlert('deliveries-error', '')
  showAlert('deliveries-result', '')
  try {
    // api() sends a fresh random Idempotency-Key with every POST.
    const res = await api(`/partner/webhooks/${encodeURIComponent(webhookId)}/deliveries/${encodeURIComponent(d.id)}/redeliver`, { method: 'POST' })
    if (!state.signedIn) return
    // At once: the delivery as the API answered it (PENDING again), then the list as it is now.
    const again = res.data
    renderDeliveries(webhookId, (state.deliveries || []).map((x) => (x.id === again.id ? again : x)))
    const message = `${d.eventType} (${d.eventId}) will be delivered again: it is Pending.`
    showAlert('deliveries-result', message)
    announce(message)
    await loadDeliveries(webhookId)
  } catch (err) {
    if (!state.signedIn) return
    let message = err.message
    if (err.status === 409) message = `${err.message} Enable the endpoint to redeliver its events.`
    if (err.status === 403) message = 'This API key may not redeliver webhook deliveries.'
    showAlert('deliveries-error', message)
    button.removeAttribute('aria-disabled')
  }
}

registerPage({
  name: 'webhooks',
  title: 'Webhooks',
  menu: 'Webhooks',
  read: (p) => ({ webhook: p.get('webhook') || '' }),
  write (v, p) { if (v.webhook) p.set('webhook', v.webhook) },
  load: loadWebhooks,
  wire () {
    $('deliveries-refresh').addEventListener('click', () => {
      const v = readUrl()
      showAlert('deliveries-result', '')
      if (v.webhook) void loadDeliveries(v.webhook)
    })
  }
})
