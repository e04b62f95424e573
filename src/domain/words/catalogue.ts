// Every user-facing word the code says, by area, in en, zh-Hant and zh-Hans. Mail bodies
// are templates (templates/); the words here are the console, the public pages, and what
// the pipeline puts into mail. A new word is one row in its area (its JSON file, or its
// module for a phrase with arguments); a new area
// is one more line here. test/unit/words.test.ts checks every area is complete.
import type { Locale } from '../intake/language.js';
import { consoleWords } from './console.js';
import { incidentWords } from './incidents.js';
import { mailWords } from './mail.js';
import { consentWords, errorWords, pageWords, recognitionWords, resultsWords } from './pages.js';
import { callbackWords, processWords } from './process.js';
import { staffProblemWords } from './staffProblems.js';

export const CATALOGUE = {
  console: consoleWords,
  process: processWords,
  callbacks: callbackWords,
  incidents: incidentWords,
  pages: pageWords,
  error: errorWords,
  results: resultsWords,
  consent: consentWords,
  recognition: recognitionWords,
  mail: mailWords,
  staffProblems: staffProblemWords,
};

export type Area = keyof typeof CATALOGUE;
export type AreaWords<A extends Area> = (typeof CATALOGUE)[A][Locale];

/** An area's words in one language. */
export function words<A extends Area>(area: A, locale: Locale): AreaWords<A> {
  return CATALOGUE[area][locale] as AreaWords<A>;
}
