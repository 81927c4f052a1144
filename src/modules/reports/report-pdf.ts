// The readable report: one to three pages with the session, the decision, the applicant's consent,
// the verified facts, the signals, each proof's host and attestors, and the sha256 of the signed
// bundle (printed and as a QR code), so a
// reader holding the PDF can find and check the bundle it summarises. Drawn with PDFKit's standard
// fonts (no headless browser, no font files).
import PDFDocument from 'pdfkit'
import qrcode from 'qrcode-generator'
import type { ReportBundle } from './reports.service.js'

const MARGIN = 50
const MUTED = '#555555'

function text (value: unknown): string {
  if (value === null || value === undefined || value === '') return '-'
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The PDF of a bundle whose canonical JSON has this sha256. */
export async function renderReportPdf (bundle: ReportBundle, sha256: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `Verification report, session ${String(bundle.session.id)}`, Author: 'partner-api', Creator: `partner-api ${bundle.service.version}` } })
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const s = bundle.session
  const width = doc.page.width - 2 * MARGIN

  const heading = (title: string) => {
    if (doc.y > doc.page.height - 140) doc.addPage()
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor('black').text(title)
    doc.moveDown(0.3).font('Helvetica').fontSize(10)
  }
  /** A label and its value; `mono` for a hash (small Courier: 64 hex digits fit on one line, so the text reads back whole). */
  const row = (label: string, value: unknown, mono = false) => {
    const y = doc.y
    doc.font('Helvetica').fontSize(10).fillColor(MUTED).text(label, MARGIN, y, { width: 140 })
    const after = doc.y
    if (mono) doc.font('Courier').fontSize(8)
    doc.fillColor('black').text(text(value), MARGIN + 150, y, { width: width - 150 })
    if (mono) doc.font('Helvetica').fontSize(10)
    doc.y = Math.max(after, doc.y)
    doc.x = MARGIN
  }

  doc.font('Helvetica-Bold').fontSize(18).text(`Verification report: session #${String(s.id)}`)
  doc.font('Helvetica').fontSize(9).fillColor(MUTED)
    .text(`Generated ${bundle.generatedAt} by partner-api ${bundle.service.version}. Every fact below was proven with a Reclaim zkTLS proof and verified offline; the signed evidence bundle (report.json) holds the complete proofs.`)
  doc.fillColor('black')

  heading('Applicant and decision')
  row('Applicant', [s.applicantFirstName, s.applicantLastName].filter(Boolean).join(' ') || null)
  row('Email', s.applicantEmail)
  row('Applicant ID', s.applicantId)
  row('Status', [s.status, s.statusReason].filter(Boolean).join(', '))
  row('Reviewer', s.reviewerId ?? 'Team queue')
  row('Created', s.createdAt)
  row('Decided', s.decidedAt)
  row('Decision note', s.decisionNote)
  if (Array.isArray(s.decisionReasons) && s.decisionReasons.length > 0) row('Reasons', (s.decisionReasons as unknown[]).map(text).join(', '))
  for (const d of bundle.decisions) row(d.action, `${d.at} by ${d.actor}${d.detail ? `: ${d.detail}` : ''}`)

  heading('Consent')
  const c = bundle.consent
  if (c === null) {
    doc.text('No consent text was accepted (the team does not ask for one).')
  } else {
    row('Accepted', c.acceptedAt)
    row('Language', c.locale)
    row('Text version', c.version)
    row('Text sha256', c.textHash, true)
  }

  heading('Verified facts')
  if (bundle.facts.length === 0) doc.text('No verified facts.')
  // Rule 5.9: a value read through an OPRF-hashing redaction is a hash, never shown as the clear value.
  for (const f of bundle.facts) row(`${text(f.sourceName)}: ${text(f.name)}`, f.hashed === true ? `OPRF hash, not the clear value: ${text(f.value)}` : f.value)

  heading('Signals')
  if (bundle.signals.length === 0) doc.text('No signals were raised.')
  else doc.fillColor(MUTED).text('Raised when a step was verified, for the reviewer: they inform, they decided nothing.').fillColor('black').moveDown(0.3)
  for (const g of bundle.signals) {
    const about = [g.stepId === null ? 'session' : `step ${g.stepId}`, g.score === null ? null : `score ${g.score}`, g.createdAt].filter(Boolean).join(', ')
    row(g.code, `${g.sentence} (${about})`)
  }

  heading('Proofs')
  for (const step of bundle.steps) {
    for (const p of step.proofs) {
      row('Source', `${step.sourceName} (step ${step.id}, ${step.status})`)
      row('Host', `${text(p.host)} (${p.pinned ? 'provider pinned by the source' : 'bound by host'})`)
      row('Attestors', p.attestors.join(', ') || '-')
      row('Proof identifier', p.identifier)
      row('Verified at', p.verifiedAt)
      doc.moveDown(0.4)
    }
  }
  if (bundle.steps.every((st) => st.proofs.length === 0)) doc.text('No proofs.')

  heading('Evidence bundle')
  doc.text('sha256 of the bundle\'s canonical JSON (RFC 8785), the one its Ed25519 signature covers:')
  doc.moveDown(0.3).font('Courier').fontSize(9).text(sha256).font('Helvetica').fontSize(10)
  doc.moveDown(0.3).fillColor(MUTED).text('Check it offline: partner-api report verify report.json --public-key KEY (the instance\'s key: GET /.well-known/partner-api-report-key).').fillColor('black')

  const qr = qrcode(0, 'M')
  qr.addData(sha256)
  qr.make()
  const modules = qr.getModuleCount()
  const cell = 3
  const size = (modules + 8) * cell // a quiet zone of 4 modules each side
  if (doc.y + size + 10 > doc.page.height - MARGIN) doc.addPage()
  const x0 = MARGIN
  const y0 = doc.y + 10
  doc.rect(x0, y0, size, size).fill('white')
  for (let r = 0; r < modules; r++) {
    for (let c = 0; c < modules; c++) {
      if (qr.isDark(r, c)) doc.rect(x0 + (c + 4) * cell, y0 + (r + 4) * cell, cell, cell).fill('black')
    }
  }
  doc.end()
  return await done
}
