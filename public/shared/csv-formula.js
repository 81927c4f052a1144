// The one rule of which CSV cells a spreadsheet would run as a formula, for every CSV this service
// writes: the console's queue export (public/console/csv.js, in the browser) and the audit log's
// (src/modules/audit/audit.service.ts, on the server), so the two cannot drift apart.
//
// A leading = + - @ starts a formula in Excel, LibreOffice and Google Sheets, also after leading
// white space the spreadsheet trims (` =1+1`, `\n@x`); a leading tab or line break can hide one
// (OWASP "CSV injection"). Full-width forms count too (＝ ＋ － ＠: spreadsheets in East Asian
// locales fold them). `\s` covers the no-break and ideographic spaces.
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r\n]/

/** A cell's text as a spreadsheet should show it: prefixed with a single quote (shown as text) when it could start a formula. */
export function neutraliseFormula (text) {
  return FORMULA_START.test(text) ? `'${text}` : text
}
