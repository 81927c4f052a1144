// The bare baseline of each endpoint: a tiny Fastify app on the same database and schema doing the
// same database work as the service (key or token lookup by sha256 hash included; for transitions the
// conditional UPDATE, the audit row, the outbox event and the session_counts deltas (the per-status
// totals the reviewer list reads, one upsert on a random shard) in one transaction; for submit the same
// proof verification), with no schema validation, no error envelope, no hooks. The ratio
// service / bare is then about the service's overhead, not about doing less.
import { randomBytes, randomUUID } from 'node:crypto'
import Fastify from 'fastify'
import { sql } from 'kysely'
import { newSecret, sha256Hex } from '../../dist/lib/secrets.js'
import { verifyProof } from '../../dist/modules/proofs/proof-verifier.js'
import { proofRequirementsOf } from '../../dist/modules/sources/sources.service.js'

export async function buildBareApp ({ db, attestors, csrfTtlSeconds }) {
  const k = db.kysely
  const pg = db.dialect === 'postgres'
  const app = Fastify({ logger: false })
  const now = () => new Date().toISOString()
  const fail = (reply, code) => reply.code(code).send({ statusCode: code })

  async function keyOf (request) {
    const key = request.headers['x-api-key']
    if (!key) return null
    return await k.selectFrom('apiKeys').select(['id', 'teamId', 'reviewerId']).where('keyHash', '=', sha256Hex(key)).where('revokedAt', 'is', null).executeTakeFirst()
  }
  async function csrfOf (request) {
    const token = request.headers['x-csrf-token']
    if (!token) return null
    return await k.selectFrom('csrfTokens').select('sessionId').where('tokenHash', '=', sha256Hex(token)).where('expiresAt', '>', now()).executeTakeFirst()
  }
  const session = async (db, id) => await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  const audit = async (trx, sessionId, action, fromStatus, toStatus, at, stepId = null) =>
    await trx.insertInto('auditLog').values({ sessionId, stepId, actor: 'bench', action, fromStatus, toStatus, detail: null, at }).execute()
  const emit = async (trx, teamId, sessionId, type, payload, at) =>
    await trx.insertInto('events').values({ teamId, sessionId, type, payload: JSON.stringify(payload), createdAt: at }).execute()
  const shard = () => Math.floor(Math.random() * 8)
  // The per-status totals: -1 on the old status (when there is one), +1 on the new.
  const count = async (trx, s, from, to) => {
    const rows = [...(from ? [[from, -1]] : []), [to, 1]].map(([status, n]) => sql`(${s.teamId}, ${s.livemode}, ${s.reviewerId ?? ''}, ${status}, ${shard()}, ${n})`)
    await sql`insert into session_counts (team_id, livemode, reviewer_id, status, shard, n) values ${sql.join(rows)}
      on conflict (team_id, livemode, reviewer_id, status, shard) do update set n = session_counts.n + excluded.n`.execute(trx)
  }
  async function transition (trx, s, from, to, at, extra = {}) {
    const res = await trx.updateTable('sessions').set({ status: to, updatedAt: at, ...extra }).where('id', '=', s.id).where('status', 'in', from).executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) return false
    await count(trx, s, from[0], to)
    await audit(trx, s.id, `session.${to.toLowerCase()}`, from[0], to, at)
    await emit(trx, s.teamId, s.id, `session.${to.toLowerCase()}`, { sessionId: s.id, status: to }, at)
    return true
  }
  const sourcesOf = async (sessionId) => await k.selectFrom('sources').selectAll()
    .where('id', 'in', k.selectFrom('sessionAllowedSources').select('sourceId').where('sessionId', '=', sessionId)).orderBy('id').execute()

  app.post('/partner/session', async (request, reply) => {
    const principal = await keyOf(request)
    if (!principal) return fail(reply, 401)
    const { params } = request.body
    const token = newSecret()
    const at = now()
    const row = await k.transaction().execute(async (trx) => {
      const [row] = await trx.insertInto('sessions').values({
        teamId: principal.teamId,
        reviewerId: principal.reviewerId,
        status: 'PENDING',
        expiryDate: new Date(params.expiryDate).toISOString(),
        applicantFirstName: params.applicantFirstName ?? null,
        applicantLastName: params.applicantLastName ?? null,
        linkTokenHash: sha256Hex(token),
        createdAt: at,
        updatedAt: at
      }).returningAll().execute()
      await count(trx, row, null, 'PENDING')
      await audit(trx, row.id, 'session.created', null, 'PENDING', at)
      await emit(trx, row.teamId, row.id, 'session.created', { sessionId: row.id, status: row.status }, at)
      return row
    })
    return { success: true, data: { ...row, verificationLink: { token, sessionId: row.id } } }
  })

  app.post('/partner/sdk/session', async (request, reply) => {
    const principal = await keyOf(request)
    if (!principal) return fail(reply, 401)
    const source = await k.selectFrom('sources').selectAll().where('sourceNameKey', '=', request.body.sourceName.toLowerCase()).executeTakeFirst()
    if (!source) return fail(reply, 404)
    const id = randomUUID()
    await k.insertInto('sdkSessions').values({ id, teamId: principal.teamId, sourceId: source.id, providerId: source.providerId, appId: '', createdAt: now() }).execute()
    return { success: true, data: { sessionId: id, providerId: source.providerId, appId: '', steps: JSON.parse(source.loginFlow) } }
  })

  app.post('/partner/verification/verify', async (request, reply) => {
    const { token, sessionId } = request.body
    const row = await k.selectFrom('sessions').selectAll().where('linkTokenHash', '=', sha256Hex(token)).executeTakeFirst()
    if (!row || row.id !== sessionId) return fail(reply, 401)
    const csrfToken = newSecret()
    const expiresAt = new Date(Date.now() + csrfTtlSeconds * 1000).toISOString()
    await k.insertInto('csrfTokens').values({ tokenHash: sha256Hex(csrfToken), sessionId: row.id, expiresAt, createdAt: now() }).execute()
    return { success: true, data: { csrfToken, expiresAt, sessionId: row.id, session: { id: row.id, status: row.status } } }
  })

  app.get('/partner/sources/session/:sessionId', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    const s = await session(k, principal.sessionId)
    return await sourcesOf(s.id)
  })

  app.get('/partner/sources/search', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    await session(k, principal.sessionId)
    const text = String(request.query.text).toLowerCase()
    const rows = await k.selectFrom('sources').selectAll().where('enabled', '=', 1).orderBy('id').execute()
    return rows.filter((r) => `${r.name} ${r.sourceName} ${r.description} ${r.category}`.toLowerCase().includes(text))
  })

  app.get('/partner/steps/session/:sessionId', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    const s = await session(k, principal.sessionId)
    const steps = await k.selectFrom('steps').selectAll().where('sessionId', '=', s.id).orderBy('id').execute()
    return { success: true, data: { steps } }
  })

  app.get('/partner/steps/:stepId', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    const s = await session(k, principal.sessionId)
    const step = await k.selectFrom('steps').selectAll().where('id', '=', Number(request.params.stepId)).where('sessionId', '=', s.id).executeTakeFirst()
    if (!step) return fail(reply, 404)
    return { success: true, data: step }
  })

  app.post('/partner/step/select-data-source', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    const { sessionId, dataSourceIds } = request.body
    const s = await session(k, sessionId)
    const allowed = new Set((await sourcesOf(s.id)).map((r) => r.id))
    if (!dataSourceIds.every((id) => allowed.has(id))) return fail(reply, 400)
    const at = now()
    const ok = await k.transaction().execute(async (trx) => {
      let q = trx.selectFrom('sessions').selectAll().where('id', '=', s.id)
      if (pg) q = q.forNoKeyUpdate()
      const current = await q.executeTakeFirst()
      if (current.status !== 'PENDING' && current.status !== 'PROCESSING') return false
      await trx.insertInto('steps').values(dataSourceIds.map((sourceId) => ({
        sessionId: s.id, sourceId, type: 'RECLAIM', status: 'PENDING', attempts: 0, createdAt: at, updatedAt: at
      }))).execute()
      await audit(trx, s.id, 'sources.selected', null, null, at)
      return await transition(trx, current, ['PENDING'], 'PROCESSING', at)
    })
    if (!ok) return fail(reply, 409)
    return { success: true }
  })

  app.post('/partner/step/initiate', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    const s = await session(k, principal.sessionId)
    const step = await k.selectFrom('steps').selectAll().where('id', '=', request.body.stepId).where('sessionId', '=', s.id).executeTakeFirst()
    if (!step) return fail(reply, 404)
    const source = await k.selectFrom('sources').selectAll().where('id', '=', step.sourceId).executeTakeFirst()
    const contextMessage = `partner-api:step:${step.id}:${randomBytes(16).toString('hex')}`
    const reclaimSessionId = randomBytes(12).toString('hex')
    const at = now()
    const ok = await k.transaction().execute(async (trx) => {
      const res = await trx.updateTable('steps').set({
        status: 'INITIATED', attempts: step.attempts + 1, contextMessage, reclaimSessionId, callbackTokenHash: sha256Hex(newSecret()), initiatedAt: at, updatedAt: at
      }).where('id', '=', step.id).where('status', '=', step.status).where('attempts', '=', step.attempts).executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return false
      await audit(trx, s.id, 'step.initiated', step.status, 'INITIATED', at, step.id)
      return true
    })
    if (!ok) return fail(reply, 409)
    return { status: 'success', data: { formData: { providerId: source.providerId, sessionId: reclaimSessionId, context: JSON.stringify({ contextAddress: '0x0', contextMessage }) } } }
  })

  app.post('/partner/step/submit', async (request, reply) => {
    const principal = await csrfOf(request)
    if (!principal) return fail(reply, 401)
    const s = await session(k, principal.sessionId)
    const step = await k.selectFrom('steps').selectAll().where('id', '=', request.body.stepId).where('sessionId', '=', s.id).executeTakeFirst()
    if (!step || step.status !== 'INITIATED') return fail(reply, 409)
    const source = await k.selectFrom('sources').selectAll().where('id', '=', step.sourceId).executeTakeFirst()
    const at = now()
    const claimed = await k.updateTable('steps').set({ status: 'IN_PROGRESS', updatedAt: at }).where('id', '=', step.id).where('status', '=', step.status).executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return fail(reply, 409)
    const verdicts = request.body.proofs.map((proof) => verifyProof(proof, {
      trustedAttestors: attestors,
      minSignatures: 1,
      expectedContextMessage: step.contextMessage,
      expectedReclaimSessionId: step.reclaimSessionId,
      source: { name: source.name, ...proofRequirementsOf(source) },
      now: Math.floor(Date.now() / 1000),
      notBefore: Math.floor(Date.parse(step.initiatedAt) / 1000)
    }))
    if (!verdicts.every((v) => v.valid)) return fail(reply, 422)
    const used = await k.selectFrom('proofs').select('identifier').where('identifier', 'in', verdicts.map((v) => v.identifier)).execute()
    if (used.length > 0) return fail(reply, 409)
    await k.transaction().execute(async (trx) => {
      let q = trx.selectFrom('sessions').select('id').where('id', '=', s.id)
      if (pg) q = q.forNoKeyUpdate()
      await q.executeTakeFirst()
      await trx.insertInto('proofs').values(verdicts.map((v, i) => ({
        stepId: step.id,
        identifier: v.identifier,
        owner: v.owner,
        timestampS: v.timestampS,
        providerHash: v.providerHash ?? null,
        extracted: JSON.stringify(v.extracted ?? {}),
        raw: JSON.stringify(request.body.proofs[i]),
        createdAt: at
      }))).execute()
      await trx.updateTable('steps').set({ status: 'VERIFIED', verifiedAt: at, updatedAt: at }).where('id', '=', step.id).where('status', '=', 'IN_PROGRESS').execute()
      await audit(trx, s.id, 'step.verified', 'IN_PROGRESS', 'VERIFIED', at, step.id)
      await emit(trx, s.teamId, s.id, 'step.verified', { sessionId: s.id, stepId: step.id, status: 'VERIFIED' }, at)
      const open = await trx.selectFrom('steps').select(sql`count(*)`.as('n')).where('sessionId', '=', s.id).where('status', '!=', 'VERIFIED').executeTakeFirst()
      if (Number(open.n) === 0) await transition(trx, s, ['PROCESSING'], 'REVIEWING', at)
    })
    return { success: true }
  })

  app.get('/partner/reviewer/sessions', async (request, reply) => {
    const principal = await keyOf(request)
    if (!principal) return fail(reply, 401)
    const limit = Number(request.query.limit ?? 20)
    let base = k.selectFrom('sessions').where('teamId', '=', principal.teamId)
    if (principal.reviewerId !== null) base = base.where('reviewerId', '=', principal.reviewerId)
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(limit).offset(0).execute(),
      base.select(sql`count(*)`.as('total')).executeTakeFirstOrThrow()
    ])
    return { success: true, data: rows, total: Number(count.total) }
  })

  app.get('/partner/reviewer/sessions/:sessionId', async (request, reply) => {
    const principal = await keyOf(request)
    if (!principal) return fail(reply, 401)
    const s = await k.selectFrom('sessions').selectAll().where('id', '=', Number(request.params.sessionId)).where('teamId', '=', principal.teamId).executeTakeFirst()
    if (!s) return fail(reply, 404)
    const [allowed, steps, auditTrail] = await Promise.all([
      k.selectFrom('sessionAllowedSources').select('sourceId').where('sessionId', '=', s.id).orderBy('sourceId').execute(),
      k.selectFrom('steps').selectAll().where('sessionId', '=', s.id).orderBy('id').execute(),
      k.selectFrom('auditLog').selectAll().where('sessionId', '=', s.id).orderBy('id').execute()
    ])
    const sourceIds = [...new Set([...allowed.map((a) => a.sourceId), ...steps.map((st) => st.sourceId)])]
    const [sources, proofs] = await Promise.all([
      sourceIds.length ? k.selectFrom('sources').selectAll().where('id', 'in', sourceIds).execute() : [],
      steps.length ? k.selectFrom('proofs').selectAll().where('stepId', 'in', steps.map((st) => st.id)).orderBy('stepId').orderBy('id').execute() : []
    ])
    return { success: true, data: { ...s, sources, steps, proofs, auditTrail } }
  })

  app.post('/partner/reviewer/sessions/:sessionId/decision', async (request, reply) => {
    const principal = await keyOf(request)
    if (!principal) return fail(reply, 401)
    const s = await k.selectFrom('sessions').selectAll().where('id', '=', Number(request.params.sessionId)).where('teamId', '=', principal.teamId).executeTakeFirst()
    if (!s) return fail(reply, 404)
    const to = request.body.decision === 'APPROVE' ? 'COMPLETED' : 'REJECTED'
    const at = now()
    const ok = await k.transaction().execute(async (trx) => {
      if (!await transition(trx, s, ['REVIEWING'], to, at, { decidedAt: at, decisionNote: request.body.note ?? null })) return false
      if (to === 'COMPLETED') await trx.updateTable('steps').set({ status: 'COMPLETED', updatedAt: at }).where('sessionId', '=', s.id).where('status', '=', 'VERIFIED').execute()
      return true
    })
    if (!ok) return fail(reply, 409)
    return { success: true, data: { id: s.id, status: to } }
  })

  await app.ready()
  return app
}
