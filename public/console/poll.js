// The console's one timer: the open view asks the API again every POLL_MS, never while the tab is hidden.
import { POLL_MS, state } from './state.js'

export function schedulePoll (fn) {
  clearTimeout(state.poll.timer)
  state.poll.fn = fn
  state.poll.due = false
  state.poll.timer = setTimeout(() => {
    // A hidden tab asks nothing; it catches up once when shown again.
    if (document.hidden) state.poll.due = true
    else fn()
  }, POLL_MS)
}

export function stopPoll () {
  clearTimeout(state.poll.timer)
  state.poll.fn = null
  state.poll.due = false
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && state.poll.due && state.poll.fn) {
    state.poll.due = false
    state.poll.fn()
  }
})
