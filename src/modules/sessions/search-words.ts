/**
 * The words of a search term that the word index (migration 0029) reads a term's matches through.
 * A word is a run of ASCII letters and digits; a separator is any other ASCII character. A document
 * holding the term (ASCII case aside) holds each run of the term that has a separator before it as
 * the start of one of its words, and as a whole word when a separator follows it too: "ap-00000777"
 * is held only by documents with a word starting "00000777"; in "kowalski-ga12-x", "ga12" is a whole
 * word. A run at the term's start may end a longer word ("ap" of "map-1"), and one next to a non-ASCII
 * character may continue a word of the index (SQLite's `ascii` tokenizer keeps them in words,
 * PostgreSQL's split drops them): neither is a word of the term.
 */

/** A word of a term as the index reads it: `whole` when the term ends it as well as starts it. */
export interface TermWord { word: string, whole: boolean }

/** Shorter words are not read through the index: a word of one or two letters starts too many others. */
export const MIN_TERM_WORD = 3

const ASCII_WORD = /^[a-z0-9]$/i

/** An ASCII character that is neither a letter nor a digit (undefined: the term's edge, not one). */
function separator (c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && c.charCodeAt(0) < 128 && !ASCII_WORD.test(c)
}

/** The words of a term (its text, as searched) that a matching document must hold, ASCII-lower-cased, at least MIN_TERM_WORD long. */
export function termWords (text: string): TermWord[] {
  const chars = [...text]
  const words: TermWord[] = []
  for (let i = 0; i < chars.length; i++) {
    if (!ASCII_WORD.test(chars[i])) continue
    let j = i
    while (j + 1 < chars.length && ASCII_WORD.test(chars[j + 1])) j++
    if (separator(chars[i - 1]) && j - i + 1 >= MIN_TERM_WORD) {
      words.push({ word: chars.slice(i, j + 1).join('').toLowerCase(), whole: separator(chars[j + 1]) })
    }
    i = j
  }
  return words
}

/** A word's trigrams (its letters three by three), each once: the documents holding the word hold them all. */
export function wordTrigrams (word: string): string[] {
  return [...new Set(Array.from({ length: Math.max(word.length - 2, 0) }, (_, i) => word.slice(i, i + 3)))]
}
