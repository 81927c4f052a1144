/**
 * API versions (issue 19, item 7). A request may name the version it was written against in the
 * `Partner-Version` header; without one it is served with its key's pinned version (the current
 * one when the key was made), or the current version when there is no key. Every answer says, in
 * the same header, which version served it. Webhook endpoints are pinned when created, and each
 * delivery (and every listed event) says the version its payload is shaped by.
 *
 * How a breaking change ships (see the README): a new dated version is added at the END of
 * API_VERSIONS and becomes CURRENT_API_VERSION; the change is written once, as a step that turns an
 * answer (or event payload) of the new version into the one the previous version had, registered
 * in DOWNGRADES under the new version. An older pinned caller's answer is produced by applying
 * the steps from the current version back to its own. Keys and endpoints made before keep their
 * version until their owner moves them.
 */

export const API_VERSION_HEADER = 'partner-version'

/** Every version this server can answer with, oldest first; the last is the current one. */
export const API_VERSIONS = ['2026-12-01'] as const
export type ApiVersion = typeof API_VERSIONS[number]
export const CURRENT_API_VERSION: ApiVersion = API_VERSIONS[API_VERSIONS.length - 1]

export const isApiVersion = (value: string): value is ApiVersion => (API_VERSIONS as readonly string[]).includes(value)

/** What a version changed, undone: turns an event payload of that version into the previous version's. */
type Downgrade = (type: string, data: unknown) => unknown
const DOWNGRADES: Partial<Record<ApiVersion, Downgrade>> = {}

/**
 * An event payload (stored as the current version shapes it) as `version` shapes it: the downgrade
 * steps of every newer version, newest first. With one version this is the payload itself.
 */
export function eventDataFor (version: string, type: string, data: unknown): unknown {
  const target = isApiVersion(version) ? API_VERSIONS.indexOf(version) : API_VERSIONS.length - 1
  let shaped = data
  for (let i = API_VERSIONS.length - 1; i > target; i--) {
    const step = DOWNGRADES[API_VERSIONS[i]]
    if (step) shaped = step(type, shaped)
  }
  return shaped
}
