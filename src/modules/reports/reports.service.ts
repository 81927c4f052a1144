import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { parseJson } from '../../lib/json.js'
import { ROOT_DIR } from '../../lib/paths.js'
import type { Principal } from '../../lib/permissions.js'
import { canReport } from '../lifecycle/lifecycle.js'
import type { ProofsRepository } from '../proofs/proofs.repository.js'
import type { ReviewerService } from '../reviewer/reviewer.service.js'
import type { SessionReader } from '../sessions/session-read.js'
import { proofRequirementsOf } from '../sources/sources.service.js'
import { renderReportPdf } from './report-pdf.js'
import { publicJwk, signAndDigest, type PublicJwk, type ReportKey, type SignedReport } from './report-signature.js'

export const REPORT_FORMAT = 'partner-api.evidence/1'

const SERVICE_VERSION = (JSON.parse(readFileSync(join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version

/** One proof as the report carries it: the complete signed proof, re-checkable offline. */
export interface ReportProof {
  identifier: string
  /** When the service verified and stored it. */
  verifiedAt: string
  /** The trusted attestors whose signatures counted. */
  attestors: string[]
  host: string | null
  pinned: boolean
  /** The proof as the applicant (or Reclaim) submitted it: claimData, signatures, witnesses. */
  proof: unknown
}

export interface ReportStep {
  id: number
  sourceName: string
  status: string
  /** What the proof had to carry to be bound to this step (rule 4). */
  binding: { contextMessage: string | null, reclaimSessionId: string | null }
  /** The source's proof requirements (rule 5) at the time: as its last proof was verified against them (the source as it is, for proofs accepted before they were kept). */
  proofRequirements: { hosts: string[], providerHashes: string[], parameters: string[] }
  proofs: ReportProof[]
}

/** A signal raised when a step was verified: it informs the reviewer, it never decided anything. */
export interface ReportSignal { code: string, stepId: number | null, score: number | null, sentence: string, details: Record<string, unknown>, createdAt: string }

/** What the applicant accepted: the consent text's version, the sha256 of the exact text shown, its language and when (not where from). */
export interface ReportConsent { version: string, textHash: string, locale: string, acceptedAt: string }

export interface ReportBundle {
  format: typeof REPORT_FORMAT
  generatedAt: string
  service: { name: 'partner-api', version: string, verificationRules: 'docs/proof-verification.md' }
  session: Record<string, unknown>
  /** Null when the applicant accepted no consent text (the team does not ask for it). */
  consent: ReportConsent | null
  facts: Array<Record<string, unknown>>
  signals: ReportSignal[]
  decisions: Array<{ action: string, actor: string, at: string, detail: string | null }>
  steps: ReportStep[]
  /** Every attestor that signed a proof of the report. */
  attestors: string[]
}

/** The session's evidence bundle, signed with the instance's report key; the PDF is drawn from it. */
export class ReportsService {
  constructor (
    private readonly reader: SessionReader,
    private readonly reviewer: ReviewerService,
    private readonly proofs: ProofsRepository,
    private readonly key: ReportKey,
    private readonly clock: Clock
  ) {}

  publicKey (): PublicJwk { return publicJwk(this.key) }

  /** The session's report as a PDF, with the sha256 of the signed bundle it is drawn from. */
  async pdf (principal: Principal, sessionId: number): Promise<{ pdf: Buffer, sha256: string }> {
    const { bundle, sha256 } = await this.report(principal, sessionId)
    return { pdf: await renderReportPdf(bundle, sha256), sha256 }
  }

  async report (principal: Principal, sessionId: number): Promise<SignedReport<ReportBundle> & { sha256: string }> {
    const read = await this.reader.read(principal, sessionId)
    const { session, steps, source } = read
    if (session.redactedAt !== null) throw fail('session_redacted', 'The session was redacted: its report is gone with the applicant\'s data')
    if (!canReport(session.status)) throw fail('session_status_conflict', `A report documents a session from REVIEWING on; this one is ${session.status}`)
    // One read of the session and its proofs, for the reviewer's detail and the report's own fields.
    const proofRows = await this.proofs.listForSteps(steps.map((s) => s.id))
    const detail = await this.reviewer.detailOf(read, proofRows)
    const d = detail.data
    const reportSteps: ReportStep[] = steps.map((step) => {
      const src = source(step.sourceId)
      const kept = proofRows.filter((p) => p.stepId === step.id && p.requirements !== null).at(-1)
      const req = kept ? { ...proofRequirementsOf(src), ...parseJson<Partial<ReturnType<typeof proofRequirementsOf>>>(kept.requirements, {}) } : proofRequirementsOf(src)
      return {
        id: step.id,
        sourceName: src.sourceName,
        status: step.status,
        binding: { contextMessage: step.contextMessage, reclaimSessionId: step.reclaimSessionId },
        proofRequirements: { hosts: [...req.hosts], providerHashes: [...req.providerHashes], parameters: [...req.parameters] },
        proofs: proofRows.filter((p) => p.stepId === step.id).map((p) => ({
          identifier: p.identifier,
          verifiedAt: p.createdAt,
          attestors: parseJson<string[]>(p.signers, []),
          host: p.host,
          pinned: p.pinned === 1,
          proof: parseJson<unknown>(p.raw, null)
        }))
      }
    })
    const decided = new Set(['session.approved', 'session.rejected', 'session.more_requested'])
    const bundle: ReportBundle = {
      format: REPORT_FORMAT,
      generatedAt: this.clock.iso(),
      service: { name: 'partner-api', version: SERVICE_VERSION, verificationRules: 'docs/proof-verification.md' },
      session: {
        id: d.id,
        status: d.status,
        statusReason: d.statusReason ?? null,
        livemode: d.livemode,
        applicantFirstName: d.applicantFirstName,
        applicantLastName: d.applicantLastName,
        applicantEmail: d.applicantEmail,
        applicantId: d.applicantId,
        reviewerId: d.reviewerId,
        createdAt: d.createdAt,
        decidedAt: d.decidedAt ?? null,
        decisionNote: d.decisionNote ?? null,
        ...('decisionReasons' in d ? { decisionReasons: (d as Record<string, unknown>).decisionReasons } : {})
      },
      consent: d.consent ? { version: d.consent.version, textHash: d.consent.textHash, locale: d.consent.locale, acceptedAt: d.consent.acceptedAt } : null,
      facts: d.facts.map((f) => ({ ...f })),
      signals: (d.signals ?? []).map((g) => ({ code: g.code, stepId: g.stepId, score: g.score, sentence: g.sentence, details: { ...g.details }, createdAt: g.createdAt })),
      decisions: d.auditTrail.filter((a) => decided.has(a.action)).map((a) => ({ action: a.action, actor: a.actor, at: a.at, detail: a.detail })),
      steps: reportSteps,
      attestors: [...new Set(reportSteps.flatMap((s) => s.proofs.flatMap((p) => p.attestors)))].sort()
    }
    return signAndDigest(bundle, this.key)
  }
}
