// Types of csv-formula.js (a plain browser module), for the server's audit CSV that imports it.
export function neutraliseFormula (text: string): string
